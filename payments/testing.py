"""Test helpers for anything that pays: a real localstripe server and signed webhook events.

Import the fixtures into an app's tests/conftest.py:
    from payments.testing import localstripe, stripe_settings  # noqa: F401
"""

from __future__ import annotations

import hashlib
import hmac
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from lib.csp import content_security_policy

WEBHOOK_SECRET = "whsec_test_masthead"  # noqa: S105 - localstripe test value
SECRET_KEY = "sk_test_masthead"  # noqa: S105 - localstripe test value
PUBLISHABLE_KEY = "pk_test_masthead"


from lib.ports import free_port  # noqa: E402


@dataclass
class LocalStripe:
    url: str

    def register_webhook(self, url: str, secret: str = WEBHOOK_SECRET, events: list[str] | None = None) -> None:
        body: dict[str, Any] = {"url": url, "secret": secret}
        if events is not None:
            body["events"] = events
        response = requests.post(f"{self.url}/_config/webhooks/masthead", json=body, timeout=5)
        response.raise_for_status()

    def forget_webhook(self) -> None:
        """localstripe cannot unregister; point ours at a closed port so later tests' events
        go nowhere instead of into a live server another test is using."""
        self.register_webhook("http://127.0.0.1:9/closed")

    # What Stripe.js does in the browser, done over HTTP with the publishable key.
    def confirm_card_setup(self, client_secret: str, number: str) -> dict[str, Any]:
        seti = client_secret.split("_secret_")[0]
        body = {
            "key": PUBLISHABLE_KEY,
            "client_secret": client_secret,
            "payment_method_data": {
                "type": "card",
                "card": {"number": number, "exp_month": "12", "exp_year": "2034", "cvc": "123"},
            },
        }
        response = requests.post(f"{self.url}/v1/setup_intents/{seti}/confirm", json=body, timeout=5)
        result: dict[str, Any] = response.json()
        if result.get("status") == "requires_action":  # the 3-D Secure dialog, answered "complete"
            response = requests.post(
                f"{self.url}/v1/setup_intents/{seti}/confirm",
                json={"key": PUBLISHABLE_KEY, "client_secret": client_secret},
                timeout=5,
            )
            result = response.json()
        return result

    def authenticate_payment(self, client_secret: str, *, success: bool = True) -> dict[str, Any]:
        pi = client_secret.split("_secret_")[0]
        response = requests.post(
            f"{self.url}/v1/payment_intents/{pi}/_authenticate?success={'true' if success else 'false'}",
            json={"key": PUBLISHABLE_KEY, "client_secret": client_secret},
            timeout=5,
        )
        answer: dict[str, Any] = response.json()
        return answer


@pytest.fixture(scope="session")
def localstripe() -> Any:
    port = free_port()
    state = Path(tempfile.mkdtemp(prefix="masthead-localstripe-")) / "state.pickle"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "payments.localstripe_server",
            "--port",
            str(port),
            "--from-scratch",
            "--state",
            str(state),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            requests.get(f"{url}/js.stripe.com/v3/", timeout=1)
            break
        except requests.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("localstripe did not start") from None
            time.sleep(0.05)
    yield LocalStripe(url=url)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_settings(settings: Any, localstripe: Any) -> Any:
    settings.STRIPE_API_BASE = localstripe.url
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    # Browsers may load localstripe's Stripe.js under the Content-Security-Policy.
    settings.SECURE_CSP = content_security_policy(stripe_api_base=localstripe.url)
    return settings


_counter = [0]


def make_event(
    event_type: str, obj: dict[str, Any], *, created: int | None = None, event_id: str = ""
) -> dict[str, Any]:
    """An event shaped like Stripe's documented ones, for types localstripe never sends."""
    _counter[0] += 1
    return {
        "id": event_id or f"evt_test_{int(time.time() * 1000)}_{_counter[0]}",
        "object": "event",
        "api_version": "2024-06-20",
        "created": created if created is not None else int(time.time()),
        "livemode": False,
        "pending_webhooks": 1,
        "type": event_type,
        "data": {"object": obj},
    }


def sign(payload: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signature}"


def deliver(client: Any, event: dict[str, Any], *, secret: str = WEBHOOK_SECRET) -> Any:
    """POST an event to our webhook endpoint the way Stripe does, signed."""
    payload = json.dumps(event).encode()
    return client.post(
        "/payments/stripe/webhook/",
        data=payload,
        content_type="application/json",
        headers={"Stripe-Signature": sign(payload, secret=secret)},
    )


def stripe_object(kind: str, object_id: str, **params: Any) -> dict[str, Any]:
    """Fetch an object from (local)stripe as a plain dict, to build event payloads from."""
    import stripe

    from payments import client

    found: dict[str, Any] = client._call(getattr(stripe, kind).retrieve, object_id, **params)
    return found


def stripe_call(func_path: str, *args: Any, **kwargs: Any) -> Any:
    """Call the stripe library directly, e.g. stripe_call("Refund.create", payment_intent=…)."""
    import stripe

    from payments import client

    target: Any = stripe
    for part in func_path.split("."):
        target = getattr(target, part)
    return client._call(target, *args, **kwargs)
