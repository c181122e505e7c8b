from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "lib"
    label = "lib"
    verbose_name = "Shared library"
