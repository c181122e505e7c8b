from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "CMS staff: sign-in, second factor, roles"
    default_auto_field = "django.db.models.BigAutoField"
