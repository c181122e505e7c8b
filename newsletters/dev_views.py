"""DEBUG-only pages to read the development mailbox (see dev_mailbox.py). Not routed when
DEBUG is off, and they refuse to answer if it is switched off later in the process."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from newsletters.dev_mailbox import list_messages, read_message

LINK = re.compile(r"https?://[^\s<>\"')\]]+")


def _require_debug() -> None:
    if not settings.DEBUG:
        raise Http404("The development mailbox only exists with DEBUG on.")


@never_cache
def mailbox_index(request: HttpRequest) -> HttpResponse:
    _require_debug()
    messages = list_messages(settings.NEWSLETTERS_MAILBOX_DIR, limit=200)
    return render(
        request,
        "newsletters/dev/mailbox.html",
        {"messages": messages, "directory": settings.NEWSLETTERS_MAILBOX_DIR, "port": settings.EMAIL_PORT},
    )


@never_cache
def mailbox_message(request: HttpRequest, name: str) -> HttpResponse:
    _require_debug()
    message = read_message(settings.NEWSLETTERS_MAILBOX_DIR, name)
    if message is None:
        raise Http404("No such message in the development mailbox.")
    text = message.body("plain")
    markup = message.body("html")
    links = list(dict.fromkeys(LINK.findall(text)))
    return render(
        request,
        "newsletters/dev/message.html",
        {
            "message": message,
            "text": text,
            # <base target=_top> so links in the sandboxed frame open in the window.
            "html": '<base target="_top">' + markup if markup else "",
            "links": links,
            "headers": list(message.message.items()),
        },
    )
