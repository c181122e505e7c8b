from django.apps import AppConfig


class AudioConfig(AppConfig):
    name = "audio"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Audio narration"

    def ready(self) -> None:
        from audio import checks  # noqa: F401  (registers the system checks)
        from audio.signal_handlers import register_signal_handlers

        register_signal_handlers()
