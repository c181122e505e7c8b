"""Reader-facing newsletter pages: lists, sign-up, confirmation, unsubscribe and preferences.

Why the POST endpoints are csrf_exempt: the sign-up form is in the footer of every page, and
those pages are served to everyone from a shared cache, so they cannot carry a per-reader CSRF
token. CSRF protection is replaced by (1) an Origin/Referer check that refuses posts from other
sites, (2) a honeypot and rate limits, and (3) double opt-in: a forged sign-up can at worst
send one confirmation email an hour, and nothing is subscribed until the mailbox owner
confirms. Confirm, unsubscribe and preference posts are authorised by a signed token in the
URL, not by a session, so there is no session to ride. See CONTEXT.md.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from lib import rate_limits
from lib.client_ip import client_ip, client_network
from lib.email_address import normalise_email
from lib.same_origin import same_origin
from newsletters import selectors, services, tokens
from newsletters.forms import EmailOnlyForm, PreferencesForm, SignupForm
from newsletters.models import Issue, Newsletter, Subscriber, Subscription
from newsletters.rendering import preview_context
from newsroom.page_cache import reader_cacheable


def _refuse_cross_site(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "newsletters/message.html",
        {
            "title": "This form was sent from another website",
            "lines": [
                "For your safety we only accept sign-ups made on our own pages. Please use the form on this site."
            ],
            "link": ("/newsletters/", "Go to our newsletters"),
        },
        status=403,
    )


def _rate_limited(request: HttpRequest) -> HttpResponse:
    response = render(
        request,
        "newsletters/message.html",
        {
            "title": "Too many attempts",
            "lines": [
                "We received a lot of sign-up attempts from you in a short time, "
                "so we paused them to protect our readers' inboxes.",
                "Please wait an hour and try again. If you already signed up, "
                "look for our confirmation email (and in your spam folder).",
            ],
        },
        status=429,
    )
    response["Retry-After"] = "3600"
    return response


def _choices() -> list[tuple[int, str]]:
    return [(n["id"], n["name"]) for n in selectors.public_newsletters()]


@reader_cacheable
def newsletter_index(request: HttpRequest) -> HttpResponse:
    newsletters = list(Newsletter.objects.filter(is_public=True))
    return render(request, "newsletters/index.html", {"newsletters": newsletters})


@reader_cacheable
def newsletter_detail(request: HttpRequest, slug: str) -> HttpResponse:
    newsletter = get_object_or_404(Newsletter, slug=slug, is_public=True)
    return render(
        request,
        "newsletters/detail.html",
        {"newsletter": newsletter, "issues": selectors.recent_issues(newsletter)},
    )


@reader_cacheable
def issue_web_version(request: HttpRequest, slug: str, issue_id: int) -> HttpResponse:
    issue = get_object_or_404(
        Issue.objects.select_related("newsletter"),
        pk=issue_id,
        newsletter__slug=slug,
        newsletter__is_public=True,  # a hidden newsletter's issues are for its subscribers only
        status=Issue.Status.SENT,
    )
    return render(request, "newsletters/issue_page.html", preview_context(issue))


@csrf_exempt
@require_POST
@never_cache
def subscribe(request: HttpRequest) -> HttpResponse:
    if not same_origin(request):
        return _refuse_cross_site(request)
    form = SignupForm(request.POST, newsletter_choices=_choices())
    thanks = HttpResponseRedirect(reverse("newsletters:thanks"), status=303)
    thanks.status_code = 303
    if form.is_bot:
        return thanks  # look like success; a bot learns nothing
    if not rate_limits.hit("newsletters-ip", client_network(request), limit=10, window_seconds=600):
        return _rate_limited(request)
    if not form.is_valid():
        return _signup_again(request, form)
    address = normalise_email(form.cleaned_data["email"])
    if not rate_limits.hit("newsletters-address", address.lower(), limit=5, window_seconds=3600):
        return _rate_limited(request)
    services.subscriber_request(
        email=address,
        newsletter_ids=form.cleaned_data["newsletters"],
        consent=services.ConsentContext(
            form=form.cleaned_data.get("form") or "",
            page=form.cleaned_data.get("page") or "",
            ip_address=client_ip(request),
        ),
    )
    return thanks


def _signup_again(request: HttpRequest, form: SignupForm) -> HttpResponse:
    """The form again, with the reader's input and the error beside the field (no JS needed)."""
    chosen = [int(v) for v in request.POST.getlist("newsletters") if v.isdigit()]
    form_name = "".join(c for c in request.POST.get("form", "") if c.isalnum() or c == "-")[:40] or "retry"
    context = {
        "newsletters": selectors.public_newsletters(),
        "form_name": form_name,
        "page_path": request.POST.get("page", "")[:500],
        "email_value": request.POST.get("email", "")[:254],
        "email_error": (form.errors.get("email") or [""])[0],
        "newsletters_error": (form.errors.get("newsletters") or [""])[0],
        "chosen_ids": chosen or [0],
        "wording": services.CONSENT_WORDING,
    }
    return render(request, "newsletters/subscribe_again.html", context, status=400)


