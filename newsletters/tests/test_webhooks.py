"""Provider webhooks cannot be forged (issue 10.2): served only for the configured provider
and only when anymail can authenticate the post; a forged event neither suppresses anyone nor
settles an in-doubt delivery."""

from __future__ import annotations

import base64
import json

import pytest
from django.core.checks import Error, Warning
from django.test import override_settings
from django.urls import path

from newsletters import checks, sending, services
from newsletters.models import Delivery, Subscription, Suppression
from newsletters.tests.conftest import add_confirmed, make_issue

pytestmark = pytest.mark.django_db

URL = "/newsletters/anymail/postmark/tracking/"
POSTMARK = {"EMAIL_BACKEND": "anymail.backends.postmark.EmailBackend"}
SECRET = {"ANYMAIL": {"POSTMARK_SERVER_TOKEN": "token", "WEBHOOK_SECRET": "hook:s3cret-enough"}}


def _complaint(email: str) -> str:
    return json.dumps({"RecordType": "SpamComplaint", "Type": "SpamComplaint", "Email": email, "MessageID": "x"})


def _delivered(email: str, delivery_id: int) -> str:
    return json.dumps(
        {"RecordType": "Delivery", "Recipient": email, "MessageID": "x", "Metadata": {"delivery_id": str(delivery_id)}}
    )


def _auth(credentials: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials.encode()).decode()}


def _in_doubt(newsletter) -> Delivery:  # type: ignore[no-untyped-def]
    add_confirmed(newsletter, 1)
    issue = make_issue(newsletter)
    services.issue_send_start(issue_id=issue.pk, enqueue=False)
    sending.prepare(issue.pk)
    sending.claim_batch(issue.pk, 10)
    return Delivery.objects.get()


@pytest.mark.parametrize(
    "configured",
    [
        {},  # the default: SMTP, no secret
        POSTMARK,  # a provider, but nothing authenticates its webhook
        {"ANYMAIL": {"WEBHOOK_SECRET": "hook:s3cret-enough"}},  # a secret, but mail goes over SMTP
    ],
)
def test_a_forged_complaint_is_a_404_and_suppresses_no_one(client, morning, configured):
    [reader] = add_confirmed(morning, 1)
    with override_settings(**configured):
        response = client.post(URL, _complaint(reader.email), content_type="application/json")
    assert response.status_code == 404
    assert not Suppression.objects.exists()
    assert Subscription.objects.get(subscriber=reader).status == "confirmed"


@override_settings(**POSTMARK, **SECRET)
def test_with_a_secret_a_post_without_or_with_wrong_credentials_is_refused(client, morning):
    [reader] = add_confirmed(morning, 1)
    assert client.post(URL, _complaint(reader.email), content_type="application/json").status_code == 400
    wrong = client.post(URL, _complaint(reader.email), content_type="application/json", **_auth("hook:guess"))
    assert wrong.status_code == 400
    assert not Suppression.objects.exists()
    # Another provider's webhook is not served at all.
    other = client.post("/newsletters/anymail/mailjet/tracking/", "[]", content_type="application/json")
    assert other.status_code == 404


@override_settings(**POSTMARK, **SECRET)
def test_a_complaint_with_the_right_credentials_suppresses_the_address(client, morning):
    [reader] = add_confirmed(morning, 1)
    response = client.post(
        URL, _complaint(reader.email), content_type="application/json", **_auth("hook:s3cret-enough")
    )
    assert response.status_code == 200
    assert Suppression.objects.get().reason == "complained"
    assert Subscription.objects.get(subscriber=reader).status == "unsubscribed"


def test_a_forged_delivered_event_does_not_settle_an_in_doubt_delivery(client, morning):
    delivery = _in_doubt(morning)
    email = delivery.subscriber.email
    assert client.post(URL, _delivered(email, delivery.pk), content_type="application/json").status_code == 404
    with override_settings(**POSTMARK, **SECRET):
        forged = client.post(URL, _delivered(email, delivery.pk), content_type="application/json")
        assert forged.status_code == 400
        assert Delivery.objects.get().status == "handing_off"
        # Authentic, but about another address: still not this delivery's proof.
        other = client.post(
            URL,
            _delivered("someone-else@example.com", delivery.pk),
            content_type="application/json",
            **_auth("hook:s3cret-enough"),
        )
        assert other.status_code == 200 and Delivery.objects.get().status == "handing_off"
        genuine = client.post(
            URL, _delivered(email, delivery.pk), content_type="application/json", **_auth("hook:s3cret-enough")
        )
    assert genuine.status_code == 200
    assert Delivery.objects.get().status == "sent"


@override_settings(
    EMAIL_BACKEND="anymail.backends.mailgun.EmailBackend",
    ANYMAIL={"MAILGUN_API_KEY": "key", "MAILGUN_WEBHOOK_SIGNING_KEY": "signing-key"},
)
def test_a_provider_that_signs_its_webhooks_is_served_on_its_signature_alone(client, morning):
    import hashlib
    import hmac
    import time

    [reader] = add_confirmed(morning, 1)
    timestamp, token = str(int(time.time())), "a" * 50
    event = {"event": "complained", "recipient": reader.email, "timestamp": float(timestamp), "id": "e1"}

    def post(signature: str):  # type: ignore[no-untyped-def]
        body = {"signature": {"timestamp": timestamp, "token": token, "signature": signature}, "event-data": event}
        return client.post("/newsletters/anymail/mailgun/tracking/", json.dumps(body), content_type="application/json")

    assert post("0" * 64).status_code == 400
    assert not Suppression.objects.exists()
    good = hmac.new(b"signing-key", (timestamp + token).encode(), hashlib.sha256).hexdigest()
    assert post(good).status_code == 200
    assert Suppression.objects.get().reason == "complained"


# --- the system check: anymail webhooks mounted without a secret ------------------------------

from anymail.webhooks.postmark import PostmarkTrackingWebhookView  # noqa: E402

urlpatterns = [path("hooks/postmark/", PostmarkTrackingWebhookView.as_view())]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_webhooks_mounted_elsewhere_without_a_secret_are_a_check_error():
    problems = checks.check_provider_webhooks()
    assert [p.id for p in problems if isinstance(p, Error)] == ["newsletters.E001"]
    with override_settings(ANYMAIL={"WEBHOOK_SECRET": "hook:s3cret-enough"}):
        assert not [p for p in checks.check_provider_webhooks() if isinstance(p, Error)]


@override_settings(DEBUG=False)
def test_the_shipped_url_conf_passes_and_a_provider_without_webhook_auth_is_warned_about():
    assert checks.check_provider_webhooks() == []
    with override_settings(**POSTMARK):
        assert [p.id for p in checks.check_provider_webhooks() if isinstance(p, Warning)] == ["newsletters.W001"]
    with override_settings(EMAIL_BACKEND="anymail.backends.mailgun.EmailBackend", **SECRET):
        assert [p.id for p in checks.check_provider_webhooks()] == ["newsletters.W002"]
