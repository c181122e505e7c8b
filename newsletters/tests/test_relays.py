"""Sending under real relays (issue 11.4): a relay that is down, greylists (4xx), refuses
(5xx) or hangs up; a provider whose per-recipient answers differ; and a claim that is taken
over. Real aiosmtpd servers on free ports, no mocks of SMTP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from anymail.backends.test import EmailBackend as AnymailTestBackend
from anymail.exceptions import AnymailAPIError, AnymailRequestsAPIError
from anymail.message import AnymailRecipientStatus
from django.test import override_settings
from django.utils import timezone

from newsletters import sending, services
from newsletters.dev_mailbox import MailboxHandler, free_port
from newsletters.models import Delivery, Issue
from newsletters.tests.conftest import add_confirmed, make_issue

pytestmark = pytest.mark.django_db


class ScriptedRelay(MailboxHandler):
    """The dev mailbox, answering RCPT for some addresses with a scripted reply. A reply in
    `once` is given the first time only (greylisting); `always` every time."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.once: dict[str, str] = {}
        self.always: dict[str, str] = {}
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return await super().handle_DATA(server, session, envelope)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        if address in self.once:
            return self.once.pop(address)
        if address in self.always:
            return self.always[address]
        return await super().handle_RCPT(server, session, envelope, address, options)


@pytest.fixture
def relay(sink):  # type: ignore[no-untyped-def]
    """The sink's server with a scripted handler (same port, same mailbox directory)."""
    from aiosmtpd.controller import Controller

    handler = ScriptedRelay(sink.directory)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    with override_settings(EMAIL_PORT=controller.port):
        yield handler
    controller.stop()


def _started(newsletter, count: int) -> Issue:  # type: ignore[no-untyped-def]
    add_confirmed(newsletter, count)
    issue = make_issue(newsletter)
    services.issue_send_start(issue_id=issue.pk, enqueue=False)
    return issue


def _statuses(issue: Issue) -> dict[str, str]:
    return dict(Delivery.objects.filter(issue=issue).values_list("subscriber__email", "status"))


@pytest.mark.parametrize("policy", ["resend", "hold"])
def test_a_relay_that_refuses_connections_puts_the_batch_back_and_backs_off(sink, morning, policy):
    issue = _started(morning, 3)
    with override_settings(EMAIL_PORT=free_port(), NEWSLETTERS_DELIVERY_CHECK_DIR="", NEWSLETTERS_IN_DOUBT=policy):
        final = sending.deliver_issue(issue.pk)
        assert (final.queued, final.handing_off, final.sent, final.failed) == (3, 0, 0, 0)  # nothing in doubt
        issue.refresh_from_db()
        assert issue.relay_failures == 1 and issue.relay_retry_at > timezone.now()
        assert "could not be reached" in issue.relay_error
        # During the back-off nothing is tried, and nothing is held as failed.
        assert sending.deliver_issue(issue.pk).queued == 3
        assert sending.reconcile(issue.pk)["in_doubt"] == 0
    # The relay is back and the back-off has passed: everyone gets it once.
    Issue.objects.filter(pk=issue.pk).update(relay_retry_at=timezone.now())
    final = sending.deliver_issue(issue.pk)
    assert final.sent == 3 and len(sink.messages()) == 3
    issue.refresh_from_db()
    assert (issue.status, issue.relay_failures, issue.relay_error) == ("sent", 0, "")


def test_greylisting_is_retried_later_and_a_permanent_refusal_fails(relay, sink, morning):
    issue = _started(morning, 4)
    relay.once["reader1@example.com"] = "451 4.7.1 Greylisted, please try again later"
    relay.always["reader2@example.com"] = "550 5.1.1 No such user"
    final = sending.deliver_issue(issue.pk)
    assert (final.sent, final.failed, final.queued) == (2, 1, 1)
    deferred = Delivery.objects.get(subscriber__email="reader1@example.com")
    assert deferred.status == "queued" and deferred.not_before > timezone.now()
    assert "451" in deferred.error
    assert "550" in Delivery.objects.get(status="failed").error
    assert Issue.objects.get(pk=issue.pk).status == "sending"  # not finished while one waits
    # Before its time it is not tried again …
    assert sending.deliver_issue(issue.pk).queued == 1 and len(sink.to("reader1@example.com")) == 0
    # … after it, the relay accepts it.
    Delivery.objects.filter(pk=deferred.pk).update(not_before=timezone.now())
    final = sending.deliver_issue(issue.pk)
    assert (final.sent, final.failed, final.queued) == (3, 1, 0)
    assert [len(sink.to(f"reader{n}@example.com")) for n in range(4)] == [1, 1, 0, 1]


