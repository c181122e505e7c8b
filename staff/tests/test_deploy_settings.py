"""Production defaults: deploy checks, HSTS opt-ins, and no demo staff passwords with DEBUG off."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from lib.checks import stripe_webhook_secret_check

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "PATH": "/usr/bin:/bin",
    "DEBUG": "0",
    "SECRET_KEY": "production-like-secret-key-for-the-deploy-check-0123456789abcdefghij",
    "ALLOWED_HOSTS": "news.kestrelledger.example",
    "STRIPE_SECRET_KEY": "sk_live_example",
    "STRIPE_PUBLISHABLE_KEY": "pk_live_example",
    "STRIPE_WEBHOOK_SECRET": "whsec_example",
    "SINGLE_HOST": "1",  # or REDIS_URL: shared state must be chosen (lib.E001)
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=env, capture_output=True, text=True, check=False, cwd=ROOT
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_stripe_key_without_a_webhook_secret_stops_the_deployment():
    env = {key: value for key, value in PRODUCTION.items() if key != "STRIPE_WEBHOOK_SECRET"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "masthead.E001" in result.stderr
    assert "Set STRIPE_WEBHOOK_SECRET" in result.stderr


def test_the_stripe_check_is_quiet_with_debug_or_without_payments(settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = "sk_test_x", ""
    settings.DEBUG = True
    assert stripe_webhook_secret_check() == []
    settings.DEBUG = False
    assert [error.id for error in stripe_webhook_secret_check()] == ["masthead.E001"]
    settings.STRIPE_SECRET_KEY = ""
    assert stripe_webhook_secret_check() == []


def test_hsts_subdomains_and_preload_are_opt_in():
    code = (
        "from config import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    run = lambda env: subprocess.run(  # noqa: E731
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    assert run(PRODUCTION) == ["31536000", "False", "False"]
    opted_in = {**PRODUCTION, "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1", "SECURE_HSTS_PRELOAD": "1"}
    assert run(opted_in) == ["31536000", "True", "True"]


@pytest.mark.django_db
def test_load_demo_makes_no_demo_staff_accounts_with_debug_off(settings):
    settings.DEMO_STAFF_PASSWORDS_ALLOWED = False  # what DEBUG off means (config/settings.py)
    err = StringIO()
    call_command("load_demo", stdout=StringIO(), stderr=err)
    assert not get_user_model().objects.filter(username__in=["admin", "editor", "reporter", "audience"]).exists()
    assert "The demo staff accounts (admin, editor, reporter) were not created" in err.getvalue()
    assert "createsuperuser" in err.getvalue()
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"Reporters", "Editors", "Audience"}
