from django.db import migrations

# The two tiers most reader-funded newsrooms start with; staff edit or replace them in the CMS.
PLANS = [
    ("Member", "member", "Everything we publish stays free for all. Members keep it that way.", 500, 5000, 0),
    ("Sustainer", "sustainer", "For readers who can give more, so others can give less.", 1500, 15000, 1),
]


def create_plans(apps, schema_editor):
    Plan = apps.get_model("members", "Plan")
    for name, slug, description, monthly, yearly, order in PLANS:
        Plan.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "monthly_amount": monthly, "yearly_amount": yearly, "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(create_plans, migrations.RunPython.noop)]
