"""Sign-up to first issue through a real SMTP server: double opt-in that scanners can't trip."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from newsletters import sending, services, tokens
from newsletters.models import ConsentRecord, Subscription
from newsletters.tests.conftest import ORIGIN, make_issue, signup

pytestmark = pytest.mark.django_db


def test_a_reader_signs_up_confirms_and_receives_the_next_issue(
    client, sink, morning, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client, "Ada@Example.COM", [morning])
    assert response.status_code == 303
    thanks = client.get(response["Location"])
    assert "Thank you for signing up. We've sent you a confirmation email." in thanks.content.decode()

    [confirmation] = sink.to("Ada@example.com")
    assert confirmation.subject == "Confirm your newsletter subscription"
    [link] = sink.links(confirmation, "/newsletters/confirm/")
    path = link.removeprefix("http://testserver")

    # A mail scanner (or the reader) opening the link only sees a button.
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm my subscription" in page.content.decode()
    assert Subscription.objects.get().status == "pending"

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(path, HTTP_ORIGIN=ORIGIN)
    assert "Successfully subscribed" in confirmed.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.status == "confirmed"
    welcome = sink.to("Ada@example.com")[-1]
    assert welcome.subject == "Welcome to The Morning Test"

    # Consent is on record: when, which newsletter, which form and page, IP, wording version.
    requested = ConsentRecord.objects.get(action="requested")
    assert (requested.newsletter, requested.form, requested.page, requested.ip_address) == (
        morning,
        "footer",
        "/",
        "10.0.0.1",
    )
    assert requested.wording_version == services.CONSENT_WORDING_VERSION
    assert ConsentRecord.objects.filter(action="confirmed", newsletter=morning).count() == 1

    # Confirming again is harmless: same page, no second welcome.
    again = client.post(path, HTTP_ORIGIN=ORIGIN)
    assert "Successfully subscribed" in again.content.decode()
    assert len(sink.to("Ada@example.com")) == 2

    issue = make_issue(morning)
    services.issue_send_start(issue_id=issue.pk, enqueue=False)
    sending.deliver_issue(issue.pk)
    received = sink.to("Ada@example.com")[-1]
    assert received.subject == "Tuesday's briefing"
    assert "The vote is on" in received.body("html")
    assert "Thursday (https://example.com/x)" in received.body("plain")
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_second_sign_up_gets_the_same_answer_and_no_second_email(
    client, sink, morning, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = signup(client, "bo@example.com", [morning])
        second = signup(client, "bo@example.com", [morning])
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert len(sink.to("bo@example.com")) == 1


def test_a_confirmed_reader_signing_up_again_gets_the_same_answer(
    client, sink, morning, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signup(client, "cy@example.com", [morning])
    Subscription.objects.update(status="confirmed")
    unknown = signup(client, "new@example.com", [morning])
    known = signup(client, "cy@example.com", [morning])
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_an_invalid_address_is_refused_beside_the_field(client, sink, morning):
    response = signup(client, "not-an-address", [morning])
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please enter a valid email address" in html
    assert 'aria-invalid="true"' in html
    assert 'value="not-an-address"' in html
    assert sink.messages() == []


def test_choosing_no_newsletter_says_what_to_do(client, morning):
    response = client.post("/newsletters/subscribe/", {"email": "a@example.com"}, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 400
    assert "Choose at least one newsletter." in response.content.decode()


def test_the_honeypot_looks_like_success_but_subscribes_no_one(
    client, sink, morning, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client, "bot@example.com", [morning], website="http://spam.example")
    assert response.status_code == 303
    assert not Subscription.objects.exists()
    assert sink.messages() == []


def test_too_many_sign_ups_from_one_address_get_a_clear_429(client, morning):
    statuses = [signup(client, f"p{n}@example.com", [morning]).status_code for n in range(11)]
    assert statuses[:10] == [303] * 10
    assert statuses[10] == 429
    page = signup(client, "late@example.com", [morning])
    assert page.status_code == 429
    assert "Please wait an hour and try again" in page.content.decode()
    assert page["Retry-After"] == "3600"


def test_too_many_sign_ups_for_one_email_address_get_a_429(client, morning):
    statuses = [signup(client, "victim@example.com", [morning], ip=f"10.0.1.{n}").status_code for n in range(6)]
    assert statuses == [303] * 5 + [429]


def test_a_post_from_another_website_is_refused(client, morning):
    response = client.post(
        "/newsletters/subscribe/",
        {"email": "a@example.com", "newsletters": [morning.pk]},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert "Please use the form on this site" in response.content.decode()
    assert not Subscription.objects.exists()


def _confirmation_path(client, sink, email, newsletter, capture) -> str:  # type: ignore[no-untyped-def]
    with capture(execute=True):
        signup(client, email, [newsletter])
    [link] = sink.links(sink.to(email)[-1], "/newsletters/confirm/")
    return link.removeprefix("http://testserver")


def test_a_tampered_link_gives_a_clear_page_with_a_way_to_get_a_new_one(
    client, sink, morning, django_capture_on_commit_callbacks
):
    path = _confirmation_path(client, sink, "dee@example.com", morning, django_capture_on_commit_callbacks)
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    for response in (client.get(tampered), client.post(tampered, HTTP_ORIGIN=ORIGIN)):
        assert response.status_code == 400
        assert "This link doesn't work" in response.content.decode()
        assert 'action="/newsletters/confirm/new-link/"' in response.content.decode()
    assert Subscription.objects.get().status == "pending"


def test_an_expired_link_asks_for_a_new_one_and_one_arrives_after_an_hour(
    client, sink, morning, django_capture_on_commit_callbacks, monkeypatch
):
    _confirmation_path(client, sink, "eve@example.com", morning, django_capture_on_commit_callbacks)
    # The same link, signed eight days ago.
    eight_days_ago = time.time() - 8 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time", SimpleNamespace(time=lambda: eight_days_ago))
    old_token = tokens.make_confirm_token(Subscription.objects.get().subscriber_id, [morning.pk])
    monkeypatch.undo()
    response = client.get(f"/newsletters/confirm/{old_token}/")
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert Subscription.objects.get().status == "pending"

    # Within the hour no second email is sent, whatever is asked.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/newsletters/confirm/new-link/", {"email": "eve@example.com"}, HTTP_ORIGIN=ORIGIN)
    assert len(sink.to("eve@example.com")) == 1
    from newsletters.models import Subscriber

    # An hour later: the last email and the last ask are both older than the interval.
    Subscriber.objects.update(confirmation_sent_at=None)
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/newsletters/confirm/new-link/", {"email": "eve@example.com"}, HTTP_ORIGIN=ORIGIN)
    assert "Check your inbox" in answer.content.decode()
    assert len(sink.to("eve@example.com")) == 2


def test_a_suppressed_address_gets_the_same_answer_and_no_email(
    client, sink, morning, django_capture_on_commit_callbacks
):
    services.suppression_add(email="gone@example.com", reason="bounced")
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client, "gone@example.com", [morning])
    assert response.status_code == 303
    assert sink.messages() == []
    assert not Subscription.objects.exists()


def _ask_for_a_new_link(client, address: str, captured) -> str:  # type: ignore[no-untyped-def]
    with captured(execute=True):
        response = client.post("/newsletters/confirm/new-link/", {"email": address}, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_ask_within_the_hour_says_one_was_just_sent_and_when_to_ask_again(
    client, sink, morning, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signup(client, "frank@example.com", [morning])
    assert len(sink.to("frank@example.com")) == 1
    answer = _ask_for_a_new_link(client, "frank@example.com", django_capture_on_commit_callbacks)
    assert len(sink.to("frank@example.com")) == 1  # nothing more is sent within the hour …
    assert "asked for this address a moment ago" in answer  # … and the page says so
    assert "You can ask for a new one after" in answer
    # An address we have never seen gets the very same words, so nothing is revealed.
    first = _ask_for_a_new_link(client, "nobody@example.com", django_capture_on_commit_callbacks)
    assert "sent it a new link" in first
    second = _ask_for_a_new_link(client, "nobody@example.com", django_capture_on_commit_callbacks)
    assert _without_times(second) == _without_times(answer)


def _without_times(page: str) -> str:
    import re

    return re.sub(r"after \d\d:\d\d", "after HH:MM", page)
