"""Gifts pay through members' checkout (kind "gift"): each gift's own checkout fields become a
members Checkout row, nothing lost, and the gift points at it.

Carried over per gift: the browser's token (as members keeps tokens: only its SHA-256, so the
thanks page's address still works), the idempotency key (so Stripe calls and the delivery
mail's Message-ID stay the same), the SetupIntent, the Payment link, the attribution, the
amount and the buyer. 0007 then drops the gift's own fields (a migration of its own, so
PostgreSQL alters the table after this one's row updates have committed).
"""

import hashlib
from datetime import timedelta

import django.db.models.deletion
from django.db import migrations, models

def gifts_to_checkouts(apps, schema_editor):
    GiftMembership = apps.get_model("campaigns", "GiftMembership")
    Checkout = apps.get_model("members", "Checkout")
    for gift in GiftMembership.objects.filter(checkout__isnull=True).iterator():
        checkout = Checkout.objects.create(
            token_hash=hashlib.sha256(gift.token.encode()).hexdigest(),
            member_id=gift.buyer_id,
            kind="gift",
            plan_id=gift.plan_id,
            interval="month",
            amount=gift.amount,
            currency=gift.currency,
            description=f"Gift membership, {gift.months} month(s)",
            idempotency_key=gift.idempotency_key,
            setup_intent_id=gift.setup_intent_id,
            payment_id=gift.payment_id,
            member_is_new=False,
            completed_at=gift.paid_at,
            created_at=gift.created_at,
            expires_at=gift.created_at + timedelta(hours=1),
            welcomed_at=gift.created_at,
            source=gift.source,
            campaign_id=gift.campaign_id,
            article_page_id=gift.article_page_id,
        )
        GiftMembership.objects.filter(pk=gift.pk).update(checkout=checkout)


def checkouts_to_gifts(apps, schema_editor):
    GiftMembership = apps.get_model("campaigns", "GiftMembership")
    for gift in GiftMembership.objects.exclude(checkout=None).select_related("checkout").iterator():
        checkout = gift.checkout
        GiftMembership.objects.filter(pk=gift.pk).update(
            # The plain token is gone (only its hash was carried over); a fresh one per gift.
            token=f"restored-{gift.pk}-{checkout.token_hash[:32]}",
            idempotency_key=checkout.idempotency_key,
            setup_intent_id=checkout.setup_intent_id,
            payment_id=checkout.payment_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_merge_20261201_2320"),
        ("members", "0007_gift_checkout_and_drive_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="giftmembership",
            name="checkout",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="gift",
                to="members.checkout",
            ),
        ),
        migrations.RunPython(gifts_to_checkouts, checkouts_to_gifts),
    ]
