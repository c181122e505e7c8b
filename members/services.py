"""Membership rules: joining, paying, renewals, cancelling, staff grants, export and deletion.

Views, webhooks (through payments.signals), tasks and commands call these and nothing else
writes members' rows. Stripe is reached only through payments.client, and never inside a
database transaction: rows (with their idempotency keys) are committed first.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lib.money import format_money
from members import billing, checkout_session
from members.models import (
    Checkout,
    Interval,
    Member,
    MemberEvent,
    Membership,
    MembershipSettings,
    Payment,
    Placement,
    Plan,
)
from members.signals import member_deleting, membership_started, payment_succeeded
from payments import client
from payments.snapshots import (
    DisputeSnapshot,
    InvoiceSnapshot,
    PaymentIntentSnapshot,
    RefundSnapshot,
    SubscriptionSnapshot,
)

logger = logging.getLogger("masthead.members")


class MembershipError(Exception):
    """Something the reader can fix; the message says how."""


def normalize_email(email: str) -> str:
    return email.strip().lower()


def membership_settings() -> MembershipSettings:
    return MembershipSettings.load()


def log_event(member: Member, kind: str, message: str) -> None:
    MemberEvent.objects.create(member=member, kind=kind, message=message[:255])


@dataclass(frozen=True)
class Choice:
    """What the reader picked on the join page."""

    kind: str  # Checkout.Kind
    plan: Plan | None = None
    interval: str = Interval.MONTH
    amount: int = 0  # cents; for donations


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


# --- Members ----------------------------------------------------------------------------------


def member_get_or_create(*, email: str, name: str = "") -> tuple[Member, bool]:
    member, created = Member.objects.get_or_create(email=normalize_email(email), defaults={"name": name.strip()[:150]})
    if not created and name and not member.name:
        member.name = name.strip()[:150]
        member.save(update_fields=["name"])
    return member, created


def member_refresh_summary(member: Member) -> None:
    """Keep the member's summary fields (for the CMS list) in step with their memberships."""
    memberships = list(member.memberships.select_related("plan").order_by("-created_at"))
    current = next((m for m in memberships if m.has_access), None) or next(
        (m for m in memberships if m.status != Membership.Status.PENDING), None
    )
    status: str
    if current is None:
        status = Member.Status.PENDING if memberships else Member.Status.NONE
    elif current.kind == Membership.Kind.COMPLIMENTARY and current.has_access:
        status = Member.Status.COMPLIMENTARY
    elif current.status == Membership.Status.ACTIVE and not current.has_access:
        status = Member.Status.ENDED
    else:
        status = current.status
    access = [m.access_until for m in memberships if m.access_until]
    started = [m.started_at for m in memberships if m.started_at]
    member.status = status
    member.plan = current.plan if current else None
    member.source = current.source if current else ""
    member.joined_at = min(started) if started else None
    member.access_until = max(access) if access else None
    member.save(update_fields=["status", "plan", "source", "joined_at", "access_until"])


def members_refresh_lapsed() -> int:
    """Update the summary of members whose access ran out since it was last computed (grace
    over, complimentary or imported period ended). Access itself never waits for this."""
    stale = Member.objects.filter(access_until__lt=timezone.now()).exclude(
        status__in=[Member.Status.ENDED, Member.Status.NONE, Member.Status.PAST_DUE]
    )
    count = 0
    for member in stale:
        member_refresh_summary(member)
        count += 1
    return count


def ensure_customer(member: Member) -> str:
    if member.stripe_customer_id:
        return member.stripe_customer_id
    customer_id = client.create_customer(
        email=member.email,
        name=member.name,
        idempotency_key=f"customer-{member.stripe_customer_key}",
        metadata={"member_id": str(member.pk)},
    )
    Member.objects.filter(pk=member.pk).update(stripe_customer_id=customer_id)
    member.stripe_customer_id = customer_id
    return customer_id


# --- Plans in Stripe --------------------------------------------------------------------------


def stripe_plan_id(*, slug: str, interval: str, amount: int, currency: str) -> str:
    return f"masthead-{slug}-{interval}-{amount}{currency}"