def test_each_recipient_is_on_the_envelope_as_the_email_package_would_write_it(relay, sink, morning):
    from newsletters.models import Subscriber, Subscription, email_hash

    addresses = ["o'brien+news@example.com", "leser@b\u00fccher.example", "plain.reader@example.org"]
    for address in addresses:
        subscriber = Subscriber.objects.create(email=address, email_hash=email_hash(address))
        Subscription.objects.create(
            subscriber=subscriber,
            newsletter=morning,
            status="confirmed",
            confirmed_at=timezone.now() - timezone.timedelta(days=1),
        )
    issue = make_issue(morning)
    services.issue_send_start(issue_id=issue.pk, enqueue=False)
    assert sending.deliver_issue(issue.pk).sent == 3
    assert {envelope[0] for envelope in relay.envelopes} == {morning.sender_address}  # the bare address
    recipients = sorted(rcpt for _sender, rcpts in relay.envelopes for rcpt in rcpts)
    # The IDN domain is punycoded (prep_address's way), the plain ones handed over as they are.
    assert recipients == ["leser@xn--bcher-kva.example", "o'brien+news@example.com", "plain.reader@example.org"]


def test_a_relay_that_keeps_deferring_fails_the_row_in_the_end(relay, morning):
    issue = _started(morning, 1)
    relay.always["reader0@example.com"] = "452 4.2.2 Mailbox full"
    for _try in range(sending.MAX_ATTEMPTS):
        Delivery.objects.update(not_before=None)
        sending.deliver_issue(issue.pk)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", sending.MAX_ATTEMPTS)
    assert "452" in delivery.error


def test_a_relay_that_hangs_up_mid_batch_leaves_nothing_in_doubt(relay, sink, morning):
    issue = _started(morning, 5)
    relay.once["reader2@example.com"] = "421 4.3.2 Service shutting down"  # smtplib closes on 421
    final = sending.deliver_issue(issue.pk)
    assert (final.sent, final.handing_off, final.queued) == (2, 0, 3)
    assert Issue.objects.get(pk=issue.pk).relay_retry_at is not None
    Issue.objects.filter(pk=issue.pk).update(relay_retry_at=None)
    Delivery.objects.update(not_before=None)
    assert sending.deliver_issue(issue.pk).sent == 5
    assert sorted(m.to for m in sink.messages()) == [f"reader{n}@example.com" for n in range(5)]


def test_a_row_taken_over_by_another_worker_is_not_handed_off_by_the_first(sink, morning):
    issue = _started(morning, 3)
    sending.prepare(issue.pk)
    batch = sending.claim_batch(issue.pk, 10)
    # Our claim lapsed on row 2 (a slow relay): another worker reclaimed and is sending it.
    Delivery.objects.filter(pk=batch[1].delivery_id).update(claimed_by="other-host:7:beef", claimed_at=timezone.now())
    sent, failed = sending.send_batch(sending.render_issue(Issue.objects.get(pk=issue.pk)), batch)
    assert (sent, failed) == (2, 0)
    assert len(sink.to("reader1@example.com")) == 0
    assert Delivery.objects.get(pk=batch[1].delivery_id).claimed_by == "other-host:7:beef"


