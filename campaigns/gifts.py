"""Gift memberships: buying, delivering, redeeming, reminding and voiding.

Vocabulary (CONTEXT.md): the **buyer** pays, the **recipient** is named on the gift, the
**redeemer** is whoever presses "Start my membership" with the code. Paying is members'
checkout of kind "gift" (members.services): members owns the Payment, the card steps and
Stripe; a gift points at its checkout and learns of money through members' signals.
"""

from __future__ import annotations

import calendar
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from campaigns.models import GiftMembership
from campaigns.selectors import forget_drive_cache
from lib.email_address import normalise_email

logger = logging.getLogger("masthead.campaigns")

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: every character reads aloud and types back unambiguously.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_GROUPS = 3
REMINDER_BEFORE = timedelta(days=7)
# Longer than any SMTP hand-off can take (connect + DATA timeouts), shorter than the periodic
# task's interval, so a gift whose worker died goes out on the next run.
DELIVERY_LEASE = timedelta(minutes=5)
Status = GiftMembership.Status


class GiftError(Exception):
    """Something the reader can fix or needs to know; the message says what to do next."""


def new_gift_code() -> str:
    """12 characters from 25 (about 2^55 codes), grouped XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(4 * CODE_GROUPS))
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalize_code(raw: str) -> str | None:
    """Whatever the reader typed (lower case, spaces, no dashes) as XXXX-XXXX-XXXX, or None."""
    compact = re.sub(r"[\s\-]", "", (raw or "").upper())[:40]
    if len(compact) != 4 * CODE_GROUPS or any(ch not in CODE_ALPHABET for ch in compact):
        return None
    return "-".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def gift_price(plan, months: int) -> int:
    return plan.monthly_amount * months


@dataclass(frozen=True)
class GiftOrder:
    plan: Any  # members.models.Plan
    months: int
    buyer_email: str
    buyer_name: str
    recipient_name: str
    recipient_email: str
    message: str
    delivery: str
    deliver_on: date
    source: Any  # members.services.Source


# --- buying -----------------------------------------------------------------------------------
# The card steps (SetupIntent, PaymentIntent, 3-D Secure, outcome) are members' checkout of kind
# "gift": members records the Payment, campaigns only records what the gift is.


def gift_checkout_start(*, order: GiftOrder) -> tuple[GiftMembership, str, Any]:
    """Start members' gift checkout and record the gift (unpaid) beside it.

    Returns the gift, the checkout token the browser keeps and members' next `Step`. The
    buyer's Stripe customer is made (or found) only when paying, so starting costs the same
    Stripe calls whether or not the address already has one: the answer must not come faster
    for known addresses (a timing oracle, issue 10 item 11)."""
    from members import services as members_services

    price = gift_price(order.plan, order.months)
    checkout, token, step = members_services.checkout_start(
        email=order.buyer_email,
        name=order.buyer_name,
        choice=members_services.Choice.gift(
            plan=order.plan,
            amount=price,
            description=f"Gift membership: {order.plan}, {order.months} month(s)",
        ),
        source=order.source,
    )
    gift = GiftMembership.objects.create(
        code=_unused_code(),
        checkout=checkout,
        plan=order.plan,
        months=order.months,
        amount=price,
        currency=checkout.currency,
        buyer=checkout.member,
        buyer_name=order.buyer_name[:150],
        buyer_email=normalise_email(order.buyer_email),
        recipient_name=order.recipient_name[:150],
        recipient_email=normalise_email(order.recipient_email) if order.recipient_email else "",
        message=order.message[:1000],
        delivery=order.delivery,
        deliver_on=order.deliver_on,
        **order.source.as_fields(),
    )
    return gift, token, step


def _unused_code() -> str:
    while True:
        code = new_gift_code()
        if not GiftMembership.objects.filter(code=code).exists():
            return code


def gift_for_token(token: str) -> GiftMembership | None:
    """The gift whose checkout this token started (the thanks page's address), or None."""
    from members.selectors import checkout_token_hash

    if not token:
        return None
    return GiftMembership.objects.select_related("plan").filter(checkout__token_hash=checkout_token_hash(token)).first()


def gift_for_payment(payment_id: int) -> int | None:
    """The id of the gift a members Payment paid for, if it paid for one."""
    return GiftMembership.objects.filter(checkout__payment_id=payment_id).values_list("pk", flat=True).first()


def gift_mark_paid(*, gift_id: int) -> bool:
    """The money arrived (from the page or the webhook, whichever is first). Idempotent:
    the buyer's mail is sent once and a gift for today is delivered at once."""
    from campaigns import tasks

    with transaction.atomic():
        if not GiftMembership.objects.filter(pk=gift_id, status=Status.PENDING).update(
            status=Status.PAID, paid_at=timezone.now()
        ):
            return False
        gift = GiftMembership.objects.get(pk=gift_id)
        transaction.on_commit(lambda: tasks.send_gift_purchase_mail.enqueue(gift_id))
        if gift.delivery == GiftMembership.Delivery.EMAIL and gift.deliver_on <= timezone.localdate():
            transaction.on_commit(lambda: tasks.deliver_gift.enqueue(gift_id))
        transaction.on_commit(forget_drive_cache)
    return True


# --- delivering -------------------------------------------------------------------------------


def gifts_due(now: datetime | None = None):
    today = timezone.localdate(now or timezone.now())
    return GiftMembership.objects.filter(
        status=Status.PAID, delivery=GiftMembership.Delivery.EMAIL, deliver_on__lte=today
    )


def gift_message_id(gift: GiftMembership) -> str:
    """The Message-ID of a gift's delivery mail: fixed per gift, so a resend after a crash is
    recognisably the same message (receivers that dedupe by Message-ID show it once). The HMAC
    keeps it unguessable; it is never stored."""
    import hmac
    from email.utils import parseaddr

    from django.conf import settings

    # The checkout's key (carried over from the gift's own by campaigns' migration 0006), so
    # gifts bought before that keep their Message-ID; the code for a gift that lost its checkout.
    key = gift.checkout.idempotency_key if gift.checkout is not None else gift.code
    tag = hmac.new(settings.SECRET_KEY.encode(), f"gift.{gift.pk}.{key}".encode(), "sha256")
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "masthead.local"
    return f"<gift{gift.pk}.{tag.hexdigest()[:16]}@{domain}>"


def gift_deliver(*, gift_id: int) -> bool:
    """Email the recipient their gift: at least once, recorded only after the relay accepted it.

    A lease (`delivery_claimed_until`) keeps two workers from sending at the same moment; the
    mail is handed to the relay; only then is the gift marked delivered. Relay down or refusing:
    the lease is released and the error propagates, so the periodic task tries again. A crash
    between hand-off and record leaves the gift paid with a lease that runs out after
    DELIVERY_LEASE, and the next run sends it again with the same Message-ID.
    Returns True if this call delivered it.
    """
    from campaigns import emails

    now = timezone.now()
    claimable = GiftMembership.objects.filter(pk=gift_id, status=Status.PAID).filter(
        Q(delivery_claimed_until__isnull=True) | Q(delivery_claimed_until__lte=now)
    )
    if not claimable.update(delivery_claimed_until=now + DELIVERY_LEASE):
        return False
    gift = GiftMembership.objects.select_related("plan").get(pk=gift_id)
    try:
        emails.gift_delivery_mail(gift, message_id=gift_message_id(gift))
    except Exception:
        GiftMembership.objects.filter(pk=gift_id).update(delivery_claimed_until=None)
        raise
    # status=PAID again: a refund that voided it meanwhile stays voided.
    GiftMembership.objects.filter(pk=gift_id, status=Status.PAID).update(
        status=Status.DELIVERED, delivered_at=timezone.now(), delivery_claimed_until=None
    )
    return True


def gifts_deliver_due(now: datetime | None = None) -> int:
    """Periodic: deliver every emailed gift whose date (newsroom's time zone) has come."""
    delivered = 0
    for gift_id in list(gifts_due(now).values_list("pk", flat=True)):
        try:
            delivered += gift_deliver(gift_id=gift_id)
        except Exception:  # one bad address must not hold up the others
            logger.exception("gift delivery failed", extra={"gift": gift_id})
    return delivered


# --- redeeming --------------------------------------------------------------------------------


def gift_problem(gift: GiftMembership | None, *, typed: str = "", now: datetime | None = None) -> str:
    """Why this code cannot be redeemed, as a sentence that says what to do; "" if it can."""
    now = now or timezone.now()
    if gift is None or gift.status == Status.PENDING:
        shown = f" “{typed}”" if typed else ""
        return (
            f"We do not know the gift code{shown}. Check it against your email or card: it has 12 letters "
            "and digits, like ACDE-FGHJ-KMNP. Then type it again."
        )
    if gift.status == Status.REDEEMED:
        return (
            "This gift has already been redeemed, and a code works only once. If that was not you, "
            "reply to your gift email and we will look into it."
        )
    if gift.status == Status.VOIDED:
        return (
            "This gift was refunded, so it can no longer be redeemed. Ask the person who gave it to you, "
            "or become a member yourself from the membership page."
        )
    if gift.claim_by <= now:
        return (
            f"This gift code expired on {timezone.localtime(gift.claim_by):%-d %B %Y}: gifts must be redeemed "
            "within a year of purchase. Write to us if you think this is wrong."
        )
    return ""


def gift_find(code: str) -> GiftMembership | None:
    normalized = normalize_code(code)
    if normalized is None:
        return None
    return GiftMembership.objects.select_related("plan").filter(code=normalized).first()


def gift_redeem(*, code: str, email: str, name: str = "", now: datetime | None = None):
    """Give the redeemer the membership the gift pays for. Atomic and single-use: the gift row
    is locked, checked again and marked redeemed in one transaction.

    If the member already pays, the gift begins when their paid period ends.
    Returns (gift, member, created).
    """
    from members import services as members_services
    from members.selectors import paid_access_until

    now = now or timezone.now()
    normalized = normalize_code(code)
    with transaction.atomic():
        gift = (
            GiftMembership.objects.select_for_update().select_related("plan").filter(code=normalized).first()
            if normalized
            else None
        )
        problem = gift_problem(gift, typed=code, now=now)
        if problem:
            raise GiftError(problem)
        assert gift is not None
        member, created = members_services.member_get_or_create(email=email, name=name or gift.recipient_name)
        paid_until = paid_access_until(member, now=now)
        starts_at = max(now, paid_until) if paid_until else now
        ends_at = add_months(starts_at, gift.months)
        membership = members_services.membership_grant_complimentary(
            member=member,
            plan=gift.plan,
            ends_at=ends_at,
            note=f"code {gift.code}",
            granted_by=f"Gift from {gift.buyer_name or gift.buyer_email or 'a reader'}"[:150],
            source=members_services.Placement.GIFT,
        )
        GiftMembership.objects.filter(pk=gift.pk).update(
            status=Status.REDEEMED,
            redeemed_at=now,
            redeemed_by=member,
            membership=membership,
            starts_at=starts_at,
            ends_at=ends_at,
        )
        gift.refresh_from_db()
        from campaigns import tasks

        transaction.on_commit(lambda: tasks.send_gift_redeemed_notice.enqueue(gift.pk))
        transaction.on_commit(forget_drive_cache)
    return gift, member, created


def gift_send_sign_in_link(*, member) -> None:
    """Email the redeemed-for address members' own sign-in link (after commit, from a task).

    Redeeming proves the redeemer knows a code, not that they own the address they typed, so
    the person who reads that inbox signs in; the redeemer's browser is never signed in as them.
    """
    from members import tasks as members_tasks

    email = member.email
    transaction.on_commit(lambda: members_tasks.send_sign_in_link.enqueue(email, "/membership/account/"))


# --- after redemption and refunds -------------------------------------------------------------


def gifts_send_reminders(now: datetime | None = None) -> int:
    """Periodic: a week before a redeemed gift ends, invite the member to continue. Once each."""
    from campaigns import emails

    now = now or timezone.now()
    sent = 0
    due = GiftMembership.objects.filter(
        status=Status.REDEEMED, reminder_sent_at__isnull=True, ends_at__gt=now, ends_at__lte=now + REMINDER_BEFORE
    )
    for gift_id in list(due.values_list("pk", flat=True)):
        if GiftMembership.objects.filter(pk=gift_id, reminder_sent_at__isnull=True).update(reminder_sent_at=now):
            gift = GiftMembership.objects.select_related("plan", "redeemed_by").get(pk=gift_id)
            try:
                emails.gift_reminder_mail(gift)
            except Exception:
                GiftMembership.objects.filter(pk=gift_id).update(reminder_sent_at=None)
                logger.exception("gift reminder failed", extra={"gift": gift_id})
                continue
            sent += 1
    return sent


def gift_void_if_refunded(*, payment_id: int, fully: bool) -> bool:
    """A full refund (members' `payment_refunded` with `fully`) voids a gift nobody has
    redeemed yet; a redeemed one stays (the member keeps what they were given). Idempotent."""
    if not fully:
        return False
    voided = GiftMembership.objects.filter(
        checkout__payment_id=payment_id, status__in=[Status.PENDING, Status.PAID, Status.DELIVERED]
    ).update(status=Status.VOIDED, voided_at=timezone.now())
    if voided:
        transaction.on_commit(forget_drive_cache)
    return bool(voided)


# --- account deletion -------------------------------------------------------------------------


def gifts_forget_member(*, member_id: int, email: str) -> int:
    """A member is being deleted: remove what their gifts say about them, keep the money.

    Gifts they bought lose the buyer's name, address and message (the amount, plan, months,
    dates, status and Payment link stay for the accounts; members keeps the Payment row with a
    hashed address). A gift not yet redeemed can still be delivered and redeemed: the recipient's
    name and address are theirs, not the buyer's. Gifts they redeemed lose the recipient's name
    and address. Runs inside members' deletion transaction; idempotent. Returns rows changed.
    """
    from django.db.models import Q

    from members import services as members_services

    email = normalise_email(email or "")
    bought = GiftMembership.objects.filter(Q(buyer_id=member_id) | (Q(buyer_email=email) if email else Q(pk__in=[])))
    # The recipient's membership row names the giver too ("Gift from Petra Holm").
    members_services.memberships_relabel_grant(
        membership_ids=[pk for pk in bought.values_list("membership_id", flat=True) if pk],
        granted_by="Gift from a reader",
    )
    changed = bought.update(buyer=None, buyer_name="", buyer_email="", message="")
    changed += GiftMembership.objects.filter(redeemed_by_id=member_id).update(
        redeemed_by=None, recipient_name="", recipient_email=""
    )
    return changed