def ensure_stripe_plan(*, plan: Plan | None, interval: str, amount: int, currency: str) -> str:
    slug = plan.slug if plan else "donation"
    name = plan.name if plan else "Monthly donation"
    plan_id = stripe_plan_id(slug=slug, interval=interval, amount=amount, currency=currency)
    return client.ensure_plan(plan_id=plan_id, amount=amount, currency=currency, interval=interval, product_name=name)


def plans_sync_to_stripe() -> list[str]:
    """Create every active plan's monthly and yearly Stripe Plan. Idempotent."""
    currency = membership_settings().currency
    made = []
    for plan in Plan.objects.filter(active=True):
        for interval in (Interval.MONTH, Interval.YEAR):
            made.append(
                ensure_stripe_plan(plan=plan, interval=interval, amount=plan.amount_for(interval), currency=currency)
            )
    return made


# --- Joining and donating ---------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """What the join page's script should do next."""

    status: str  # "confirm_card" | "requires_action" | "succeeded" | "failed"
    client_secret: str = ""
    message: str = ""
    member_id: int | None = None


def checkout_lifetime() -> timedelta:
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
        created_here = created or (
            bool(started_here)
            and Checkout.objects.filter(member=member, member_is_new=True, token_hash__in=list(started_here)).exists()
        )
        amount = choice.plan.amount_for(choice.interval) if choice.plan else choice.amount
        now = timezone.now()
        checkout = Checkout.objects.create(
            token_hash=token_hash,
            member=member,
            kind=choice.kind,
            plan=choice.plan,
            interval=choice.interval,
            amount=amount,
            currency=currency,
            member_is_new=created_here,
            created_at=now,
            expires_at=now + checkout_lifetime(),
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


def checkout_find(*, token: str, started_here: Sequence[str]) -> Checkout | None:
    """The checkout this token names, if it is still good and this browser started it.
    Unknown, expired and foreign tokens look the same to the caller."""
    if not token:
        return None
    token_hash = checkout_session.token_hash(token)
    if token_hash not in started_here:
        return None
    checkout = (
        Checkout.objects.select_related("member", "membership", "payment", "plan").filter(token_hash=token_hash).first()
    )
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
    member = checkout.member
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
        return Step("failed", message="Your card was not confirmed. No money was taken. Enter your card again.")
    member = checkout.member
    try:
        card = client.use_card(customer_id=ensure_customer(member), payment_method_id=setup.payment_method_id)
    except client.CardError as exc:
        return Step("failed", message=exc.message)
    Member.objects.filter(pk=member.pk).update(card_brand=card.brand, card_last4=card.last4)
    if checkout.kind == Checkout.Kind.CARD_UPDATE:
        return _finish_card_update(checkout)
    if checkout.kind in ONE_TIME_PURPOSES:
        return _pay_once(checkout, setup.payment_method_id)
    return _subscribe(checkout)


def _source_of(checkout: Checkout) -> Source:
    return Source(checkout.source, checkout.campaign_id, checkout.article_page_id)


def _subscribe(checkout: Checkout) -> Step:
    member = checkout.member
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
    subscription_apply(snapshot)
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
    member_refresh_summary(checkout.member)
    return Step("failed", message=message)


# One-time checkouts and the Payment purpose they record; a gift checkout adds a line here.
ONE_TIME_PURPOSES = {Checkout.Kind.DONATION_ONCE: Payment.Purpose.DONATION}


def _pay_once(checkout: Checkout, payment_method_id: str) -> Step:
    member = checkout.member
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
        description=Payment.Purpose(purpose).label,
        idempotency_key=f"{payment.idempotency_key}:intent",
        metadata={"purpose": purpose, "payment_id": str(payment.pk), **_source_of(checkout).as_metadata()},
    )
    payment_intent_apply(pi, payment=payment)
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
        payment_intent_apply(pi, payment=checkout.payment)
        return _step_for_payment_intent(checkout, pi)
    if checkout.membership and checkout.membership.stripe_subscription_id:
        snapshot = client.retrieve_subscription(checkout.membership.stripe_subscription_id)
        subscription_apply(snapshot)
        return _step_for_subscription(checkout, snapshot)
    return Step("failed", message="We could not find this payment. Start again from the membership page.")


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
        customer_id=ensure_customer(member),
        idempotency_key=f"{checkout.idempotency_key}:setup",
        metadata={"checkout": str(checkout.pk)},
    )
    Checkout.objects.filter(pk=checkout.pk).update(setup_intent_id=setup.id)
    return token, Step("confirm_card", client_secret=setup.client_secret)


