"""A task that exists only for the worker tests."""

from django.tasks import task


@task()
def record_visit(name: str) -> str:
    return f"visited {name}"


@task()
def periodic_sample() -> str:
    """Enqueued by the clock in the two-worker test (lib/tests/test_one_clock.py)."""
    return "ticked"
