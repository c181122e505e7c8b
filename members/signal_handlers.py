"""Every signal receiver of members, wired in one place (called from AppConfig.ready)."""

from __future__ import annotations

from typing import Any

from payments import signals as payment_signals


def _subscription_changed(sender: Any, snapshot: Any, **kwargs: Any) -> None:
    from members.services import subscription_apply

    subscription_apply(snapshot=snapshot)


def _invoice_changed(sender: Any, snapshot: Any, **kwargs: Any) -> None:
    from members.services import invoice_apply

    invoice_apply(invoice=snapshot)


def _payment_intent_changed(sender: Any, snapshot: Any, **kwargs: Any) -> None:
    # Any one-time payment with a members.Payment row (donations now, gifts later) is recorded
    # here; members.signals.payment_succeeded then tells whoever owns its purpose.
    from members.services import payment_intent_apply

    payment_intent_apply(pi=snapshot)


def _charge_refunded(sender: Any, snapshot: Any, **kwargs: Any) -> None:
    from members.services import refund_apply

    refund_apply(refund=snapshot)


def _dispute_opened(sender: Any, snapshot: Any, **kwargs: Any) -> None:
    from members.services import dispute_apply

    dispute_apply(dispute=snapshot)


def register_signal_handlers() -> None:
    payment_signals.subscription_changed.connect(_subscription_changed, dispatch_uid="members.subscription")
    payment_signals.invoice_changed.connect(_invoice_changed, dispatch_uid="members.invoice")
    payment_signals.payment_intent_changed.connect(_payment_intent_changed, dispatch_uid="members.payment_intent")
    payment_signals.charge_refunded.connect(_charge_refunded, dispatch_uid="members.refund")
    payment_signals.dispute_opened.connect(_dispute_opened, dispatch_uid="members.dispute")
