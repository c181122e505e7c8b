"""Membership rules: joining, paying, renewals, cancelling, staff grants, export and deletion.

Views, webhooks (through payments.signals), tasks, commands and other apps call these and
nothing else writes members' rows. Stripe is reached only through payments.client, and never
inside a database transaction: rows (with their idempotency keys) are committed first.

One module per purpose; this package is the interface (members/CONTEXT.md):
`accounts` (members, their summary and customer, export, deletion), `checkout` (join, donate,
new card, gifts), `memberships` (cancel, resume, change plan, complimentary grants) and
`stripe_sync` (plans and every Stripe snapshot merged in).
"""

from members.models import Checkout, Placement
from members.services.accounts import (
    MembershipError,
    ensure_customer,
    log_event,
    member_delete,
    member_export_data,
    member_get_or_create,
    member_refresh_summary,
    members_refresh_lapsed,
    membership_settings,
)
from members.services.checkout import (
    CARD_NOT_CONFIRMED,
    CHECKOUT_EXPIRED,
    CHECKOUT_LOST,
    ONE_TIME_PURPOSES,
    PAYMENT_NOT_FOUND,
    PAYMENTS_UNAVAILABLE,
    Choice,
    Source,
    Step,
    Welcome,
    attribution_from,
    card_update_start,
    checkout_after_authentication,
    checkout_find,
    checkout_lifetime,
    checkout_pay,
    checkout_start,
    checkout_welcome,
)
from members.services.memberships import (
    PlanChangePreview,
    membership_cancel,
    membership_change_plan,
    membership_grant_complimentary,
    membership_preview_plan_change,
    membership_resume,
    memberships_relabel_grant,
)
from members.services.stripe_sync import (
    dispute_apply,
    ensure_stripe_plan,
    invoice_apply,
    payment_intent_apply,
    plans_sync_to_stripe,
    refund_apply,
    stripe_plan_id,
    subscription_apply,
)

__all__ = [
    "CARD_NOT_CONFIRMED",
    "CHECKOUT_EXPIRED",
    "CHECKOUT_LOST",
    "ONE_TIME_PURPOSES",
    "PAYMENTS_UNAVAILABLE",
    "PAYMENT_NOT_FOUND",
    "Checkout",
    "Choice",
    "MembershipError",
    "Placement",
    "PlanChangePreview",
    "Source",
    "Step",
    "Welcome",
    "attribution_from",
    "card_update_start",
    "checkout_after_authentication",
    "checkout_find",
    "checkout_lifetime",
    "checkout_pay",
    "checkout_start",
    "checkout_welcome",
    "dispute_apply",
    "ensure_customer",
    "ensure_stripe_plan",
    "invoice_apply",
    "log_event",
    "member_delete",
    "member_export_data",
    "member_get_or_create",
    "member_refresh_summary",
    "members_refresh_lapsed",
    "membership_cancel",
    "membership_change_plan",
    "membership_grant_complimentary",
    "membership_preview_plan_change",
    "membership_resume",
    "membership_settings",
    "memberships_relabel_grant",
    "payment_intent_apply",
    "plans_sync_to_stripe",
    "refund_apply",
    "stripe_plan_id",
    "subscription_apply",
]
