"""Brute-force protection of the CMS sign-in (django-axes): who is counted, and what a locked-out
person sees.

Failures are counted per username *and* client address together (AXES_LOCKOUT_PARAMETERS), so a
harasser who types a journalist's username from elsewhere cannot lock that journalist out, and the
counts live in the database (axes' database handler), shared by every web process.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def client_ip(request: HttpRequest) -> str | None:
    """The address axes counts against: the shared `lib.client_ip.client_ip`, or None when a
    request has no usable address (Django's `force_login`, a command). Axes stores it in an IP
    address column, where PostgreSQL refuses the rate limiter's "unknown" placeholder."""
    from lib.client_ip import UNKNOWN
    from lib.client_ip import client_ip as shared_client_ip

    address = shared_client_ip(request)
    return None if address == UNKNOWN else address


def cool_off(request: HttpRequest | None = None) -> timedelta:
    return timedelta(minutes=settings.STAFF_LOGIN_COOLOFF_MINUTES)


class LockoutBackend(AxesStandaloneBackend):
    """Axes' backend, except for sign-ins made without a request (the test client's `login()`,
    a management command): there is no client to lock out, so those pass through to the
    password check instead of failing."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:  # type: ignore[override]
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id: Any) -> Any:
        """Sessions started with `force_login` may name this backend (the first one listed);
        loading their user is what Django's model backend does."""
        return ModelBackend().get_user(user_id)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """A full page (HTTP 429) saying when the person may try again and whom to ask for help."""
    wait = get_cool_off(request) or cool_off(request)
    attempt_time = getattr(request, "axes_attempt_time", None) or timezone.now()
    # Rendered at once: axes swaps it in after the response middleware chain has started.
    return render(
        request,
        "staff/lockout.html",
        {
            "username": get_client_username(request, credentials) or "",
            "retry_at": attempt_time + wait,
            "minutes": max(1, int(wait.total_seconds() // 60)),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "security_contact": settings.SECURITY_CONTACT_EMAIL,
        },
        status=429,
    )
