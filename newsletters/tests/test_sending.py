"""Sending an issue: audience fixed at the start, headers on every email, suppression,
retries, and how in-doubt deliveries are settled."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from newsletters import sending, services
from newsletters.models import Delivery, Issue, Subscriber, Subscription, delivery_message_id
from newsletters.tests.conftest import add_confirmed, make_issue

pytestmark = pytest.mark.django_db


def _start(issue: Issue) -> None:
    services.issue_send_start(issue_id=issue.pk, enqueue=False)


def _claimed_by_a_dead_worker(newsletter, subscribers: int) -> Issue:  # type: ignore[no-untyped-def]
    """An issue whose deliveries a worker claimed and then died holding (its lease expired)."""
    add_confirmed(newsletter, subscribers)
    issue = make_issue(newsletter)
    _start(issue)
    sending.prepare(issue.pk)
    sending.claim_batch(issue.pk, 10)
    Delivery.objects.update(claimed_by="elsewhere:1", claimed_at=timezone.now() - sending.claim_lease() * 2)
    return issue


def test_every_issue_email_carries_one_click_unsubscribe_headers(sink, morning):
    add_confirmed(morning, 5)
    issue = make_issue(morning)
    _start(issue)
    final = sending.deliver_issue(issue.pk, batch_size=2)
    assert (final.sent, final.total) == (5, 5)
    messages = sink.messages()
    assert len(messages) == 5
    for message in messages:
        header = message.message["List-Unsubscribe"]
        assert "<http://testserver/newsletters/unsubscribe/" in header
        assert "<mailto:" in header
        assert message.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.message["Message-ID"].startswith(f"<issue{issue.pk}.sub")
        assert message.to in message.body("plain")  # rendered for this recipient
    assert Issue.objects.get(pk=issue.pk).status == "sent"


def test_one_click_unsubscribe_works_by_post_without_session_or_csrf(client, sink, morning):
    [reader] = add_confirmed(morning, 1)
    issue = make_issue(morning)
    _start(issue)
    sending.deliver_issue(issue.pk)
    [message] = sink.messages()
    url = message.message["List-Unsubscribe"].split(">")[0].lstrip("<").removeprefix("http://testserver")
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    # Opening the link (GET, as mail scanners do) never unsubscribes: it only shows the button.
    # Checked before the POST, while the subscription is still confirmed, so it can fail.
    opened = strict.get(url)
    assert opened.status_code == 200 and "Unsubscribe" in opened.content.decode()
    assert Subscription.objects.get(subscriber=reader).status == "confirmed"
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscription.objects.get(subscriber=reader).status == "unsubscribed"


def test_the_preference_page_changes_newsletters_or_leaves_all(client, morning, weekly):
    [reader] = add_confirmed(morning, 1)
    from newsletters.tokens import make_preferences_token

    url = f"/newsletters/preferences/{make_preferences_token(reader.pk)}/"
    page = client.get(url)
    assert reader.email in page.content.decode()
    client.post(url, {"newsletters": [weekly.pk]}, HTTP_ORIGIN="http://testserver")
    statuses = dict(Subscription.objects.filter(subscriber=reader).values_list("newsletter__slug", "status"))
    assert statuses == {"morning-test": "unsubscribed", "weekly-margins": "confirmed"}
    client.post(url, {"leave_all": "1"}, HTTP_ORIGIN="http://testserver")
    assert set(Subscription.objects.filter(subscriber=reader).values_list("status", flat=True)) == {"unsubscribed"}
    bad = client.get("/newsletters/preferences/12:nope/")
    assert bad.status_code == 400


def test_suppressed_addresses_are_left_out_of_every_send(sink, morning):
    readers = add_confirmed(morning, 4)
    services.suppression_add(email=readers[0].email, reason="complained")
    issue = make_issue(morning)
    _start(issue)
    # Suppressed after the send was prepared: skipped at hand-off.
    sending.prepare(issue.pk)
    services.suppression_add(email=readers[1].email, reason="bounced")
    final = sending.deliver_issue(issue.pk)
    assert (final.total, final.sent, final.skipped) == (3, 2, 1)
    recipients = {m.to for m in sink.messages()}
    assert recipients == {readers[2].email, readers[3].email}


def test_people_who_confirm_after_the_send_started_are_not_included(sink, morning):
    add_confirmed(morning, 3, prefix="early")
    issue = make_issue(morning)
    _start(issue)
    add_confirmed(morning, 2, prefix="late", at=timezone.now())
    sending.prepare(issue.pk)
    add_confirmed(morning, 2, prefix="during", at=timezone.now())
    final = sending.deliver_issue(issue.pk, batch_size=1)
    assert final.total == 3
    assert sorted(m.to for m in sink.messages()) == [f"early{n}@example.com" for n in range(3)]


def test_preparing_twice_writes_each_delivery_once(morning):
    add_confirmed(morning, 7)
    issue = make_issue(morning)
    _start(issue)
    assert sending.prepare(issue.pk) == 7
    Issue.objects.filter(pk=issue.pk).update(prepared_at=None)  # as if the first prepare's commit was lost
    assert sending.prepare(issue.pk) == 7
    assert Delivery.objects.filter(issue=issue).count() == 7


def test_a_refused_recipient_fails_and_can_be_retried(sink, morning):
    readers = add_confirmed(morning, 3)
    sink.refuse.add(readers[0].email)
    issue = make_issue(morning)
    _start(issue)
    final = sending.deliver_issue(issue.pk)
    assert (final.sent, final.failed) == (2, 1)
    assert "550" in Delivery.objects.get(status="failed").error
    sink.refuse.clear()  # the reader fixed their mailbox
    out = io.StringIO()
    call_command("send_newsletter_issue", issue.pk, "--retry-failed", stdout=out)
    assert "3 sent, 0 failed" in out.getvalue()
    assert len(sink.to(readers[0].email)) == 1
    assert len(sink.to(readers[1].email)) == 1


def test_an_in_doubt_delivery_found_at_the_relay_is_not_sent_again(sink, morning):
    [reader] = add_confirmed(morning, 1)
    issue = make_issue(morning)
    _start(issue)
    sending.prepare(issue.pk)
    [claimed] = sending.claim_batch(issue.pk, 10)
    rendered = sending.render_issue(Issue.objects.get(pk=issue.pk))
    # The relay accepted it, but the worker died before recording `sent`.
    from django.core import mail

    connection = mail.mailers.default
    connection.send_messages([rendered.for_recipient(subscriber_id=reader.pk, email=reader.email)])
    Delivery.objects.filter(pk=claimed.delivery_id).update(
        claimed_by="elsewhere:1", claimed_at=timezone.now() - sending.claim_lease() * 2
    )
    final = sending.deliver_issue(issue.pk)
    assert final.sent == 1
    assert len(sink.to(reader.email)) == 1


def test_an_in_doubt_delivery_missing_at_the_relay_is_sent(sink, morning):
    issue = _claimed_by_a_dead_worker(morning, 1)
    sending.deliver_issue(issue.pk)
    assert len(sink.to("reader0@example.com")) == 1


def test_a_live_workers_batch_is_left_alone(morning):
    add_confirmed(morning, 2)
    issue = make_issue(morning)
    _start(issue)
    sending.prepare(issue.pk)
    sending.claim_batch(issue.pk, 10)
    Delivery.objects.update(claimed_by=f"{sending.HOST}:1")  # pid 1 is alive
    assert sending.reconcile(issue.pk)["in_doubt"] == 0


@override_settings(NEWSLETTERS_DELIVERY_CHECK_DIR="", NEWSLETTERS_IN_DOUBT="hold")
def test_without_a_relay_record_the_hold_policy_asks_staff_instead_of_resending(morning):
    issue = _claimed_by_a_dead_worker(morning, 1)
    assert sending.reconcile(issue.pk)["held"] == 1
    assert Delivery.objects.get().status == "failed"


def test_the_message_id_is_fixed_by_issue_and_subscriber():
    assert delivery_message_id(3, 4) == delivery_message_id(3, 4)
    assert delivery_message_id(3, 4) != delivery_message_id(3, 5)


def test_the_send_command_shows_progress(sink, morning):
    add_confirmed(morning, 6)
    issue = make_issue(morning)
    out = io.StringIO()
    call_command("send_newsletter_issue", issue.pk, "--batch-size", "2", stdout=out)
    text = out.getvalue()
    assert "[" in text and "6/6 sent" in text
    assert "Issue" in text and "6 sent, 0 failed" in text
    err = io.StringIO()
    with pytest.raises(Exception, match="There is no issue"):
        call_command("send_newsletter_issue", 999999, stdout=err)


@override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend", ANYMAIL={"TEST_SEND_DEFAULTS": {}})
def test_with_a_provider_each_batch_is_one_call_with_per_recipient_headers(morning):
    from django.core import mail

    readers = add_confirmed(morning, 3)
    issue = make_issue(morning)
    _start(issue)
    final = sending.deliver_issue(issue.pk, batch_size=10)
    assert final.sent == 3
    [message] = mail.outbox
    assert sorted(message.to) == sorted(r.email for r in readers)
    headers = message.anymail_test_params["merge_headers"]
    assert all("List-Unsubscribe" in headers[r.email] for r in readers)
    assert message.anymail_test_params["merge_metadata"][readers[0].email]["delivery_id"]
    # Each recipient's own unsubscribe link goes in as a merge field, not the first one's.
    assert "{{unsubscribe_url}}" in message.alternatives[0][0]
    links = {data["unsubscribe_url"] for data in message.anymail_test_params["merge_data"].values()}
    assert len(links) == 3


def test_a_bounce_webhook_suppresses_the_address(morning):
    from anymail.signals import AnymailTrackingEvent, tracking

    [reader] = add_confirmed(morning, 1)
    event = AnymailTrackingEvent(event_type="bounced", recipient=reader.email, reject_reason="bounced", metadata={})
    tracking.send(sender=object, event=event, esp_name="Test")
    assert services.is_suppressed(reader.email)
    assert Subscription.objects.get(subscriber=reader).status == "unsubscribed"
    assert Subscriber.objects.filter(pk=reader.pk).exists()
