"""The CMS sign-in locks out a username + address after repeated wrong passwords (django-axes)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

from staff.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/cms/login/"
ATTACKER = "203.0.113.7"
OFFICE = "198.51.100.20"


def _sign_in(client, password: str, address: str, username: str = "elin"):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def staff_user(newsroom):  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(username="elin", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, staff_user):
    for _ in range(30):
        _sign_in(client, "guess", ATTACKER)
    response = _sign_in(client, PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert "Sign-in paused for this account" in html
    assert "Try again after" in html
    assert "security@kestrelledger.example" in html
    assert client.get("/cms/").status_code == 302  # still not signed in


def test_the_count_is_kept_in_the_database_so_every_process_shares_it(client, staff_user):
    for _ in range(3):
        _sign_in(client, "guess", ATTACKER)
    attempt = AccessAttempt.objects.get(username="elin")
    assert attempt.ip_address == ATTACKER
    assert attempt.failures_since_start == 3


def test_the_lockout_is_per_address_so_a_guesser_cannot_lock_the_journalist_out(client, staff_user):
    for _ in range(10):
        _sign_in(client, "guess", ATTACKER)
    response = _sign_in(client, PASSWORD, OFFICE)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_a_few_typos_then_the_right_password_signs_in_and_resets_the_count(client, staff_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "typo", OFFICE)
    response = _sign_in(client, PASSWORD, OFFICE)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)
    assert not AccessAttempt.objects.filter(username="elin").exists()


@pytest.mark.django_db
def test_a_sign_in_without_a_client_address_is_counted_against_no_address(rf):
    """force_login and commands have no REMOTE_ADDR; axes keeps addresses in an IP column, where
    PostgreSQL refuses the rate limiter's "unknown" placeholder, so every such sign-in failed."""
    from django.http import HttpRequest

    from staff.lockout import client_ip

    assert client_ip(HttpRequest()) is None
    assert client_ip(rf.get("/", REMOTE_ADDR="192.0.2.7")) == "192.0.2.7"
