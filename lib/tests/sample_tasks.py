"""A task that exists only for the worker tests."""

from django.tasks import task


@task()
def record_visit(name: str) -> str:
    return f"visited {name}"
