"""The suppression list and subscribers are keyed by HMAC(secret, SHA-256 of the address) now,
not the bare SHA-256 (issue 10, item 10). The kept value was that SHA-256, so every row is
re-keyed here without knowing the address: suppressions of deleted readers keep working."""

from django.conf import settings
from django.db import migrations
from django.utils.crypto import salted_hmac

EMAIL_HASH_SALT = "masthead.newsletters.email_hash"  # as newsletters.models (frozen here)


def rekey_email_hashes(apps, schema_editor):
    secret = getattr(settings, "MEMBERS_EMAIL_HASH_KEY", "") or settings.SECRET_KEY
    for model_name in ("Suppression", "Subscriber"):
        model = apps.get_model("newsletters", model_name)
        for row in model.objects.exclude(email_hash="").only("pk", "email_hash").iterator():
            keyed = salted_hmac(EMAIL_HASH_SALT, row.email_hash, secret=secret, algorithm="sha256").hexdigest()
            model.objects.filter(pk=row.pk).update(email_hash=keyed)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0003_relay_backoff"),
    ]

    # Not reversible: the bare hashes cannot be recovered from the keyed ones.
    operations = [migrations.RunPython(rekey_email_hashes, migrations.RunPython.noop)]
