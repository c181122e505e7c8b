"""Sign-in by emailed link and code, and sign-out.

The request form and the link page post without a CSRF cookie (public, cacheable pages) and
are protected by an Origin check instead; see lib/same_origin.py.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from lib.client_ip import client_network
from lib.rate_limits import hit
from lib.same_origin import same_origin
from members import signin, tasks
from members.auth import browser_key, browser_key_if_any, sign_in, sign_out
from members.views.common import safe_next

SENT = (
    "If that address belongs to a member, a sign-in link and code are on their way. "
    "Check your inbox (and spam folder); the link works for 15 minutes."
)
FOREIGN = "This form must be sent from our own site. Reload the page and try again."
WRONG_CODE = "That code is not right or has expired. Check the latest mail, or ask for a new link below."
# Said for any address asked for twice (known or not), so it reveals nothing either.
RECENT = (
    "We sent a sign-in mail to this address a moment ago, if it belongs to a member. Check your inbox "
    "(and spam folder); you can ask for another in {seconds} seconds."
)
HOURLY = (
    "Sign-in mail for this address has been asked for five times in the last hour. Use the latest mail, "
    "or ask again in an hour."
)


def _queued_at_key(email: str) -> str:
    return "members:signin-queued-at:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def _render(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def request_link(request: HttpRequest) -> HttpResponse:
    next_path = safe_next(request.POST.get("next") or request.GET.get("next") or "")
    context: dict = {"next": next_path, "email": ""}
    if request.method == "GET":
        return _render(request, "members/sign_in.html", context)
    if not same_origin(request):
        return _render(request, "members/sign_in.html", {**context, "error": FOREIGN}, 403)
    email = (request.POST.get("email") or "").strip().lower()
    context["email"] = email
    try:
        validate_email(email)
    except ValidationError:
        return _render(
            request,
            "members/sign_in.html",
            {**context, "error": "Enter your email address, like name@example.com."},
            400,
        )
    # Limits apply whether or not the address is known, so they reveal nothing either.
    if not hit("signin-ip", client_network(request), limit=20, window_seconds=3600):
        return _render(
            request,
            "members/sign_in.html",
            {**context, "error": "Too many sign-in requests from your network. Wait an hour and try again."},
            429,
        )
    if not hit("signin-addr-minute", email, limit=1, window_seconds=60):
        queued_at = cache.get(_queued_at_key(email)) or time.time()
        seconds = max(1, round(60 - (time.time() - float(queued_at))))
        return _render(
            request, "members/sign_in.html", {**context, "sent": RECENT.format(seconds=seconds), "code_form": True}
        )
    if not hit("signin-addr-hour", email, limit=5, window_seconds=3600):
        return _render(request, "members/sign_in.html", {**context, "sent": HOURLY, "code_form": True})
    cache.set(_queued_at_key(email), time.time(), timeout=60)
    browser = browser_key(request)
    transaction.on_commit(lambda: tasks.send_sign_in_link.enqueue(email, next_path, browser))
    return _render(request, "members/sign_in.html", {**context, "sent": SENT, "code_form": True})


@csrf_exempt
@require_POST
def enter_code(request: HttpRequest) -> HttpResponse:
    email = (request.POST.get("email") or "").strip().lower()
    next_path = safe_next(request.POST.get("next") or "")
    context = {"email": email, "next": next_path, "code_form": True}
    if not same_origin(request):
        return _render(request, "members/sign_in.html", {**context, "error": FOREIGN}, 403)
    if not hit("code-ip", client_network(request), limit=30, window_seconds=3600):
        return _render(
            request,
            "members/sign_in.html",
            {**context, "error": "Too many tries. Wait an hour and ask for a new link."},
            429,
        )
    outcome = signin.code_redeem(
        email=email, code=request.POST.get("code") or "", browser_hash=browser_key_if_any(request)
    )
    if outcome.token is None:
        if outcome.locked:
            error = (
                "Too many wrong codes were entered for this address today. Use the link in the latest mail "
                "instead, or ask for a new link below."
            )
            status = 429
        elif outcome.wait_seconds:
            error = f"Wait {outcome.wait_seconds} seconds before trying another code, or use the link in the mail."
            status = 429
        else:
            error, status = WRONG_CODE, 400
        return _render(request, "members/sign_in.html", {**context, "error": error}, status)
    sign_in(request, outcome.token.member)
    return HttpResponseRedirect(safe_next(outcome.token.next_path) or next_path or "/membership/account/")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def use_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button and never uses the token up (mail scanners open every link)."""
    if request.method == "GET":
        found = signin.token_peek(token)
        return _render(request, "members/sign_in_link.html", {"valid": found is not None}, 200 if found else 410)
    if not same_origin(request):
        return _render(request, "members/sign_in_link.html", {"valid": True, "error": FOREIGN}, 403)
    found = signin.token_redeem(token)
    if found is None:
        return _render(request, "members/sign_in_link.html", {"valid": False}, 410)
    sign_in(request, found.member)
    return HttpResponseRedirect(safe_next(found.next_path) or "/membership/account/")


@require_POST
def sign_out_view(request: HttpRequest) -> HttpResponse:
    sign_out(request)
    return HttpResponseRedirect("/")