def _finish_card_update(checkout: Checkout) -> Step:
    """A past-due member's new card pays the open renewal at once instead of waiting for a retry."""
    member = checkout.member
    log_event(member, "card_updated", "Card updated.")
    for membership in member.memberships.filter(status=Membership.Status.PAST_DUE).exclude(stripe_subscription_id=None):
        snapshot = client.retrieve_subscription(membership.stripe_subscription_id or "")
        invoice = snapshot.latest_invoice
        if invoice and invoice.status == "open":
            try:
                invoice_apply(client.pay_invoice(invoice.id))
            except client.CardError as exc:
                return Step("failed", message=exc.message)
        subscription_apply(client.retrieve_subscription(snapshot.id))
    return _complete(checkout)


# --- Keeping memberships in step with Stripe (webhooks and API answers) ----------------------


def _membership_for_subscription(subscription_id: str, metadata: dict[str, str] | None = None) -> Membership | None:
    if not subscription_id:
        return None
    membership = Membership.objects.select_for_update().filter(stripe_subscription_id=subscription_id).first()
    if membership is None and metadata and metadata.get("membership_id", "").isdigit():
        membership = Membership.objects.select_for_update().filter(pk=int(metadata["membership_id"])).first()
        if membership is not None and not membership.stripe_subscription_id:
            membership.stripe_subscription_id = subscription_id
            membership.save(update_fields=["stripe_subscription_id"])
    return membership


def _recompute(membership: Membership) -> None:
    """Derive status and access from the stored facts; send the news if it changed."""
    invoices = list(membership.payments.exclude(stripe_invoice_id=None).values_list("status", "period_end"))
    paid = [end for status, end in invoices if status == Payment.Status.SUCCEEDED and end]
    failed = [end for status, end in invoices if status == Payment.Status.FAILED and end]
    state_at = datetime.fromtimestamp(membership.stripe_state_at, UTC) if membership.stripe_state_at else None
    derived = billing.derive(
        stripe_status=membership.stripe_status,
        stripe_ended_at=membership.stripe_ended_at,
        paid_periods=paid,
        failed_periods=failed,
        stripe_state_at=state_at,
    )
    before = membership.status
    first_access = membership.started_at is None and derived.status in ("active", "past_due")
    membership.status = derived.status
    membership.paid_through = derived.paid_through
    membership.access_until = derived.access_until
    if first_access:
        membership.started_at = timezone.now()
    membership.save(update_fields=["status", "paid_through", "access_until", "started_at"])
    member = membership.member
    if before != derived.status:
        log_event(member, f"membership_{derived.status}", f"{membership.label}: {membership.get_status_display()}.")
    if first_access:
        membership_started.send(sender=Membership, membership_id=membership.pk)
        from members import tasks

        transaction.on_commit(lambda: tasks.send_welcome.enqueue(membership.pk))
    if derived.status == Membership.Status.PAST_DUE and before != derived.status:
        _notify_past_due(membership)
    member_refresh_summary(member)


def _notify_past_due(membership: Membership) -> None:
    failed = membership.payments.filter(status=Payment.Status.FAILED).order_by("-period_end").first()
    key = failed.stripe_invoice_id if failed and failed.stripe_invoice_id else "past_due"
    if membership.past_due_notified_for == key:
        return
    membership.past_due_notified_for = key
    membership.save(update_fields=["past_due_notified_for"])
    from members import tasks

    transaction.on_commit(lambda: tasks.send_past_due_notice.enqueue(membership.pk))


