from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = "Live coverage"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from live.signal_handlers import register_signal_handlers

        register_signal_handlers()
