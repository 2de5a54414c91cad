"""Warmnet settings, read from the environment.

SQLite in the user's data directory by default; PostgreSQL (or any database
Django supports) through ``DATABASE_URL``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any, cast

import dj_database_url
from django.utils.translation import gettext_lazy as _

from warmnet.lib.email_url import email_settings
from warmnet.lib.env import data_dir, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

DEBUG = env_bool("WARMNET_DEBUG", False)
# A deployment sets SECRET_KEY; `warmnet demo` writes one into the data directory.
_secret_file = DATA_DIR / "secret_key"
SECRET_KEY = env_str("SECRET_KEY") or (
    _secret_file.read_text().strip() if _secret_file.exists() else "warmnet-insecure-local-key"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "warmnet.accounts",
    "warmnet.network",
    "warmnet.activities",
    "warmnet.dossiers",
    "warmnet.insights",
    "warmnet.dashboard",
    "warmnet.maps",
    "warmnet.transfer",
    "warmnet.generate",
    # before the apps that add their own sections to a person's export and erasure
    "warmnet.privacy",
    "warmnet.surveys",
    "warmnet.security",
    "ninja",  # its own copy of Swagger UI for the API docs page: no CDN
    "warmnet.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "warmnet.security.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "warmnet.accounts.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # last, as django-axes requires
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "warmnet.urls"
WSGI_APPLICATION = "warmnet.wsgi.application"

# Django's renderer, with long option lists (every member of a large network) written
# in Python instead of three templates per option
FORM_RENDERER = "warmnet.ui.forms.FormRenderer"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "warmnet.network.context.network",
            ],
        },
    }
]

_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    # the embedded database's folder is made on first use (any command, not only demo)
    with contextlib.suppress(OSError):  # unwritable: SQLite then says so itself
        DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "warmnet.sqlite3"),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file (not memory) so the columnar reader can open it too; one per
            # process so that test runs side by side do not share it.
            "TEST": {
                "NAME": str(Path(tempfile.gettempdir()) / f"warmnet-test-{os.getpid()}.sqlite3")
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
#: Short dates with the month's name ("15 jan 2027"), see warmnet/formats.
FORMAT_MODULE_PATH = ["warmnet.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Set for a production deployment, then run `warmnet collectstatic`; without it the
# files are served straight from the package (the demo, the tests).
STATIC_ROOT = env_str("STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "warmnet",
    }
}
if env_str("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
    }

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("WARMNET_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_4xx": {"()": "warmnet.security.logs.OneLineClientErrors"}},
    "formatters": {"redacted": {"()": "warmnet.security.logs.RedactingFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "redacted",
            "filters": ["one_line_4xx"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Survey answers are deleted this many days after their round closed (`warmnet
# survey_maintenance`, run daily by a scheduler); the anonymous figures stay.
SURVEY_RETENTION_DAYS = env_int("WARMNET_SURVEY_RETENTION_DAYS", 730)
# --- The relationship programme: background tasks, e-mail, links (docs/programme.md) ---
INSTALLED_APPS += [
    "django_tasks",
    "django_tasks_db",
    "warmnet.background",
    "warmnet.mail",
    "warmnet.programme",
    "warmnet.report",
]
# Tasks wait in the database until `warmnet worker` (or the demo's own worker) runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# One URL configures the mail server; unset, mails stay in the coordinators' outbox page.
globals().update(email_settings(env_str("EMAIL_URL")))
DEFAULT_FROM_EMAIL = env_str("WARMNET_FROM_EMAIL", "Warmnet <warmnet@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the links in e-mails point (no request at hand when a reminder is sent).
WARMNET_BASE_URL = env_str("WARMNET_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Reminders: to those who accepted, to those who have not answered (hours before the start).
WARMNET_REMINDER_HOURS = env_int("WARMNET_REMINDER_HOURS", 48)
WARMNET_NUDGE_HOURS = env_int("WARMNET_NUDGE_HOURS", 120)
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
# --- Security: HTTPS, headers, logins, two-factor sign-in (docs/security.md) ---------------

SECURE_SSL_REDIRECT = env_bool("WARMNET_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("WARMNET_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("WARMNET_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("WARMNET_HSTS_PRELOAD", False)
if env_bool("WARMNET_BEHIND_PROXY", False):
    # Only behind a proxy that sets this header itself (and strips it from clients).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Everything from the project itself: no inline script, no eval, no other origin.
# Style attributes (a bar's width) are allowed; <style> elements are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

AUTHENTICATION_BACKENDS = [
    # first, as django-axes requires: it refuses logins while an account or address is locked
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("WARMNET_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = env_int("WARMNET_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
# Locked per account and, separately, per address.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "warmnet.security.lockout.locked_out"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("WARMNET_BEHIND_PROXY", False) else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    if env_bool("WARMNET_BEHIND_PROXY", False)
    else ["REMOTE_ADDR"]
)

OTP_TOTP_ISSUER = "Warmnet"

# --- Limits of what one import may hold (docs/security.md, docs/import.md) ------------------
# The web preview runs inside the request, so its limits are tight; the command line
# (an operator's own machine) admits the benchmark's two million attendance rows.
WARMNET_UPLOAD_MAX_BYTES = env_int("WARMNET_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
WARMNET_IMPORT_WEB_MAX_BYTES = env_int("WARMNET_IMPORT_WEB_MAX_BYTES", 50 * 1024 * 1024)
WARMNET_IMPORT_WEB_MAX_ROWS = env_int("WARMNET_IMPORT_WEB_MAX_ROWS", 100_000)
WARMNET_IMPORT_CLI_MAX_BYTES = env_int("WARMNET_IMPORT_CLI_MAX_BYTES", 2 * 1024**3)
WARMNET_IMPORT_CLI_MAX_ROWS = env_int("WARMNET_IMPORT_CLI_MAX_ROWS", 10_000_000)
WARMNET_IMPORT_MAX_RATIO = env_int("WARMNET_IMPORT_MAX_RATIO", 100)
WARMNET_IMPORT_MAX_LINE = env_int("WARMNET_IMPORT_MAX_LINE", 1_000_000)
WARMNET_IMPORT_MAX_CELLS = env_int("WARMNET_IMPORT_MAX_CELLS", 100_000_000)
WARMNET_UPLOAD_MAX_AGE_MINUTES = env_int("WARMNET_UPLOAD_MAX_AGE_MINUTES", 120)
FILE_UPLOAD_HANDLERS = [
    "warmnet.transfer.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o600
# Calendar import (.ics), see docs/programme.md: the most events (occurrences) one import
# may hold, and how many days after today repeating events are expanded.
WARMNET_CALENDAR_MAX_EVENTS = env_int("WARMNET_CALENDAR_MAX_EVENTS", 2000)
WARMNET_CALENDAR_HORIZON_DAYS = env_int("WARMNET_CALENDAR_HORIZON_DAYS", 365)
# Requests per API token per minute, counted in the cache (shared through REDIS_URL).
WARMNET_API_RATE_PER_MINUTE = env_int("WARMNET_API_RATE_PER_MINUTE", 600)
# Production serving (docs/deploy.md): `warmnet serve`, /healthz, one JSON log line per request.
INSTALLED_APPS.append("warmnet.ops")
MIDDLEWARE.insert(0, "warmnet.ops.middleware.HealthCheckMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "warmnet.ops.middleware.RequestLogMiddleware",
)
WARMNET_BIND = env_str("WARMNET_BIND", "127.0.0.1:8000")
WARMNET_WORKERS = env_int("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1)
WARMNET_THREADS = env_int("WARMNET_THREADS", 4)
# Seconds without a background worker's heartbeat before /healthz reports an error (0: none needed).
WARMNET_WORKER_MAX_AGE = env_int("WARMNET_WORKER_MAX_AGE", 0)
# One JSON line per request (warmnet.ops.middleware) on standard error.
_logging = cast(dict[str, Any], LOGGING)
_logging.setdefault("formatters", {})["json"] = {"()": "warmnet.lib.jsonlog.JsonFormatter"}
_logging.setdefault("handlers", {})["json"] = {
    "class": "logging.StreamHandler",
    "formatter": "json",
}
_logging.setdefault("loggers", {})["warmnet.request"] = {
    "handlers": ["json"],
    "level": "INFO" if env_bool("WARMNET_REQUEST_LOG", True) else "WARNING",
    "propagate": False,
}

# The design system's template helpers (icons) and the who-is-who pages (members list,
# organisation pages) that show the analysis's warmth beside the records.
INSTALLED_APPS += ["warmnet.ui", "warmnet.directory"]
# Stale-while-revalidate analyses (docs/deploy.md#background-workers): after a write, pages
# serve the last complete analysis while `warmnet worker` computes the new one, this many
# milliseconds later (saves within it make one run), then replay months for at most
# WARMNET_REPLAY_SECONDS.
WARMNET_RECOMPUTE_DELAY = env_int("WARMNET_RECOMPUTE_DELAY_MS", 500) / 1000
WARMNET_REPLAY_SECONDS = env_int("WARMNET_REPLAY_SECONDS", 60)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "warmnet.insights.middleware.AnalysisFreshnessMiddleware",
)
cast(list[dict[str, Any]], TEMPLATES)[0]["OPTIONS"]["context_processors"].append(
    "warmnet.insights.middleware.analysis_freshness"
)
