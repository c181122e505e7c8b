from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Drives and reader counts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from campaigns.signal_handlers import register_signal_handlers

        register_signal_handlers()
