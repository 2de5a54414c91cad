"""Warmnet settings, read from the environment.

SQLite in the user's data directory by default; PostgreSQL (or any database
Django supports) through ``DATABASE_URL``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, cast

import dj_database_url
from django.utils.translation import gettext_lazy as _

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
    "warmnet.accounts",
    "warmnet.network",
    "warmnet.activities",
    "warmnet.dossiers",
    "warmnet.insights",
    "warmnet.dashboard",
    "warmnet.maps",
    "warmnet.transfer",
    "warmnet.generate",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "warmnet.accounts.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "warmnet.urls"
WSGI_APPLICATION = "warmnet.wsgi.application"

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
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

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