def subscription_apply(snapshot: SubscriptionSnapshot) -> Membership | None:
    """Merge a subscription snapshot into its membership. Idempotent; order-independent."""
    with transaction.atomic():
        membership = _membership_for_subscription(snapshot.id, snapshot.metadata)
        if membership is None:
            logger.info("subscription not ours", extra={"subscription": snapshot.id})
            return None
        if billing.snapshot_is_newer(
            stored_status=membership.stripe_status,
            stored_at=membership.stripe_state_at,
            incoming_status=snapshot.status,
            incoming_at=snapshot.at,
            fresh=snapshot.fresh,
        ):
            membership.stripe_status = snapshot.status
            membership.stripe_state_at = snapshot.at
            membership.cancel_at_period_end = snapshot.cancel_at_period_end
            membership.current_period_end = snapshot.current_period_end
            membership.stripe_ended_at = snapshot.ended_at or (
                snapshot.canceled_at if snapshot.status in billing.TERMINAL else None
            )
            if snapshot.plan_id:
                membership.stripe_plan_id = snapshot.plan_id
            if snapshot.amount:
                membership.amount = snapshot.amount
            if snapshot.interval in Interval.values:
                membership.interval = snapshot.interval
            membership.save()
        if snapshot.latest_invoice is not None and snapshot.latest_invoice.status in ("paid", "open"):
            _invoice_merge(membership, snapshot.latest_invoice)
        _recompute(membership)
        return membership


def _invoice_merge(membership: Membership, invoice: InvoiceSnapshot) -> Payment:
    if invoice.status == "paid":
        incoming = Payment.Status.SUCCEEDED
    elif invoice.attempt_failed or (
        invoice.payment_intent and invoice.payment_intent.status == "requires_payment_method"
    ):
        incoming = Payment.Status.FAILED
    elif invoice.payment_intent and invoice.payment_intent.status == "requires_action":
        incoming = Payment.Status.REQUIRES_ACTION
    else:
        incoming = Payment.Status.PENDING
    payment = _payment_for_charge(invoice.charge_id, invoice.payment_intent_id, invoice.id)
    if payment is None:
        payment = Payment(stripe_invoice_id=invoice.id, status=Payment.Status.PENDING)
    if payment.purpose in ("", Payment.Purpose.UNMATCHED):
        payment.stripe_invoice_id = invoice.id
        payment.member = membership.member
        payment.membership = membership
        payment.purpose = (
            Payment.Purpose.MEMBERSHIP if membership.kind == Membership.Kind.TIER else Payment.Purpose.DONATION
        )
        payment.recurring = True
        payment.amount = invoice.amount_paid or invoice.amount_due
        payment.currency = invoice.currency or membership.currency
        payment.source = membership.source
        payment.campaign_id = membership.campaign_id
        payment.article_page_id = membership.article_page_id
    status = billing.merged_payment_status(payment.status, incoming)
    newly_paid = status == Payment.Status.SUCCEEDED and payment.status != status
    payment.status = status
    payment.period_start = payment.period_start or invoice.period_start
    payment.period_end = payment.period_end or invoice.period_end
    payment.stripe_payment_intent_id = payment.stripe_payment_intent_id or invoice.payment_intent_id or None
    payment.stripe_charge_id = payment.stripe_charge_id or invoice.charge_id
    if newly_paid:
        payment.paid_at = datetime.fromtimestamp(invoice.at, UTC)
        payment.amount = invoice.amount_paid or payment.amount
        payment.failure_message = ""
    elif status == Payment.Status.FAILED and invoice.payment_intent:
        payment.failure_message = invoice.payment_intent.error_message[:255]
    payment.save()
    if newly_paid:
        _payment_succeeded(payment)
    return payment


def _payment_succeeded(payment: Payment) -> None:
    if payment.member is not None:
        membership = payment.membership
        renewal = membership is not None and membership.payments.filter(status=Payment.Status.SUCCEEDED).count() > 1
        what = "Renewal" if renewal else payment.get_purpose_display()
        log_event(payment.member, "payment", f"{what} paid: {payment}.")
    payment_succeeded.send(sender=Payment, payment_id=payment.pk)
    from members import tasks

    transaction.on_commit(lambda: tasks.send_receipt.enqueue(payment.pk))


