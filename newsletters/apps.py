from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsletters"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from newsletters import checks  # noqa: F401  (registers the system checks)
        from newsletters.signal_handlers import register_signal_handlers

        register_signal_handlers()
