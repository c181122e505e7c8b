"""Checkout: joining, donating, a new card and gifts — the card step, then the payment, with
the idempotency keys stored before any Stripe call."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from members import checkout_session
from members.models import (
    Checkout,
    Interval,
    Member,
    Membership,
    Payment,
    Placement,
    Plan,
)
from members.services.accounts import (
    MembershipError,
    ensure_customer,
    log_event,
    member_get_or_create,
    member_refresh_summary,
    membership_settings,
)
from members.services.stripe_sync import ensure_stripe_plan, invoice_apply, payment_intent_apply, subscription_apply
from payments import client
from payments.snapshots import (
    PaymentIntentSnapshot,
    SubscriptionSnapshot,
)

logger = logging.getLogger("masthead.members")


CARD_NOT_CONFIRMED = "Your card was not confirmed. No money was taken. Enter your card again."
PAYMENT_NOT_FOUND = "We could not find this payment. Reload the page and start again; nothing was charged."
CHECKOUT_LOST = "This payment has expired. Reload the page and start again; nothing was charged."
PAYMENTS_UNAVAILABLE = "Payments are unavailable for a moment. Nothing was charged. Please try again in a few minutes."
# The one answer for unknown, expired and foreign checkout tokens: it says nothing about them.
CHECKOUT_EXPIRED = (
    "This payment form has expired or was opened in another browser. Reload the page and start again; "
    "if you already paid, your receipt is in your inbox."
)


@dataclass(frozen=True)
class Choice:
    """What the reader picked on the join page."""

    kind: str  # Checkout.Kind
    plan: Plan | None = None
    interval: str = Interval.MONTH
    amount: int = 0  # cents; for donations and gifts (a gift's price is its plan times its months)
    description: str = ""  # what a one-time charge is called on the card statement

    @classmethod
    def gift(cls, *, plan: Plan, amount: int, description: str) -> Choice:
        """A gift membership of `plan` bought once for `amount` cents (campaigns' gift page)."""
        return cls(kind=Checkout.Kind.GIFT, plan=plan, amount=amount, description=description)


@dataclass(frozen=True)
class Source:
    placement: str = Placement.DIRECT
    campaign_id: int | None = None
    article_page_id: int | None = None

    def as_fields(self) -> dict[str, Any]:
        return {"source": self.placement, "campaign_id": self.campaign_id, "article_page_id": self.article_page_id}

    def as_metadata(self) -> dict[str, str]:
        meta = {"source": self.placement}
        if self.campaign_id:
            meta["campaign_id"] = str(self.campaign_id)
        if self.article_page_id:
            meta["article_page_id"] = str(self.article_page_id)
        return meta


# Ids are stored in 64-bit columns; anything longer is not an id (and would overflow them).
MAX_ID = 2**63 - 1


def _positive_int(value: Any) -> int | None:
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def _existing(app_label: str, model_name: str, pk: int | None) -> int | None:
    """The id if that row exists, else None: attribution is a hint and never fails a payment."""
    if pk is None:
        return None
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return pk if model._default_manager.filter(pk=pk).exists() else None


def attribution_from(data: Any, *, check: bool = True) -> Source:
    """Where the reader came from. Unknown or malformed ids are dropped (`check=False` skips the
    lookups for pages that only echo them back into hidden fields)."""
    placement = str(data.get("source") or "")
    campaign_id = _positive_int(data.get("campaign"))
    article_page_id = _positive_int(data.get("article"))
    if check:
        campaign_id = _existing("campaigns", "Campaign", campaign_id)
        article_page_id = _existing("wagtailcore", "Page", article_page_id)
    return Source(
        placement=placement if placement in Placement.values else Placement.MEMBERSHIP_PAGE,
        campaign_id=campaign_id,
        article_page_id=article_page_id,
    )


# --- Joining and donating ---------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """What the join page's script should do next."""

    status: str  # "confirm_card" | "requires_action" | "succeeded" | "failed"
    client_secret: str = ""
    message: str = ""
    member_id: int | None = None


def checkout_lifetime() -> timedelta:
    """How long a checkout token works (`MEMBERS_CHECKOUT_LIFETIME`)."""
    return timedelta(seconds=getattr(settings, "MEMBERS_CHECKOUT_LIFETIME", 3600))


def checkout_start(
    *,
    email: str,
    name: str,
    choice: Choice,
    source: Source,
    signed_in: Member | None = None,
    started_here: Sequence[str] = (),
) -> tuple[Checkout, str, Step]:
    """Create the member (if new), the checkout and a SetupIntent for the card; return the
    checkout, the token the browser keeps (only its hash is stored) and the next step.

    Whether an address already has a membership is only said to its signed-in owner: the
    join form, like sign-in, must not tell strangers which addresses are members. The Stripe
    calls are the same for every address (the customer is made when paying), so the answer
    does not come faster for addresses that already have one. `started_here`: hashes of the
    checkouts this browser started, so a retry after a declined card still counts as the
    checkout that created the account.
    """
    currency = membership_settings().currency
    token, token_hash = checkout_session.new_token()
    with transaction.atomic():
        member, created = member_get_or_create(email=email, name=name)
        if (
            choice.kind == Checkout.Kind.MEMBERSHIP
            and signed_in is not None
            and signed_in.pk == member.pk
            and member.memberships.filter(kind=Membership.Kind.TIER, access_until__gt=timezone.now()).exists()
        ):
            raise MembershipError(
                "You already have a membership. Change your plan or card on your account page instead."
            )
        gift = choice.kind == Checkout.Kind.GIFT
        # A gift never signs its buyer in, so it never counts as the checkout that made the account.
        created_here = not gift and (
            created
            or (
                bool(started_here)
                and Checkout.objects.filter(
                    member=member, member_is_new=True, token_hash__in=list(started_here)
                ).exists()
            )
        )
        amount = choice.plan.amount_for(choice.interval) if choice.plan and not gift else choice.amount
        now = timezone.now()
        checkout = Checkout.objects.create(
            token_hash=token_hash,
            member=member,
            kind=choice.kind,
            plan=choice.plan,
            interval=choice.interval,
            amount=amount,
            currency=currency,
            description=choice.description[:200],
            member_is_new=created_here,
            created_at=now,
            expires_at=now + checkout_lifetime(),
            welcomed_at=now if gift else None,  # nobody is welcomed (signed in) by a gift
            **source.as_fields(),
        )
    setup = client.create_setup_intent(
        customer_id=None,
        idempotency_key=f"{checkout.idempotency_key}:setup",
        metadata={"checkout": str(checkout.pk)},
    )
    Checkout.objects.filter(pk=checkout.pk).update(setup_intent_id=setup.id)
    checkout.setup_intent_id = setup.id
    return checkout, token, Step("confirm_card", client_secret=setup.client_secret)


def checkout_find(*, token: str, started_here: Sequence[str], gift: bool = False) -> Checkout | None:
    """The checkout this token names, if it is still good and this browser started it.
    Unknown, expired and foreign tokens look the same to the caller. The join steps find
    only join, donation and card checkouts; the gift steps (`gift=True`) only gift ones."""
    if not token:
        return None
    token_hash = checkout_session.token_hash(token)
    if token_hash not in started_here:
        return None
    checkouts = Checkout.objects.select_related("member", "membership", "payment", "plan").filter(token_hash=token_hash)
    checkouts = checkouts.filter(kind=Checkout.Kind.GIFT) if gift else checkouts.exclude(kind=Checkout.Kind.GIFT)
    checkout = checkouts.first()
    return checkout if checkout is not None and checkout.usable() else None


class Welcome:
    """What to do for the payer once a checkout succeeded (see checkout_welcome)."""

    SIGN_IN = "sign_in"
    EMAIL_LINK = "email_link"
    DONE = "done"


def checkout_welcome(*, checkout: Checkout, started_here: Sequence[str]) -> str:
    """Decide, once per checkout, whether paying signs this browser in.

    Paying does not prove an address is yours. The browser is signed in only when this
    checkout (or an earlier one of the same browser) created the account and the account
    holds nothing else: no other payment or membership, no sign-in link ever asked for, no
    completed checkout from another browser. Otherwise the owner gets a sign-in link by
    mail. The claim is atomic: a second call (a retry, a replay) gets DONE.
    """
    claimed = Checkout.objects.filter(pk=checkout.pk, welcomed_at__isnull=True).update(welcomed_at=timezone.now())
    if not claimed:
        return Welcome.DONE
    if not checkout.member_is_new:
        return Welcome.EMAIL_LINK
    member = _payer(checkout)
    mine = Checkout.objects.filter(member=member, token_hash__in=list(started_here))
    foreign_checkout = (
        Checkout.objects.filter(member=member, completed_at__isnull=False).exclude(pk__in=mine.values("pk")).exists()
    )
    foreign_membership = member.memberships.exclude(checkout__in=mine).exists()
    foreign_payment = member.payments.exclude(checkout__in=mine).exclude(membership__checkout__in=mine).exists()
    if foreign_checkout or foreign_membership or foreign_payment or member.sign_in_tokens.exists():
        return Welcome.EMAIL_LINK
    return Welcome.SIGN_IN


def checkout_pay(*, checkout: Checkout) -> Step:
    """After the browser confirmed the card: make it the member's card and take the payment.

    Safe to call again for the same checkout: every Stripe call reuses its stored key.
    """
    if checkout.completed_at:
        return Step("succeeded", member_id=checkout.member_id)
    setup = client.retrieve_setup_intent(checkout.setup_intent_id)
    if setup.status != "succeeded" or not setup.payment_method_id:
        return Step("failed", message=CARD_NOT_CONFIRMED)
    member = _payer(checkout)
    try:
        if checkout.kind == Checkout.Kind.GIFT:
            # A gift bought by a member must not change the card their own membership charges.
            client.attach_card(customer_id=ensure_customer(member=member), payment_method_id=setup.payment_method_id)
        else:
            card = client.use_card(
                customer_id=ensure_customer(member=member), payment_method_id=setup.payment_method_id
            )
            Member.objects.filter(pk=member.pk).update(card_brand=card.brand, card_last4=card.last4)
    except client.CardError as exc:
        return Step("failed", message=exc.message)
    if checkout.kind == Checkout.Kind.CARD_UPDATE:
        return _finish_card_update(checkout)
    if checkout.kind in ONE_TIME_PURPOSES:
        return _pay_once(checkout, setup.payment_method_id)
    return _subscribe(checkout)


def _payer(checkout: Checkout) -> Member:
    """The member paying. Only a finished gift checkout of a deleted buyer has none, and
    nothing pays through that one again."""
    if checkout.member is None:
        raise MembershipError(CHECKOUT_LOST)
    return checkout.member


def _source_of(checkout: Checkout) -> Source:
    return Source(checkout.source, checkout.campaign_id, checkout.article_page_id)


def _subscribe(checkout: Checkout) -> Step:
    member = _payer(checkout)
    kind = Membership.Kind.TIER if checkout.kind == Checkout.Kind.MEMBERSHIP else Membership.Kind.DONATION
    with transaction.atomic():
        membership = checkout.membership or Membership.objects.create(
            member=member,
            kind=kind,
            plan=checkout.plan,
            interval=checkout.interval,
            amount=checkout.amount,
            currency=checkout.currency,
            **_source_of(checkout).as_fields(),
        )
        if checkout.membership_id is None:
            Checkout.objects.filter(pk=checkout.pk).update(membership=membership)
            checkout.membership = membership
    plan_id = ensure_stripe_plan(
        plan=checkout.plan, interval=checkout.interval, amount=checkout.amount, currency=checkout.currency
    )
    metadata = {
        "membership_id": str(membership.pk),
        "member_id": str(member.pk),
        "purpose": "membership" if kind == Membership.Kind.TIER else "donation",
        **_source_of(checkout).as_metadata(),
    }
    try:
        snapshot = client.create_subscription(
            customer_id=member.stripe_customer_id,
            plan_id=plan_id,
            idempotency_key=f"{membership.idempotency_key}:create",
            metadata=metadata,
        )
    except client.CardError as exc:
        membership.delete()
        return Step("failed", message=exc.message)
    Membership.objects.filter(pk=membership.pk).update(stripe_subscription_id=snapshot.id, stripe_plan_id=plan_id)
    subscription_apply(snapshot=snapshot)
    return _step_for_subscription(checkout, snapshot)


def _step_for_subscription(checkout: Checkout, snapshot: SubscriptionSnapshot) -> Step:
    invoice = snapshot.latest_invoice
    pi = invoice.payment_intent if invoice else None
    if snapshot.status in ("active", "trialing"):
        return _complete(checkout)
    if pi is not None and pi.status == "requires_action":
        return Step("requires_action", client_secret=pi.client_secret)
    # The first payment failed: end the attempt so nothing stays half-open in Stripe or here.
    message = client.decline_message(pi.error_code if pi else "")
    client.cancel_subscription_now(snapshot.id)
    if checkout.membership_id:
        Membership.objects.filter(pk=checkout.membership_id).delete()
    member_refresh_summary(member=_payer(checkout))
    return Step("failed", message=message)


# One-time checkouts and the Payment purpose they record.
ONE_TIME_PURPOSES = {
    Checkout.Kind.DONATION_ONCE: Payment.Purpose.DONATION,
    Checkout.Kind.GIFT: Payment.Purpose.GIFT,
}


def _pay_once(checkout: Checkout, payment_method_id: str) -> Step:
    member = _payer(checkout)
    purpose = ONE_TIME_PURPOSES[Checkout.Kind(checkout.kind)]
    with transaction.atomic():
        payment = checkout.payment or Payment.objects.create(
            member=member,
            email_hash="",
            purpose=purpose,
            amount=checkout.amount,
            currency=checkout.currency,
            **_source_of(checkout).as_fields(),
        )
        if checkout.payment_id is None:
            Checkout.objects.filter(pk=checkout.pk).update(payment=payment)
            checkout.payment = payment
    pi = client.create_payment_intent(
        customer_id=member.stripe_customer_id,
        payment_method_id=payment_method_id,
        amount=checkout.amount,
        currency=checkout.currency,
        description=checkout.description or Payment.Purpose(purpose).label,
        idempotency_key=f"{payment.idempotency_key}:intent",
        metadata={"purpose": purpose, "payment_id": str(payment.pk), **_source_of(checkout).as_metadata()},
    )
    payment_intent_apply(pi=pi, payment=payment)
    return _step_for_payment_intent(checkout, pi)


def _step_for_payment_intent(checkout: Checkout, pi: PaymentIntentSnapshot) -> Step:
    if pi.status == "succeeded":
        return _complete(checkout)
    if pi.status == "requires_action":
        return Step("requires_action", client_secret=pi.client_secret)
    return Step("failed", message=client.decline_message(pi.error_code))


def checkout_after_authentication(*, checkout: Checkout) -> Step:
    """The browser finished 3-D Secure: read the outcome from Stripe, not from the browser."""
    if checkout.completed_at:
        return Step("succeeded", member_id=checkout.member_id)
    if checkout.kind in ONE_TIME_PURPOSES and checkout.payment and checkout.payment.stripe_payment_intent_id:
        pi = client.retrieve_payment_intent(checkout.payment.stripe_payment_intent_id)
        payment_intent_apply(pi=pi, payment=checkout.payment)
        return _step_for_payment_intent(checkout, pi)
    if checkout.membership and checkout.membership.stripe_subscription_id:
        snapshot = client.retrieve_subscription(checkout.membership.stripe_subscription_id)
        subscription_apply(snapshot=snapshot)
        return _step_for_subscription(checkout, snapshot)
    return Step("failed", message=PAYMENT_NOT_FOUND)


def _complete(checkout: Checkout) -> Step:
    Checkout.objects.filter(pk=checkout.pk, completed_at__isnull=True).update(completed_at=timezone.now())
    return Step("succeeded", member_id=checkout.member_id)


def card_update_start(*, member: Member) -> tuple[str, Step]:
    """A checkout for a new card; returns the token the browser keeps and the card step."""
    token, token_hash = checkout_session.new_token()
    now = timezone.now()
    with transaction.atomic():
        checkout = Checkout.objects.create(
            token_hash=token_hash,
            member=member,
            kind=Checkout.Kind.CARD_UPDATE,
            created_at=now,
            expires_at=now + checkout_lifetime(),
            welcomed_at=now,  # the member is signed in already
        )
    setup = client.create_setup_intent(
        customer_id=ensure_customer(member=member),
        idempotency_key=f"{checkout.idempotency_key}:setup",
        metadata={"checkout": str(checkout.pk)},
    )
    Checkout.objects.filter(pk=checkout.pk).update(setup_intent_id=setup.id)
    return token, Step("confirm_card", client_secret=setup.client_secret)


def _finish_card_update(checkout: Checkout) -> Step:
    """A past-due member's new card pays the open renewal at once instead of waiting for a retry."""
    member = _payer(checkout)
    log_event(member=member, kind="card_updated", message="Card updated.")
    for membership in member.memberships.filter(status=Membership.Status.PAST_DUE).exclude(stripe_subscription_id=None):
        snapshot = client.retrieve_subscription(membership.stripe_subscription_id or "")
        invoice = snapshot.latest_invoice
        if invoice and invoice.status == "open":
            try:
                invoice_apply(invoice=client.pay_invoice(invoice.id))
            except client.CardError as exc:
                return Step("failed", message=exc.message)
        subscription_apply(snapshot=client.retrieve_subscription(snapshot.id))
    return _complete(checkout)
