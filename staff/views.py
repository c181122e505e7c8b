"""CMS pages of two-step sign-in: the settings page, enrolling an authenticator, the code step,
removing a passkey (adding one and signing in with one are django-otp-webauthn's endpoints)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import passkeys, second_factor


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label="Code",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return reverse("wagtailadmin_home")


@require_http_methods(["GET", "HEAD"])
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    return TemplateResponse(
        request,
        "staff/second_factor_overview.html",
        {
            "enrolled": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            "has_second_factor": second_factor.has_second_factor(user),
            "passkeys": passkeys.passkeys_of(user),
            "passkeys_available": passkeys.passkeys_available(),
            "required": second_factor.second_factor_required(user),
            "backup_codes_left": second_factor.backup_codes_left(user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    if second_factor.has_second_factor(user) and not user.is_verified():  # type: ignore[union-attr]
        # Replacing a phone needs the old second factor first (or an administrator's reset).
        return redirect(f"{reverse('staff_second_factor:verify')}?next={reverse('staff_second_factor:enrol')}")
    device = second_factor.pending_authenticator(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.authenticator_confirm(device=device, token=form.cleaned_data["otp_token"])
        if codes is not None:
            otp_login(request, device)
            return TemplateResponse(
                request, "staff/backup_codes.html", {"codes": codes, "next": _next_url(request), "new": True}
            )
        form.add_error(
            "otp_token",
            "That code did not match. Check that your phone's clock is right, wait a few seconds and type the "
            "newest code your app shows.",
        )
    return TemplateResponse(
        request,
        "staff/second_factor_enrol.html",
        {
            "form": form,
            "details": second_factor.enrolment_details(device),
            "required": second_factor.second_factor_required(user),
            "next": _next_url(request),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["otp_token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "otp_token",
            "That code did not work. Type the newest code from your authenticator app, or one of your backup "
            "codes; after several wrong codes you must wait a little before the next try.",
        )
    return TemplateResponse(
        request,
        "staff/second_factor_verify.html",
        {
            "form": form,
            "next": _next_url(request),
            # Offered only to someone who has a passkey, where browsers allow one.
            "passkeys_available": passkeys.passkeys_available() and bool(passkeys.passkeys_of(user)),
            "has_authenticator": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        },
    )


@require_POST
def renew_backup_codes(request: HttpRequest) -> HttpResponse:
    if not second_factor.has_second_factor(request.user):
        messages.error(request, "Set up an authenticator app first; backup codes come with it.")
        return redirect("staff_second_factor:overview")
    codes = second_factor.backup_codes_renew(user=request.user)
    return TemplateResponse(
        request, "staff/backup_codes.html", {"codes": codes, "next": reverse("staff_second_factor:overview")}
    )


@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    if second_factor.second_factor_required(request.user):
        messages.error(
            request, "Your role must use two-step sign-in. To move to a new phone, choose “Move to a new phone”."
        )
        return redirect("staff_second_factor:overview")
    second_factor.second_factor_remove(user=request.user)
    messages.success(request, "Two-step sign-in is switched off for your account.")
    return redirect("staff_second_factor:overview")


@require_POST
def remove_passkey(request: HttpRequest, passkey_id: int) -> HttpResponse:
    user = request.user
    mine = [p for p in passkeys.passkeys_of(user) if p.pk == passkey_id]
    others = TOTPDevice.objects.filter(user=user, confirmed=True).exists() or len(passkeys.passkeys_of(user)) > 1
    if mine and second_factor.second_factor_required(user) and not others:
        messages.error(
            request, "Your role must use two-step sign-in: add another passkey or an authenticator app first."
        )
    elif passkeys.passkey_remove(user=user, passkey_id=passkey_id):
        messages.success(request, "The passkey is removed. It no longer signs you in.")
    else:
        messages.error(request, "That passkey was already removed.")
    return redirect("staff_second_factor:overview")