def test_a_running_batch_renews_its_claim(sink, morning, settings):
    settings.NEWSLETTERS_CLAIM_LEASE_SECONDS = 3
    issue = _started(morning, 2)
    sending.prepare(issue.pk)
    batch = sending.claim_batch(issue.pk, 10)
    stale = timezone.now() - timezone.timedelta(seconds=2)
    Delivery.objects.update(claimed_at=stale)
    claim = sending._Claim(batch)
    claim.renewed -= 1.5  # a third of the lease has passed since the last renewal
    assert claim.holds(batch[1].delivery_id)
    assert all(d.claimed_at > stale for d in Delivery.objects.all())


# --- providers ----------------------------------------------------------------------------------

SCRIPTED_STATUSES = {"r0": "sent", "r1": "queued", "r2": "rejected", "r3": "invalid", "r4": "failed", "r5": "unknown"}


class ScriptedProvider(AnymailTestBackend):
    """anymail's test backend answering each recipient with the status its address names."""

    api_error: AnymailAPIError | None = None

    def post_to_esp(self, payload: Any, message: Any) -> Any:
        if ScriptedProvider.api_error is not None:
            raise ScriptedProvider.api_error
        super().post_to_esp(payload, message)
        return {
            "recipient_status": {
                email: AnymailRecipientStatus(message_id=None, status=SCRIPTED_STATUSES[email.split("@")[0]])
                for email in payload.recipient_emails
            }
        }


@override_settings(EMAIL_BACKEND=f"{__name__}.ScriptedProvider", ANYMAIL={})
def test_provider_statuses_are_mapped_and_only_accepted_ones_count_as_sent(morning):
    add_confirmed(morning, 6, prefix="r")
    issue = make_issue(morning)
    services.issue_send_start(issue_id=issue.pk, enqueue=False)
    final = sending.deliver_issue(issue.pk)
    assert (final.sent, final.failed, final.handing_off) == (2, 3, 1)
    assert _statuses(issue) == {
        "r0@example.com": "sent",
        "r1@example.com": "sent",
        "r2@example.com": "failed",
        "r3@example.com": "failed",
        "r4@example.com": "failed",
        "r5@example.com": "handing_off",  # in doubt: its webhook, or the policy, settles it
    }
    assert Issue.objects.get(pk=issue.pk).status == "sending"


@override_settings(EMAIL_BACKEND=f"{__name__}.ScriptedProvider", ANYMAIL={})
def test_a_provider_that_answers_with_an_error_gets_the_batch_again_later(morning):
    add_confirmed(morning, 2, prefix="r")
    issue = make_issue(morning)
    services.issue_send_start(issue_id=issue.pk, enqueue=False)
    import requests

    response = requests.Response()
    response.status_code, response.reason, response._content = 503, "Service Unavailable", b"down"
    ScriptedProvider.api_error = AnymailRequestsAPIError("Service unavailable", response=response)
    try:
        final = sending.deliver_issue(issue.pk)
    finally:
        ScriptedProvider.api_error = None
    assert (final.queued, final.handing_off, final.sent) == (2, 0, 0)
    assert Issue.objects.get(pk=issue.pk).relay_retry_at is not None


def test_a_line_that_starts_with_a_dot_arrives_whole(tmp_path):
    """handoff._sendmail writes the DATA itself (to build the next message while the relay
    stores this one), so it must dot-stuff as smtplib does: a line that is only "." would end
    the message early, and a leading dot would be eaten by the relay."""
    import smtplib

    from newsletters import handoff
    from newsletters.dev_mailbox import list_messages, start_mailbox

    mailbox = start_mailbox(tmp_path, port=free_port())
    built: list[str] = []
    try:
        raw = b"Subject: Dots\r\nMessage-ID: <dots@example.com>\r\n\r\nFirst line\r\n.\r\n.hidden line\r\nLast"
        with smtplib.SMTP("127.0.0.1", mailbox.port) as smtp:
            handoff._sendmail(smtp, "desk@example.com", "reader@example.com", raw, lambda: built.append("next"))
    finally:
        mailbox.stop()
    assert built == ["next"]  # the next message was built before the reply was read
    assert len(list_messages(tmp_path)) == 1
    (stored,) = tmp_path.glob("*.eml")
    assert stored.read_bytes().endswith(b"First line\r\n.\r\n.hidden line\r\nLast\r\n")
