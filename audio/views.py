"""Reader-facing audio: the MP3 of a narration (with byte ranges) and the podcast feed."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import IO

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from audio import selectors
from audio.podcast import channel_context, episode_context
from audio.ranges import UnsatisfiableRange, parse_range
from newsroom.page_cache import reader_cacheable

logger = logging.getLogger("masthead.audio")

CHUNK_BYTES = 64 * 1024


@require_safe
def narration_audio(request: HttpRequest, article_id: int, version: str) -> HttpResponseBase:
    """The article's MP3. Answers Range with 206 so players and phones can seek; 416 for a range
    past the end. The version in the URL names the stored rendering, so new audio gets a new URL."""
    narration = selectors.servable_narration(article_id=article_id)
    if narration is None:
        raise Http404("This article has no audio.")
    if version != narration.audio_version:
        return HttpResponseRedirect(narration.audio_url)
    name = narration.audio.name or ""
    if not _stored_locally(name):
        return _redirect_to_storage(name)
    try:
        size = default_storage.size(name)
    except OSError:
        logger.error("narration file missing", extra={"article_id": article_id, "file": narration.audio.name})
        raise Http404("This article's audio is not available right now.") from None

    etag = f'"{narration.audio_version}"'
    header = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if if_range and if_range != etag:
        header = None  # the client's copy is a different version: send it all
    # The range is read before the file is opened, so no answer can leave a handle open.
    try:
        byte_range = parse_range(header, size)
    except UnsatisfiableRange:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        _audio_headers(response, etag)
        return response
    try:
        handle = default_storage.open(name, "rb")
    except OSError:
        logger.error("narration file missing", extra={"article_id": article_id, "file": narration.audio.name})
        raise Http404("This article's audio is not available right now.") from None

    streaming: StreamingHttpResponse
    if byte_range is None:
        streaming = StreamingHttpResponse(_read(handle, 0, size), content_type="audio/mpeg")
        streaming["Content-Length"] = str(size)
    else:
        streaming = StreamingHttpResponse(
            _read(handle, byte_range.start, byte_range.length), status=206, content_type="audio/mpeg"
        )
        streaming["Content-Length"] = str(byte_range.length)
        streaming["Content-Range"] = byte_range.content_range(size)
    _audio_headers(streaming, etag)
    return streaming


def _stored_locally(name: str) -> bool:
    try:
        default_storage.path(name)
    except NotImplementedError:  # object storage (S3 and the like) has no local path
        return False
    return True


def _redirect_to_storage(name: str) -> HttpResponseBase:
    """Object storage answers Range itself (and a CDN in front of it caches): send the player
    there rather than tie a web worker up for the length of a download. The URL is signed or
    public as the storage is configured; the redirect is kept briefly, well inside a signature's
    lifetime, and privately, so no shared cache hands out a link after it has expired."""
    response = HttpResponseRedirect(default_storage.url(name))
    response["Cache-Control"] = "private, max-age=60"
    return response


def _audio_headers(response: HttpResponseBase, etag: str) -> None:
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    # Short-lived: unpublishing an article must stop its audio being served soon after.
    response["Cache-Control"] = "public, max-age=600"


def _read(handle: IO[bytes], start: int, length: int) -> Iterator[bytes]:
    try:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_BYTES, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


@reader_cacheable
@require_safe
def podcast_feed(request: HttpRequest) -> HttpResponse:
    """RSS 2.0 with the iTunes namespace: what Apple Podcasts and Spotify ask of a show."""
    context = channel_context(request)
    context["episodes"] = [episode_context(request, narration) for narration in selectors.podcast_episodes()]
    xml = render_to_string("audio/podcast.xml", context)
    return HttpResponse(xml, content_type="application/rss+xml; charset=utf-8")


@reader_cacheable
@require_safe
def podcast_artwork(request: HttpRequest) -> HttpResponse:
    """Square show artwork (1400 px, as Apple requires) drawn from the newsroom's name."""
    from PIL import Image, ImageDraw, ImageFont

    name = channel_context(request)["title"]
    image = Image.new("RGB", (1400, 1400), "#1d2b3a")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=110)
    lines = _wrap(name, 14)
    top = 700 - len(lines) * 70
    for number, line in enumerate(lines):
        draw.text((700, top + number * 140), line, fill="#f4efe6", font=font, anchor="mm")
    draw.text((700, 1180), "Audio edition", fill="#e0a84b", font=ImageFont.load_default(size=64), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    response["Cache-Control"] = f"public, max-age={60 * 60 * 24 if not settings.DEBUG else 60}"
    return response


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
