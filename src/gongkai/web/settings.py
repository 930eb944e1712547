"""Settings of the gongkai site, all from environment variables (``docs/configuration.md``).

Production is the default: ``GONGKAI_DEBUG`` must be switched on for a development server, and a
production server refuses to start without ``GONGKAI_SECRET_KEY``.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from gongkai.web.env import database_from_url, envbool, envint, envlist, envsecret, envstr

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(envstr("GONGKAI_DATA_DIR", "var")).resolve()

DEBUG = envbool("GONGKAI_DEBUG", False)
_DEV_SECRET = "django-insecure-gongkai-development-only-never-in-production"
SECRET_KEY = envsecret("GONGKAI_SECRET_KEY", _DEV_SECRET if DEBUG else None) or ""
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "GONGKAI_SECRET_KEY（或 GONGKAI_SECRET_KEY_FILE）未设置；开发环境请设置 GONGKAI_DEBUG=1"
    )
ALLOWED_HOSTS = envlist("GONGKAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("GONGKAI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongkai.web.core",
    "gongkai.web.organs",
    "gongkai.web.accounts",
    "gongkai.web.audit",
    "gongkai.web.reports",
    "gongkai.web.supervision",
    "gongkai.web.api",
    "gongkai.web.demo",
    "gongkai.web.registers",
    "gongkai.web.appeals",
    "gongkai.web.workspace",
    "axes",  # login failures counted per source and account, on every login path (admin's too)
    "gongkai.web.operations",
    "gongkai.web.publishing",
    "gongkai.web.portal",
    "gongkai.web.applications",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.web.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.web.urls"
WSGI_APPLICATION = "gongkai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.web.core.context.navigation",
            ],
        },
    },
]

# ── Database: SQLite (WAL) unless DATABASE_URL names a PostgreSQL database ────────────────────

_DATABASE_URL = envsecret("DATABASE_URL", None)
if _DATABASE_URL:
    DATABASES = {"default": database_from_url(_DATABASE_URL, envint("GONGKAI_DB_CONN_MAX_AGE", 60))}
else:
    _SQLITE_PATH = Path(envstr("GONGKAI_SQLITE_PATH", str(DATA_DIR / "gongkai.sqlite3")))
    _SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _SQLITE_PATH,
            "OPTIONS": {
                # WAL lets readers work while a report is being filed; IMMEDIATE avoids
                # "database is locked" when two writers upgrade their locks at once.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Kept open between requests like PostgreSQL's: opening SQLite and setting its
            # pragmas on every request costs more than many a page.
            "CONN_MAX_AGE": envint("GONGKAI_DB_CONN_MAX_AGE", 60),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ── Accounts ──────────────────────────────────────────────────────────────────────────────────

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
CSRF_FAILURE_VIEW = "gongkai.web.core.views.csrf_failure"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# scrypt (memory-hard, in the standard library) first; PBKDF2 verifies older hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("GONGKAI_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
GONGKAI_LOGIN_MAX_FAILURES = envint("GONGKAI_LOGIN_MAX_FAILURES", 5)
GONGKAI_LOCKOUT_MINUTES = envint("GONGKAI_LOCKOUT_MINUTES", 15)
# django-axes guards every login path (the site's and the admin's) with one policy: failures are
# counted per source address and username together, so that nobody can keep another person's
# account locked from elsewhere, and an unknown username is answered as a known one.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = GONGKAI_LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=GONGKAI_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_CLIENT_IP_CALLABLE = "gongkai.web.accounts.throttle.client_ip"
# Behind a reverse proxy every request comes from the proxy: name the header it sets to the
# client's address (nginx: proxy_set_header X-Real-IP $remote_addr; → "X-Real-IP").
GONGKAI_CLIENT_IP_HEADER = envstr("GONGKAI_CLIENT_IP_HEADER", "")
SESSION_COOKIE_AGE = envint("GONGKAI_SESSION_HOURS", 8) * 3600

# ── Language and time ─────────────────────────────────────────────────────────────────────────

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = envstr("GONGKAI_TIME_ZONE", "Asia/Shanghai")

# ── Files ─────────────────────────────────────────────────────────────────────────────────────

STATIC_URL = "static/"
STATIC_ROOT = Path(envstr("GONGKAI_STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_ROOT = Path(envstr("GONGKAI_MEDIA_ROOT", str(DATA_DIR / "files")))
# WhiteNoise serves the collected static files from the app server itself (compressed; with
# hashed names cached for a year once `collectstatic` has written the manifest).
_STATIC_MANIFEST = envbool("GONGKAI_STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _STATIC_MANIFEST
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
# Without collected files (development, tests) WhiteNoise finds them in the apps instead.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not _STATIC_MANIFEST
# Uploads go straight to a size-limited temporary file: never into memory, never past the limit.
GONGKAI_MAX_UPLOAD_MB = envint("GONGKAI_MAX_UPLOAD_MB", 20)
FILE_UPLOAD_HANDLERS = ["gongkai.web.reports.uploads.SizeLimitedUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000  # the hand-entry form has ~200 cells
# Uploaded files are read in a separate process within these limits (gongkai.readers.bounded), so
# that no file can exhaust the server; the upload page waits for a small file up to WAIT seconds,
# then shows 正在读取… and updates itself. READ_WORKERS readings run at once per server process.
GONGKAI_READ_WALL_SECONDS = envint("GONGKAI_READ_WALL_SECONDS", 60)
GONGKAI_READ_CPU_SECONDS = envint("GONGKAI_READ_CPU_SECONDS", 30)
GONGKAI_READ_MEMORY_MB = envint("GONGKAI_READ_MEMORY_MB", 1024)
GONGKAI_READ_WAIT_SECONDS = envint("GONGKAI_READ_WAIT_SECONDS", 5)
GONGKAI_READ_WORKERS = envint("GONGKAI_READ_WORKERS", 2)
# Scans (OCR, 5–7 s of CPU a page) and .doc/.xls (converted by LibreOffice) are read within their
# own, longer limits; OCR reads at most OCR_MAX_PAGES pages.
GONGKAI_OCR_WALL_SECONDS = envint("GONGKAI_OCR_WALL_SECONDS", 900)
GONGKAI_OCR_CPU_SECONDS = envint("GONGKAI_OCR_CPU_SECONDS", 600)
GONGKAI_OCR_MEMORY_MB = envint("GONGKAI_OCR_MEMORY_MB", 2048)
GONGKAI_OCR_MAX_PAGES = envint("GONGKAI_OCR_MAX_PAGES", 30)
GONGKAI_CONVERT_WALL_SECONDS = envint("GONGKAI_CONVERT_WALL_SECONDS", 180)
GONGKAI_CONVERT_CPU_SECONDS = envint("GONGKAI_CONVERT_CPU_SECONDS", 120)
GONGKAI_CONVERT_MEMORY_MB = envint("GONGKAI_CONVERT_MEMORY_MB", 2048)

# Where pg_dump and pg_restore are (backup/restore on PostgreSQL); empty: the newest
# /usr/lib/postgresql/*/bin, else the PATH.
GONGKAI_PG_BIN_DIR = envstr("GONGKAI_PG_BIN_DIR", "")

# ── Checking ──────────────────────────────────────────────────────────────────────────────────

# P4: 条例第四十九条 sets no date for townships; a region may set one ("02-20"), empty for none.
GONGKAI_TOWNSHIP_DEADLINE = envstr("GONGKAI_TOWNSHIP_DEADLINE", "")
# From this month on, a missing working-day calendar for next year is reported (it is usually
# published by the State Council in November).
GONGKAI_CALENDAR_WARN_FROM_MONTH = envint("GONGKAI_CALENDAR_WARN_FROM_MONTH", 12)

# ── Security ──────────────────────────────────────────────────────────────────────────────────

_HTTPS = envbool("GONGKAI_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = _HTTPS and envbool("GONGKAI_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = envint("GONGKAI_HSTS_SECONDS", 31536000 if _HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("GONGKAI_HSTS_PRELOAD", True)
if envbool("GONGKAI_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: every script and stylesheet is a static file.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Each process's memory by default. Several gunicorn workers share computed pages (the supervisor's
# totals and charts, a filed report's body) only through a shared backend: a folder on one server.
_CACHE_DIR = envstr("GONGKAI_CACHE_DIR", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": _CACHE_DIR}
        if _CACHE_DIR
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("GONGKAI_LOG_LEVEL", "INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# ── Supervision ───────────────────────────────────────────────────────────────────────────────

# Year over year: a key figure that grows or shrinks by more than this factor is flagged …
GONGKAI_TREND_JUMP_FACTOR = envint("GONGKAI_TREND_JUMP_FACTOR", 3)
# … once the larger of the two years reaches this count.
GONGKAI_TREND_JUMP_MIN_COUNT = envint("GONGKAI_TREND_JUMP_MIN_COUNT", 10)
# 催报: scheduled reminders start this many days before the 第四十九条 date …
GONGKAI_REMIND_DAYS_BEFORE = envint("GONGKAI_REMIND_DAYS_BEFORE", 7)
# … and repeat at most once per this many days while the report is missing.
GONGKAI_REMIND_EVERY_DAYS = envint("GONGKAI_REMIND_EVERY_DAYS", 7)
GONGKAI_SUPERVISION_PAGE_SIZE = envint("GONGKAI_SUPERVISION_PAGE_SIZE", 100)
# 催报/退回 e-mails (Django 6.1 MAILERS): the console in development, SMTP in production.
_MAIL_BACKEND = envstr(
    "GONGKAI_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_MAIL_HOST = envstr("GONGKAI_EMAIL_HOST", "localhost")
MAILERS = {
    "default": {
        "BACKEND": _MAIL_BACKEND,
        "OPTIONS": {"host": _MAIL_HOST} if _MAIL_BACKEND.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = envstr("GONGKAI_FROM_EMAIL", "gongkai@localhost")
# Copy detection: narratives whose 5-character shingles overlap at least this much (Jaccard, %).
GONGKAI_COPY_THRESHOLD_PERCENT = envint("GONGKAI_COPY_THRESHOLD_PERCENT", 60)
# Bulk import of subordinate reports (a zip from the site, a folder from the command line).
GONGKAI_BULK_MAX_FILES = envint("GONGKAI_BULK_MAX_FILES", 5000)
GONGKAI_BULK_MAX_UNPACKED_MB = envint("GONGKAI_BULK_MAX_UNPACKED_MB", 2048)
GONGKAI_BULK_FILE_TIMEOUT = envint("GONGKAI_BULK_FILE_TIMEOUT", 60)
GONGKAI_BULK_JOBS = envint("GONGKAI_BULK_JOBS", 2)
# ── Applications (依申请公开): background tasks, e-mail, reminders ─────────────────────────────

# Reminders and notices run on django-tasks-db (`python -m gongkai.web db_worker`).
TASKS = {"default": {"BACKEND": envstr("GONGKAI_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# (MAILERS and DEFAULT_FROM_EMAIL: see Supervision above; one mailer serves every app.)
# No reminder e-mail is sent between these hours (local time); the daily job waits until the end.
GONGKAI_QUIET_HOURS = envstr("GONGKAI_QUIET_HOURS", "20-8")
GONGKAI_REMINDER_HOUR = envint("GONGKAI_REMINDER_HOUR", 8)
# The weekly inspection readiness check runs on this weekday (1 = Monday) at the reminder hour.
GONGKAI_INSPECTION_WEEKDAY = envint("GONGKAI_INSPECTION_WEEKDAY", 1)
GONGKAI_SMS_BACKEND = envstr(
    "GONGKAI_SMS_BACKEND", "gongkai.web.applications.notify.ConsoleSmsBackend"
)
# The public form: submissions accepted per IP address per hour (above: HTTP 429).
GONGKAI_PUBLIC_FORM_PER_HOUR = envint("GONGKAI_PUBLIC_FORM_PER_HOUR", 5)
# [M, DOMAIN §4.5] Whether the reply clock stops between a fee notice and payment: unconfirmed.
GONGKAI_FEE_PAUSES_REPLY_CLOCK = envbool("GONGKAI_FEE_PAUSES_REPLY_CLOCK", False)
# 条例第三十五条 fixes no period for the applicant's reasons and does not say whether the reply
# clock stops meanwhile (WORKBENCH §A1.3 D, unconfirmed): the period in working days, and
# whether to pause (off: the earlier, safer deadline).
GONGKAI_REASONS_PERIOD_DAYS = envint("GONGKAI_REASONS_PERIOD_DAYS", 15)
GONGKAI_REASONS_PAUSE_REPLY_CLOCK = envbool("GONGKAI_REASONS_PAUSE_REPLY_CLOCK", False)
