from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from newsroom.signal_handlers import register_signal_handlers

        register_signal_handlers()
