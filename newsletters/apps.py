from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsletters"
    default_auto_field = "django.db.models.BigAutoField"