def invoice_apply(invoice: InvoiceSnapshot) -> Payment | None:
    """Record a subscription invoice (paid, or a failed attempt) and re-derive the membership."""
    with transaction.atomic():
        membership = _membership_for_subscription(invoice.subscription_id)
        if membership is None:
            return None
        payment = _invoice_merge(membership, invoice)
        _recompute(membership)
        return payment


def payment_intent_apply(pi: PaymentIntentSnapshot, *, payment: Payment | None = None) -> Payment | None:
    """Record the outcome of a one-time payment. Invoice payments are handled by invoice_apply."""
    if pi.invoice_id:
        return None
    with transaction.atomic():
        if payment is None:
            payment = (
                Payment.objects.select_for_update().filter(stripe_payment_intent_id=pi.id).first() if pi.id else None
            )
        if payment is None and pi.metadata.get("payment_id", "").isdigit():
            payment = Payment.objects.select_for_update().filter(pk=int(pi.metadata["payment_id"])).first()
        if payment is None or payment.stripe_invoice_id or payment.purpose == Payment.Purpose.UNMATCHED:
            return None
        incoming = {
            "succeeded": Payment.Status.SUCCEEDED,
            "requires_action": Payment.Status.REQUIRES_ACTION,
            "requires_payment_method": Payment.Status.FAILED,
            "canceled": Payment.Status.FAILED,
        }.get(pi.status, Payment.Status.PENDING)
        status = billing.merged_payment_status(payment.status, incoming)
        newly_paid = status == Payment.Status.SUCCEEDED and payment.status != status
        payment.status = status
        if pi.id:
            payment.stripe_payment_intent_id = pi.id
        payment.stripe_charge_id = payment.stripe_charge_id or pi.charge_id
        if status == Payment.Status.FAILED:
            payment.failure_message = (pi.error_message or client.decline_message(pi.error_code))[:255]
        if newly_paid:
            payment.paid_at = datetime.fromtimestamp(pi.at, UTC)
            payment.failure_message = ""
        payment.save()
        if newly_paid:
            _payment_succeeded(payment)
        return payment


def _payment_for_charge(charge_id: str, payment_intent_id: str, invoice_id: str) -> Payment | None:
    query = Payment.objects.select_for_update()
    for field, value in (
        ("stripe_charge_id", charge_id),
        ("stripe_payment_intent_id", payment_intent_id),
        ("stripe_invoice_id", invoice_id),
    ):
        if value:
            payment = query.filter(**{field: value}).first()
            if payment is not None:
                return payment
    return None


def _unmatched_payment(
    *, charge_id: str, payment_intent_id: str, invoice_id: str, amount: int, currency: str
) -> Payment:
    """A refund or dispute can arrive before its payment; keep it so it is not lost."""
    return Payment.objects.create(
        purpose=Payment.Purpose.UNMATCHED,
        amount=amount,
        currency=currency or "usd",
        stripe_charge_id=charge_id,
        stripe_payment_intent_id=payment_intent_id or None,
        stripe_invoice_id=invoice_id or None,
    )


def refund_apply(refund: RefundSnapshot) -> Payment | None:
    """Record how much of a payment went back. The largest amount seen wins, so duplicates and
    out-of-order partial refunds end in the same place."""
    with transaction.atomic():
        payment = _payment_for_charge(refund.charge_id, refund.payment_intent_id, refund.invoice_id)
        if payment is None:
            payment = _unmatched_payment(
                charge_id=refund.charge_id,
                payment_intent_id=refund.payment_intent_id,
                invoice_id=refund.invoice_id,
                amount=refund.amount,
                currency=refund.currency,
            )
        if refund.amount_refunded > payment.amount_refunded:
            payment.amount_refunded = refund.amount_refunded
            payment.stripe_charge_id = payment.stripe_charge_id or refund.charge_id
            payment.save(update_fields=["amount_refunded", "stripe_charge_id"])
            if payment.member is not None:
                refunded = format_money(refund.amount_refunded, payment.currency)
                log_event(payment.member, "refund", f"Refunded {refunded} of {payment}.")
        return payment