@reader_cacheable
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletters/thanks.html")


def _bad_link(request: HttpRequest, error: tokens.BadToken) -> HttpResponse:
    return render(request, "newsletters/bad_link.html", {"expired": error.expired, "form": EmailOnlyForm()}, status=400)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET only shows a button: mail scanners that open links must never confirm anyone."""
    try:
        data = tokens.read_confirm_token(token)
    except tokens.BadToken as error:
        return _bad_link(request, error)
    if request.method == "GET":
        newsletters = Newsletter.objects.filter(pk__in=data.newsletter_ids)
        return render(request, "newsletters/confirm.html", {"newsletters": newsletters})
    if not same_origin(request):
        return _refuse_cross_site(request)
    try:
        outcome = services.subscription_confirm(token=token, ip_address=client_ip(request))
    except tokens.BadToken as error:
        return _bad_link(request, error)
    return render(
        request,
        "newsletters/confirmed.html",
        {
            "outcome": outcome,
            "preferences_url": reverse(
                "newsletters:preferences", kwargs={"token": tokens.make_preferences_token(outcome.subscriber.pk)}
            ),
        },
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def new_link(request: HttpRequest) -> HttpResponse:
    form = EmailOnlyForm(request.POST or None)
    if request.method == "POST":
        if not same_origin(request):
            return _refuse_cross_site(request)
        if not rate_limits.hit("newsletters-ip", client_network(request), limit=10, window_seconds=600):
            return _rate_limited(request)
        if form.is_valid():
            retry_at = services.confirmation_resend(email=form.cleaned_data["email"])
            if retry_at is not None:
                # The same words whether or not we know the address: they rest only on the ask.
                lines = [
                    "A confirmation email was asked for this address a moment ago, so we did not send another: "
                    "if the address has a subscription waiting for confirmation, that email is on its way.",
                    "Please use the link in it (and look in your spam folder). "
                    f"You can ask for a new one after {timezone.localtime(retry_at):%H:%M}.",
                ]
            else:
                lines = [
                    "If that address has a subscription waiting for confirmation, we've sent it a new link.",
                    "We send at most one confirmation email an hour.",
                ]
            return render(request, "newsletters/message.html", {"title": "Check your inbox", "lines": lines})
    return render(
        request, "newsletters/bad_link.html", {"expired": None, "form": form}, status=400 if form.errors else 200
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058 one-click: a POST with `List-Unsubscribe=One-Click` unsubscribes at once, with no
    session or CSRF token; the signed token is the authority. GET shows a button instead."""
    try:
        subscriber_id, newsletter_id = tokens.read_unsubscribe_token(token)
    except tokens.BadToken as error:
        return _bad_link(request, error)
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if newsletter is None or not Subscriber.objects.filter(pk=subscriber_id).exists():
        raise Http404("This newsletter or subscription no longer exists.")
    preferences = reverse("newsletters:preferences", kwargs={"token": tokens.make_preferences_token(subscriber_id)})
    if request.method == "POST":
        services.subscription_leave(
            subscriber_id=subscriber_id,
            newsletter_ids=[newsletter_id],
            via="one-click" if request.POST.get("List-Unsubscribe") == "One-Click" else "unsubscribe-page",
        )
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(f"Unsubscribed from {newsletter.name}.\n", content_type="text/plain; charset=utf-8")
        return render(
            request,
            "newsletters/message.html",
            {
                "title": "You're unsubscribed",
                "lines": [
                    f"You will no longer receive {newsletter.name}. "
                    "Changed your mind, or want to leave other newsletters too?"
                ],
                "link": (preferences, "Manage your newsletters"),
            },
        )
    return render(request, "newsletters/unsubscribe.html", {"newsletter": newsletter, "preferences_url": preferences})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber_id = tokens.read_preferences_token(token)
    except tokens.BadToken as error:
        return _bad_link(request, error)
    subscriber = get_object_or_404(Subscriber, pk=subscriber_id)
    choices = _choices()
    current = list(
        Subscription.objects.filter(subscriber=subscriber, status=Subscription.Status.CONFIRMED).values_list(
            "newsletter_id", flat=True
        )
    )
    saved = False
    form = PreferencesForm(initial={"newsletters": current}, newsletter_choices=choices)
    if request.method == "POST":
        if not same_origin(request):
            return _refuse_cross_site(request)
        form = PreferencesForm(request.POST, newsletter_choices=choices)
        if "leave_all" in request.POST:
            services.subscription_leave(subscriber_id=subscriber_id, via="preferences")
            saved = True
            form = PreferencesForm(initial={"newsletters": []}, newsletter_choices=choices)
        elif form.is_valid():
            services.preferences_update(subscriber_id=subscriber_id, newsletter_ids=form.cleaned_data["newsletters"])
            saved = True
    context: dict[str, Any] = {"form": form, "subscriber": subscriber, "saved": saved}
    return render(request, "newsletters/preferences.html", context)
