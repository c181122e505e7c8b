"""CMS views for narration: the list (failed ones first), one article's status, and regeneration."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from audio import selectors, services
from audio.models import Narration

STATUS_TABS = [("failed", "Failed"), ("queued", "Queued"), ("running", "Running"), ("ready", "Ready"), ("", "All")]
# Who may read the list of every narration and its errors (which name unpublished and private
# stories): editors. Django's own view permission of the model; the CMS roles grant it to the
# Editors group. One article's status page needs only edit rights on that article.
LIST_PERMISSION = "audio.view_narration"


def narration_index(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(LIST_PERMISSION):
        # A 403 page, not Wagtail's redirect to the dashboard, so the person knows what to ask for.
        return TemplateResponse(request, "audio/admin/narration_forbidden.html", status=403)
    status = request.GET.get("status", "failed")
    if status not in {value for value, _label in STATUS_TABS}:
        status = "failed"
    narrations = Narration.objects.select_related("article").order_by("-queued_at", "-pk")
    if status:
        narrations = narrations.filter(status=status)
    return TemplateResponse(
        request,
        "audio/admin/narration_index.html",
        {
            "narrations": narrations[:200],
            "status": status,
            "tabs": STATUS_TABS,
            "backlog": selectors.narration_backlog(),
        },
    )


def _editable_article(request: HttpRequest, article_id: int):
    from newsroom.models import ArticlePage

    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is None:
        raise Http404("No article has this id.")
    if not article.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return article


@require_http_methods(["GET", "HEAD"])
def article_narration(request: HttpRequest, article_id: int) -> HttpResponse:
    article = _editable_article(request, article_id)
    narration = Narration.objects.filter(article=article).first()
    return TemplateResponse(request, "audio/admin/article_narration.html", {"article": article, "narration": narration})


@require_POST
def regenerate_narration(request: HttpRequest, article_id: int) -> HttpResponse:
    article = _editable_article(request, article_id)
    if not article.live:
        messages.error(request, "This article is not published. Publish it first; its audio is made on publishing.")
    elif not article.narration_enabled:
        messages.error(
            request,
            "Narration is switched off for this article. Switch it on in the Promote tab and publish again.",
        )
    else:
        services.narration_request(article=article, force=True)
        messages.success(request, "New audio has been queued. It is usually ready within a minute.")
    return redirect("audio_admin:article", article_id=article.pk)
