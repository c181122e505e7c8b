"""Settings for the test suite: fast hashing, immediate tasks, a throwaway media folder."""

import os
import tempfile
from pathlib import Path

# Set before the base settings are read, which refuse to start without a key when DEBUG is off.
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdefghijklmnopqrstuvwxyz")
# Caches live in files as on a single host; each test process gets its own folder, which the
# processes a test starts (workers, commands) inherit through the environment.
os.environ.setdefault("CACHE_DIR", tempfile.mkdtemp(prefix="masthead-test-cache-"))

from config.settings import *  # noqa: F403

DEBUG = False
SINGLE_HOST = SINGLE_HOST or not REDIS_URL  # noqa: F405
ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="masthead-test-media-"))
# Emptied before every test (conftest.py), so no test hears another's parts; shared through the
# environment with the workers a test starts.
os.environ.setdefault("NARRATION_PART_CACHE_DIR", tempfile.mkdtemp(prefix="masthead-test-parts-"))
NARRATION_PART_CACHE_DIR = Path(os.environ["NARRATION_PART_CACHE_DIR"])
# Tests save drafts all the time; the tests of speaking drafts switch it on.
NARRATION_DRAFTS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run at once inside the test; tests that exercise the real worker switch to the
# database backend themselves (see lib/tests/test_tasks.py).
# Immediate tasks narrate inside the test process: it must keep its priority (audio/priority.py).
NARRATION_NICE = 0
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": []}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test client's host, so absolute links (SITE_URL, lib/site_url.py) can be followed by it.
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Two-step sign-in is required for administrators with DEBUG off; tests that check the
# requirement turn it on themselves (staff/tests/).
STAFF_2FA_REQUIRED_GROUPS: list[str] = []  # type: ignore[no-redef]
# The demo loader's staff accounts live in throwaway test databases (staff/tests/ checks the refusal).
DEMO_STAFF_PASSWORDS_ALLOWED = True
