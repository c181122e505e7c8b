"""Sending a batch through an email provider's API (django-anymail): one call per batch.

What the provider's answer means for each row (anymail's per-recipient status):
`sent`, `queued`, `scheduled` → Sent (the provider took it); `rejected`, `invalid` → Failed
(refused, do not retry blindly); `failed` → Failed (the provider could not send it); `unknown`
or no status → left Handing off, in doubt: the provider's tracking webhook settles it
(signal_handlers.handle_tracking), or NEWSLETTERS_IN_DOUBT once the claim lapses. An API call
that got no answer the provider could have acted on (connection refused, an HTTP error status)
hands nothing over: the batch goes back to the queue and the send backs off. A call that timed
out waiting for the answer is in doubt as a whole (the provider may have sent it).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from newsletters.handoff import Claimed, RelayUnavailable, _mark, _requeue
from newsletters.models import Delivery
from newsletters.rendering import RenderedIssue

ACCEPTED = {"sent", "queued", "scheduled"}
REFUSED = {"rejected": "Refused by the email provider.", "invalid": "The email provider says the address is invalid."}
FAILED = {"failed": "The email provider could not send it."}


def send_batch_via_provider(rendered: RenderedIssue, batch: list[Claimed]) -> tuple[int, int]:
    """One provider API call for the whole batch (anymail merge_data → the provider's batch
    send, one message per recipient). Each recipient's links go in as merge fields written in
    the provider's syntax (NEWSLETTERS_MERGE_FIELD_FORMAT), their List-Unsubscribe headers via
    merge_headers, and our delivery id via merge_metadata, which tracking webhooks echo back.
    Returns (sent, failed); rows in doubt are neither."""
    import requests
    from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
    from anymail.message import AnymailMessage

    owner = batch[0].owner
    fmt = settings.NEWSLETTERS_MERGE_FIELD_FORMAT
    fields = {name: fmt.replace("NAME", name) for name in ("unsubscribe_url", "preferences_url", "email")}
    html_body, text_body = rendered.with_merge_fields(fields)
    message = AnymailMessage(
        subject=rendered.subject,
        body=text_body,
        from_email=rendered.from_email,
        to=[c.email for c in batch],
        reply_to=list(rendered.reply_to),
    )
    message.attach_alternative(html_body, "text/html")
    message.merge_data, message.merge_headers = {}, {}
    for c in batch:
        personal = rendered.personal(subscriber_id=c.subscriber_id, email=c.email)
        message.merge_data[c.email] = {
            "unsubscribe_url": personal.unsubscribe_url,
            "preferences_url": personal.preferences_url,
            "email": c.email,
        }
        message.merge_headers[c.email] = {k: v for k, v in personal.headers.items() if k.startswith("List-")}
    message.merge_metadata = {c.email: {"delivery_id": str(c.delivery_id)} for c in batch}
    ids = [c.delivery_id for c in batch]
    try:
        message.send()
    except AnymailRecipientsRefused:
        pass  # every recipient refused: the statuses below say so
    except AnymailAPIError as error:
        answered = error.status_code is not None and not 200 <= error.status_code < 300
        refused_connection = isinstance(error, requests.ConnectionError) and not isinstance(error, requests.ReadTimeout)
        if answered or refused_connection:
            _requeue(ids, owner)
            raise RelayUnavailable(f"The email provider did not take the batch: {error}"[:300]) from error
        raise  # no usable answer: the whole batch is in doubt (handing_off) until reconciled
    status = message.anymail_status
    sent_ids, failed_ids, errors = [], [], {}
    for claimed in batch:
        recipient = status.recipients.get(claimed.email)
        code = recipient.status if recipient is not None else None
        if code in ACCEPTED:
            sent_ids.append(claimed.delivery_id)
        elif code in REFUSED or code in FAILED:
            failed_ids.append(claimed.delivery_id)
            errors[claimed.delivery_id] = REFUSED.get(code) or FAILED[code]
    _mark(sent_ids, Delivery.Status.SENT, owner=owner, sent_at=timezone.now())
    for text in set(errors.values()):
        _mark([d for d, e in errors.items() if e == text], Delivery.Status.FAILED, owner=owner, error=text)
    return len(sent_ids), len(failed_ids)
