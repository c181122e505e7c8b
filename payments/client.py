"""The only module that talks to Stripe. Everything else calls these functions.

The official `stripe` library is pointed at real Stripe, or at localstripe when
settings.STRIPE_API_BASE is set (development and tests). Only API features both provide are
used: Customers, PaymentMethods, SetupIntents, PaymentIntents, Plans (not Prices),
Subscriptions, Invoices and Refunds. The API version is pinned so real Stripe answers in the
same shapes localstripe does (e.g. `subscription.current_period_end`, `invoice.payment_intent`).

Every call that creates something takes an idempotency key the caller has already stored on
its own row; retrying with the same key makes Stripe replay its first answer instead of
charging twice.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import stripe
from django.conf import settings

from payments.snapshots import (
    Card,
    InvoiceSnapshot,
    PaymentIntentSnapshot,
    SetupIntentSnapshot,
    SubscriptionSnapshot,
)

API_VERSION = "2024-06-20"


class PaymentsNotConfigured(Exception):
    """STRIPE_SECRET_KEY is empty: this site takes no payments yet."""


@dataclass(frozen=True)
class CardError(Exception):
    """Stripe refused the card. `message` is safe to show the person paying."""

    message: str
    code: str = ""

    def __str__(self) -> str:
        return self.message


class StripeUnavailable(Exception):
    """Stripe could not be reached or answered with an error that is not about the card."""


def _configure() -> None:
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentsNotConfigured("Set STRIPE_SECRET_KEY (and the publishable key) to take payments.")
    stripe.api_key = settings.STRIPE_SECRET_KEY
    stripe.api_version = API_VERSION
    stripe.api_base = settings.STRIPE_API_BASE or "https://api.stripe.com"
    stripe.max_network_retries = 2


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def _now() -> int:
    return int(time.time())


def _call(func: Any, *args: Any, **kwargs: Any) -> Any:
    _configure()
    try:
        result = func(*args, **kwargs)
    except stripe.CardError as exc:
        raise CardError(decline_message(getattr(exc, "code", "") or ""), getattr(exc, "code", "") or "") from exc
    except stripe.StripeError as exc:
        raise StripeUnavailable(str(exc)) from exc
    # Plain dicts from here on: callers never hold vendor objects.
    return result.to_dict() if hasattr(result, "to_dict") else result


def decline_message(code: str) -> str:
    """A sentence for the reader that says what happened and what to do next."""
    if code == "insufficient_funds":
        return "Your card was declined for insufficient funds. No money was taken. Try another card."
    if code in ("expired_card", "invalid_expiry_year"):
        return "Your card has expired. No money was taken. Check the date or try another card."
    if code in ("incorrect_cvc", "invalid_cvc"):
        return "The security code was not accepted. No money was taken. Check the three digits on the back."
    if code == "payment_intent_authentication_failure":
        return "Your bank's security check was not completed. No money was taken. Try again or use another card."
    return "Your card was declined. No money was taken. Try another card, or ask your bank why it was refused."


# --- Customers and cards ----------------------------------------------------------------------


def create_customer(*, email: str, name: str, idempotency_key: str, metadata: dict[str, str]) -> str:
    customer = _call(stripe.Customer.create, email=email, name=name, metadata=metadata, idempotency_key=idempotency_key)
    return str(customer["id"])


def delete_customer(customer_id: str) -> None:
    """Removes saved cards with the customer; Stripe keeps its own charge records."""
    try:
        _call(stripe.Customer.delete, customer_id)
    except StripeUnavailable as exc:
        if "No such customer" not in str(exc) and "Not Found" not in str(exc):
            raise


def create_setup_intent(
    *, customer_id: str | None, idempotency_key: str, metadata: dict[str, str]
) -> SetupIntentSnapshot:
    """A SetupIntent the browser confirms with Stripe.js, so the card number never reaches us.

    Without a customer (joining and gifts: the customer is made when paying, so starting costs
    the same calls for every address) `use_card` or `attach_card` attaches the card afterwards.
    """
    extra = {"customer": customer_id} if customer_id else {}
    si = _call(
        stripe.SetupIntent.create,
        usage="off_session",
        payment_method_types=["card"],
        metadata=metadata,
        idempotency_key=idempotency_key,
        **extra,
    )
    return SetupIntentSnapshot.from_stripe(si)


def retrieve_setup_intent(setup_intent_id: str) -> SetupIntentSnapshot:
    return SetupIntentSnapshot.from_stripe(_call(stripe.SetupIntent.retrieve, setup_intent_id))


def attach_card(*, customer_id: str, payment_method_id: str) -> Card:
    """Attach the confirmed card to the customer (if it is not yet), leaving their default card
    alone (a gift bought by a member must not change what their own membership charges)."""
    pm = _call(stripe.PaymentMethod.retrieve, payment_method_id)
    attached_to = pm.get("customer")
    if attached_to and attached_to != customer_id:
        raise CardError("This card belongs to another account. Enter your card again.", "foreign_card")
    if not attached_to:
        pm = _call(stripe.PaymentMethod.attach, payment_method_id, customer=customer_id)
    return Card.from_payment_method(pm)


def use_card(*, customer_id: str, payment_method_id: str) -> Card:
    """Attach the card to the customer (if it is not yet) and make it the one invoices charge."""
    card = attach_card(customer_id=customer_id, payment_method_id=payment_method_id)
    _call(stripe.Customer.modify, customer_id, invoice_settings={"default_payment_method": payment_method_id})
    return card


# --- Plans ------------------------------------------------------------------------------------


def ensure_plan(*, plan_id: str, amount: int, currency: str, interval: str, product_name: str) -> str:
    """Create the Plan if Stripe does not have it. Plan ids name their price, so a changed
    price makes a new Plan and existing subscriptions keep theirs."""
    _configure()
    try:
        stripe.Plan.retrieve(plan_id)
        return plan_id
    except stripe.InvalidRequestError:
        pass
    except stripe.StripeError as exc:
        raise StripeUnavailable(str(exc)) from exc
    _call(
        stripe.Plan.create,
        id=plan_id,
        amount=amount,
        currency=currency,
        interval=interval,
        product={"name": product_name},
        idempotency_key=f"plan-{plan_id}",
    )
    return plan_id


# --- Subscriptions ----------------------------------------------------------------------------

_EXPAND = ["latest_invoice.payment_intent"]


def create_subscription(
    *, customer_id: str, plan_id: str, idempotency_key: str, metadata: dict[str, str]
) -> SubscriptionSnapshot:
    """Start a subscription charged to the customer's default card. If the first payment needs
    3-D Secure, the snapshot's latest_invoice.payment_intent has status requires_action and a
    client_secret for `stripe.confirmCardPayment` in the browser."""
    sub = _call(
        stripe.Subscription.create,
        customer=customer_id,
        items=[{"plan": plan_id}],
        metadata=metadata,
        payment_behavior="allow_incomplete",
        expand=_EXPAND,
        idempotency_key=idempotency_key,
    )
    return SubscriptionSnapshot.from_stripe(sub, at=_now(), fresh=True)


def retrieve_subscription(subscription_id: str) -> SubscriptionSnapshot:
    return SubscriptionSnapshot.from_stripe(
        _call(stripe.Subscription.retrieve, subscription_id, expand=_EXPAND), at=_now(), fresh=True
    )


def set_cancel_at_period_end(subscription_id: str, *, cancel: bool) -> SubscriptionSnapshot:
    sub = _call(stripe.Subscription.modify, subscription_id, cancel_at_period_end=cancel, expand=_EXPAND)
    return SubscriptionSnapshot.from_stripe(sub, at=_now(), fresh=True)


def preview_plan_change(subscription_id: str, *, plan_id: str) -> tuple[int, str]:
    """What changing the subscription to `plan_id` would invoice now, as Stripe computes it
    (amount due in minor units, negative for a credit; currency). Charges nothing."""
    current = _call(stripe.Subscription.retrieve, subscription_id)
    item_id = current["items"]["data"][0]["id"]
    preview = _call(
        stripe.Invoice.create_preview,
        customer=current["customer"],
        subscription=subscription_id,
        subscription_details={"items": [{"id": item_id, "plan": plan_id}]},
    )
    amount = preview.get("amount_due")
    if amount is None:
        amount = preview.get("total") or 0
    # A credit shows as a negative total with nothing due.
    total = preview.get("total")
    if total is not None and total < 0:
        amount = total
    return int(amount), str(preview.get("currency") or "")


def change_plan(subscription_id: str, *, plan_id: str) -> SubscriptionSnapshot:
    current = _call(stripe.Subscription.retrieve, subscription_id)
    item_id = current["items"]["data"][0]["id"]
    sub = _call(
        stripe.Subscription.modify,
        subscription_id,
        items=[{"id": item_id, "plan": plan_id}],
        expand=_EXPAND,
    )
    return SubscriptionSnapshot.from_stripe(sub, at=_now(), fresh=True)


def cancel_subscription_now(subscription_id: str) -> SubscriptionSnapshot:
    try:
        sub = _call(stripe.Subscription.delete, subscription_id)
    except StripeUnavailable as exc:
        if "No such subscription" in str(exc) or "Not Found" in str(exc):
            return retrieve_subscription(subscription_id)
        raise
    return SubscriptionSnapshot.from_stripe(sub, at=_now(), fresh=True)


def pay_invoice(invoice_id: str) -> InvoiceSnapshot:
    """Try an open invoice again now (after the member updated their card)."""
    _call(stripe.Invoice.pay, invoice_id)
    return InvoiceSnapshot.from_stripe(_call(stripe.Invoice.retrieve, invoice_id, expand=["payment_intent"]), at=_now())


# --- One-time payments ------------------------------------------------------------------------


def create_payment_intent(
    *,
    customer_id: str,
    payment_method_id: str,
    amount: int,
    currency: str,
    description: str,
    idempotency_key: str,
    metadata: dict[str, str],
) -> PaymentIntentSnapshot:
    """Charge a saved card once. A decline comes back as status requires_payment_method with
    the reason in error_message, not as an exception, so the caller records the attempt."""
    try:
        pi = _call(
            stripe.PaymentIntent.create,
            amount=amount,
            currency=currency,
            customer=customer_id,
            payment_method=payment_method_id,
            payment_method_types=["card"],
            confirm=True,
            metadata={"description": description, **metadata},
            idempotency_key=idempotency_key,
        )
    except CardError as exc:
        return PaymentIntentSnapshot(
            id="",
            status="requires_payment_method",
            amount=amount,
            currency=currency,
            client_secret="",
            customer_id=customer_id,
            invoice_id="",
            charge_id="",
            error_code=exc.code,
            error_message=exc.message,
            metadata=metadata,
            at=_now(),
        )
    return PaymentIntentSnapshot.from_stripe(pi, at=_now())


def retrieve_payment_intent(payment_intent_id: str) -> PaymentIntentSnapshot:
    return PaymentIntentSnapshot.from_stripe(_call(stripe.PaymentIntent.retrieve, payment_intent_id), at=_now())


def refund(*, payment_intent_id: str, idempotency_key: str, amount: int | None = None) -> str:
    kwargs: dict[str, Any] = {"payment_intent": payment_intent_id, "idempotency_key": idempotency_key}
    if amount is not None:
        kwargs["amount"] = amount
    return str(_call(stripe.Refund.create, **kwargs)["id"])


def js_url() -> str:
    """Stripe.js for the browser: localstripe's stand-in in development and tests."""
    if settings.STRIPE_API_BASE:
        return settings.STRIPE_API_BASE.rstrip("/") + "/js.stripe.com/v3/"
    return "https://js.stripe.com/v3/"