def dispute_apply(dispute: DisputeSnapshot) -> Payment | None:
    with transaction.atomic():
        payment = _payment_for_charge(dispute.charge_id, dispute.payment_intent_id, "")
        if payment is None:
            payment = _unmatched_payment(
                charge_id=dispute.charge_id,
                payment_intent_id=dispute.payment_intent_id,
                invoice_id="",
                amount=dispute.amount,
                currency="",
            )
        if payment.disputed:
            return payment
        payment.disputed = True
        payment.save(update_fields=["disputed"])
        if payment.member is not None:
            log_event(
                payment.member, "dispute", f"The bank disputes {payment} ({dispute.reason or 'no reason given'})."
            )
        return payment


# --- Members managing their membership --------------------------------------------------------


def _paid_membership(member: Member) -> Membership:
    membership = (
        member.memberships.exclude(stripe_subscription_id=None)
        .exclude(status__in=[Membership.Status.ENDED, Membership.Status.PENDING])
        .order_by("-created_at")
        .first()
    )
    if membership is None:
        raise MembershipError("You have no paid membership to change. Join from the membership page.")
    return membership


def _set_renewal(member: Member, *, cancel: bool, kind: str, message: str) -> Membership:
    membership = _paid_membership(member)
    subscription_apply(client.set_cancel_at_period_end(membership.stripe_subscription_id or "", cancel=cancel))
    log_event(member, kind, message)
    membership.refresh_from_db()
    return membership


def membership_cancel(*, member: Member) -> Membership:
    """Stop renewing; access continues to the end of the paid period."""
    return _set_renewal(
        member, cancel=True, kind="cancel", message="Cancelled; access continues to the end of the paid period."
    )


def membership_resume(*, member: Member) -> Membership:
    return _set_renewal(member, cancel=False, kind="resume", message="Resumed; the membership renews again.")


@dataclass(frozen=True)
class PlanChangePreview:
    """What a plan change would charge now (positive) or credit (negative), in minor units."""

    plan: Plan
    interval: str
    amount_now: int
    currency: str
    new_amount: int  # the new plan's price per interval


def _changeable_membership(member: Member, plan: Plan, interval: str) -> Membership:
    membership = _paid_membership(member)
    if membership.kind != Membership.Kind.TIER:
        raise MembershipError("A monthly donation cannot change plan. Cancel it and join as a member instead.")
    if membership.plan_id == plan.pk and membership.interval == interval:
        raise MembershipError("That is already your plan. Choose another plan or how often to pay.")
    return membership


def membership_preview_plan_change(*, member: Member, plan: Plan, interval: str) -> PlanChangePreview:
    """Asks Stripe what the change would invoice now (its own proration), charging nothing.

    Ensures the Stripe plan for the new price exists (idempotent), so the preview and the change
    use the same plan."""
    membership = _changeable_membership(member, plan, interval)
    amount = plan.amount_for(interval)
    plan_id = ensure_stripe_plan(plan=plan, interval=interval, amount=amount, currency=membership.currency)
    amount_now, currency = client.preview_plan_change(membership.stripe_subscription_id or "", plan_id=plan_id)
    return PlanChangePreview(
        plan=plan, interval=interval, amount_now=amount_now, currency=currency or membership.currency, new_amount=amount
    )


def membership_change_plan(*, member: Member, plan: Plan, interval: str) -> Membership:
    """Changes the plan in Stripe, which charges or credits the prorated difference at once.
    Views call it only after the member confirmed the amount from `membership_preview_plan_change`."""
    membership = _changeable_membership(member, plan, interval)
    amount = plan.amount_for(interval)
    plan_id = ensure_stripe_plan(plan=plan, interval=interval, amount=amount, currency=membership.currency)
    snapshot = client.change_plan(membership.stripe_subscription_id or "", plan_id=plan_id)
    Membership.objects.filter(pk=membership.pk).update(plan=plan, interval=interval, amount=amount)
    subscription_apply(snapshot)
    log_event(member, "plan_change", f"Plan changed to {plan.name} ({Interval(interval).label.lower()}).")
    membership.refresh_from_db()
    return membership


# --- Staff ------------------------------------------------------------------------------------


