"""Checkout tokens stored hashed, expiring and welcomed once; sign-in codes bound to a browser
and counted per address; deleted members' email hashes keyed with a server secret."""

import hashlib

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.utils.crypto import salted_hmac

EMAIL_HASH_SALT = "masthead.members.email_hash"


def hash_checkout_tokens(apps, schema_editor):
    Checkout = apps.get_model("members", "Checkout")
    for checkout in Checkout.objects.all().only("pk", "token_hash", "created_at"):
        # Existing tokens (plain) become their hash; every old checkout is already expired.
        Checkout.objects.filter(pk=checkout.pk).update(
            token_hash=hashlib.sha256(checkout.token_hash.encode()).hexdigest(),
            expires_at=checkout.created_at,
            welcomed_at=checkout.created_at,
        )


def rekey_email_hashes(apps, schema_editor):
    # email_hash used to be SHA-256 of the address; now it is HMAC(secret, that SHA-256), so
    # the rows can be re-keyed without knowing the addresses.
    Payment = apps.get_model("members", "Payment")
    secret = getattr(settings, "MEMBERS_EMAIL_HASH_KEY", "") or settings.SECRET_KEY
    for payment in Payment.objects.exclude(email_hash="").only("pk", "email_hash"):
        keyed = salted_hmac(EMAIL_HASH_SALT, payment.email_hash, secret=secret, algorithm="sha256").hexdigest()
        Payment.objects.filter(pk=payment.pk).update(email_hash=keyed)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_default_plans"),
    ]

    operations = [
        migrations.RenameField(model_name="checkout", old_name="token", new_name="token_hash"),
        migrations.AddField(
            model_name="checkout",
            name="expires_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="checkout",
            name="welcomed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(hash_checkout_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="checkout",
            name="token_hash",
            field=models.CharField(help_text="SHA-256 of the token the browser holds.", max_length=64, unique=True),
        ),
        migrations.AddField(
            model_name="signintoken",
            name="browser_hash",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.CreateModel(
            name="WrongSignInCode",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("address_hash", models.CharField(db_index=True, max_length=64)),
                ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
            ],
        ),
        migrations.RunPython(rekey_email_hashes, migrations.RunPython.noop),
    ]
