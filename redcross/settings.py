"""Settings of the portal, read from the environment (see .env.example for each variable)."""

import ipaddress
import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from redcross.schedule import beat_schedule

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str) -> list[str]:
    values = env_list(name)
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            sys.exit(f"{name}: {value!r} is neither an address nor a network (e.g. 127.0.0.1, 10.0.0.0/8).")
    return values


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        sys.exit("SECRET_KEY is not set: set it in the environment (see .env.example) or set DEBUG=1.")
    SECRET_KEY = "insecure-development-key-only-used-while-debug-is-on"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "redcross.apps.RedcrossConfig",
    "redcross.reports.apps.ReportsConfig",
    "projects.apps.ProjectsConfig",
    "training.apps.TrainingConfig",
    "publicity.apps.PublicityConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "bootstrap",
    "imagekit",
    # import_export, django_celery_beat and axes, with the Chinese labels of redcross/admin_texts.py.
    "redcross.admin_texts.ImportExportConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "redcross.admin_texts.CeleryBeatConfig",
    "simple_history",
    "redcross.admin_texts.AxesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so that static files carry the headers too.
    "redcross.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Needs the user; runs before any view or CsrfViewMiddleware.process_view reads the body.
    "redcross.middleware.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Innermost, so that every middleware above adds its headers and cookies to a cached page as to any other.
    "redcross.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "redcross.urls"
WSGI_APPLICATION = "redcross.wsgi.application"

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
                "redcross.context_processors.branch",
            ],
        },
    },
]

# Database: PostgreSQL from DATABASE_URL; without it, an SQLite file for the quick start.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker, result backend and cache when REDIS_URL is set; otherwise eager tasks and local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "redcross.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "redcross"),
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True

# Anonymous visitors' public pages are served from the cache (redcross/pagecache.py) for at most this many seconds;
# staff changes show at once. 0 turns it off; off by default without Redis (each process would keep its own cache)
# and with DEBUG (templates being edited).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300" if REDIS_URL and not DEBUG else "0"))

CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_RESULT_EXPIRES = timedelta(days=1)
# Tasks acknowledged late must come back sooner than this if a worker dies; longer than any task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_ENABLE_UTC = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "admin:login"

# Failed staff logins: five for one username from one address lock that pair for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False

# The client's address, for login limits and form limits alike (redcross/http.py): walking X-Forwarded-For and
# REMOTE_ADDR from the right, skip the TRUSTED_PROXY_COUNT right-most hops and any hop in TRUSTED_PROXIES
# (addresses or networks); the next hop is the client. Behind one nginx: TRUSTED_PROXY_COUNT=1.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "redcross.http.client_ip"
RATELIMIT_IP_META_KEY = "redcross.http.ratelimit_ip"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files only staff may download (summary reports): never under MEDIA_ROOT, served through a permission check.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", BASE_DIR / "private"))
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
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Every request body but a staff member's in the admin (redcross.middleware.RequestBodyLimitMiddleware).
PUBLIC_REQUEST_MAX_BYTES = 64 * 1024

# Thumbnails are made when a photo is saved, so pages never check for them on disk.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "thumbnails"

# Public forms, per client address (django-ratelimit, counted in the cache).
RATELIMIT_SIGN_UP = os.environ.get("RATELIMIT_SIGN_UP", "20/h")
RATELIMIT_CERTIFICATE_CHECK = os.environ.get("RATELIMIT_CERTIFICATE_CHECK", "30/h")
# 捐赠查询 (donor lookup): per address, and per receipt number from anywhere (a day's few tries: a masked name is
# public, so guesses at the rest of it must stay few).
RATELIMIT_DONATION_LOOKUP = os.environ.get("RATELIMIT_DONATION_LOOKUP", "30/h")
RATELIMIT_DONATION_LOOKUP_RECEIPT = os.environ.get("RATELIMIT_DONATION_LOOKUP_RECEIPT", "5/d")
# 我的报名's one-time codes (training/mine.py): asked for one mobile number from anywhere, and from one address
# (asking for codes and entering them are counted apart).
RATELIMIT_LOGIN_CODE = os.environ.get("RATELIMIT_LOGIN_CODE", "5/h")
RATELIMIT_LOGIN_CODE_ADDRESS = os.environ.get("RATELIMIT_LOGIN_CODE_ADDRESS", "20/h")

# Spreadsheet import needs the right to add records, export the right to view them (not only admin access).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The headers every response carries, the same everywhere (redcross/header_settings.py).
from redcross.header_settings import *  # noqa: E402, F403

# HTTPS in production; every value can be relaxed from the environment (e.g. behind a TLS-terminating proxy).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Every cookie the portal sets (session, CSRF, language; messages follow the session's) is Secure over HTTPS,
# HttpOnly (no script reads them) and SameSite=Lax.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Messages to staff: "redcross.notify.LogBackend" (default, sends nothing) or "redcross.notify.EmailBackend".
NOTIFY_BACKEND = os.environ.get("NOTIFY_BACKEND", "redcross.notify.LogBackend")

# Text messages to citizens (redcross/sms): the backend, the signature registered with the provider (default: the
# branch's short name) and the provider's settings, from the environment (.env.example lists them), in
# redcross/sms_settings.py.
from redcross.sms_settings import *  # noqa: E402, F403

# Send in the request's own process once it commits, not through a worker (the quick start without Redis; tests).
SMS_SEND_INLINE = not REDIS_URL
# The portal's address as citizens open it (https://redcross.example.cn), for the links in text messages, which are
# sent with no request to read it from. Absent: https:// and the first of ALLOWED_HOSTS (localhost:8000 with DEBUG).
PUBLIC_BASE_URL = (os.environ.get("PUBLIC_BASE_URL") or (
    f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS and not DEBUG else "http://localhost:8000")).rstrip("/")
# Beat copies this schedule (redcross/schedule.py) into its database on start; times are China time. The reports of
# the month, quarter and year just closed are queued on the first day after it at REPORTS_AT (HH:MM).
REPORTS_AT = os.environ.get("REPORTS_AT", "01:00")
# Citizens are reminded of tomorrow's sessions daily at REMINDERS_AT (HH:MM).
REMINDERS_AT = os.environ.get("REMINDERS_AT", "10:00")
try:
    CELERY_BEAT_SCHEDULE = beat_schedule(REPORTS_AT, reminders_at=REMINDERS_AT)
except ValueError as error:
    sys.exit(str(error))
