from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "lib"
    label = "lib"
    verbose_name = "Shared library"

    def ready(self) -> None:
        from lib import (
            checks,  # noqa: F401 - registers the deployment checks
            wagtail_csp,
        )

        wagtail_csp.install()