def membership_grant_complimentary(
    *,
    member: Member,
    plan: Plan | None,
    ends_at: datetime,
    note: str,
    granted_by: str,
    source: str = Placement.STAFF,
) -> Membership:
    """A free membership until `ends_at`, granted by staff (or, with source=Placement.GIFT, by a
    redeemed gift; `granted_by` and `note` then say whose gift and which code). Gives access
    like a paid one."""
    if ends_at <= timezone.now():
        raise MembershipError("Choose an end date in the future.")
    with transaction.atomic():
        membership = Membership.objects.create(
            member=member,
            kind=Membership.Kind.COMPLIMENTARY,
            plan=plan,
            status=Membership.Status.ACTIVE,
            started_at=timezone.now(),
            paid_through=ends_at,
            access_until=ends_at,
            ends_at=ends_at,
            note=note[:255],
            granted_by=granted_by[:150],
            source=source,
        )
        log_event(
            member,
            "complimentary",
            # No giver's name in the history: it outlives the giver's account (granted_by doesn't).
            f"Complimentary membership until {ends_at:%Y-%m-%d} from a gift, {note}."
            if source == Placement.GIFT
            else f"Complimentary membership until {ends_at:%Y-%m-%d} granted by {granted_by}.",
        )
        membership_started.send(sender=Membership, membership_id=membership.pk)
        member_refresh_summary(member)
    return membership


def memberships_relabel_grant(*, membership_ids: list[int], granted_by: str) -> int:
    """Change who a complimentary membership says granted it (e.g. a gift's buyer deleted their
    account: "Gift from a reader"). Nothing else about the memberships changes."""
    return Membership.objects.filter(pk__in=membership_ids, kind=Membership.Kind.COMPLIMENTARY).update(
        granted_by=granted_by[:150]
    )


# --- Export and deletion ----------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def member_export_data(member: Member) -> dict[str, Any]:
    """Everything we hold about a member, for "download my data". Other apps add their part
    through settings.MEMBERS_DATA_EXPORTERS (dotted paths of functions taking the member)."""
    from django.utils.module_loading import import_string

    data: dict[str, Any] = {
        "member": {
            "email": member.email,
            "name": member.name,
            "created_at": _iso(member.created_at),
            "card": {"brand": member.card_brand, "last4": member.card_last4} if member.card_last4 else None,
        },
        "memberships": [
            {
                "kind": m.kind,
                "plan": m.plan.name if m.plan else None,
                "interval": m.interval,
                "amount": m.amount,
                "currency": m.currency,
                "status": m.status,
                "started_at": _iso(m.started_at),
                "paid_through": _iso(m.paid_through),
                "cancel_at_period_end": m.cancel_at_period_end,
                "source": m.source,
            }
            for m in member.memberships.select_related("plan")
        ],
        "payments": [
            {
                "purpose": p.purpose,
                "amount": p.amount,
                "currency": p.currency,
                "status": p.status,
                "amount_refunded": p.amount_refunded,
                "created_at": _iso(p.created_at),
                "paid_at": _iso(p.paid_at),
            }
            for p in member.payments.all()
        ],
        "history": [{"when": _iso(e.created_at), "what": e.message} for e in member.events.all()],
    }
    for path in getattr(settings, "MEMBERS_DATA_EXPORTERS", []):
        data.update(import_string(path)(member))
    return data


def member_delete(*, member: Member) -> None:
    """Cancel billing first, then delete the member. Payment rows stay (the law asks for them)
    with the member unlinked and the email kept only as a hash. If Stripe cannot be reached,
    nothing is deleted and the error propagates so the member can try again."""
    if member.stripe_customer_id:
        for membership in member.memberships.exclude(stripe_subscription_id=None).exclude(
            stripe_status__in=billing.TERMINAL
        ):
            client.cancel_subscription_now(membership.stripe_subscription_id or "")
        client.delete_customer(member.stripe_customer_id)
    with transaction.atomic():
        member_deleting.send(sender=Member, member_id=member.pk, email=member.email)
        from members.models import email_hash

        Payment.objects.filter(member=member).update(email_hash=email_hash(member.email), member=None, membership=None)
        member.delete()
