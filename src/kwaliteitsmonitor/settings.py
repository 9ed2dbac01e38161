# SPDX-License-Identifier: EUPL-1.2
"""Settings, read from the environment only.

Without any configuration the monitor runs on SQLite (WAL mode) in ``var/`` with DEBUG off and a
secret key generated once and kept in the data directory. Every variable is documented in
``docs/configuration.md``; ``tests/test_docs.py`` fails when one is missing there.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from kwaliteitsmonitor import datadir, theme
from kwaliteitsmonitor.analysis import deadlines as question_deadlines
from kwaliteitsmonitor.ops.server import cores as _cores

BASE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envstr(name: str, default: str) -> str:
    """A string setting; ``NAME_FILE`` (a path) takes precedence, for container secrets."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


# --- where data lives -------------------------------------------------------------------------
# KM_DATA_DIR, else var/ of the project checkout, else var/ here (datadir.py; the CLI refuses a folder
# where it finds none, so only a web server started by hand falls back to var/ in its folder).
DATA_DIR = (
    datadir.find({**os.environ, "KM_DATA_DIR": envstr("KM_DATA_DIR", "")}) or (Path.cwd() / "var").resolve()
)
CACHE_DIR = DATA_DIR / "cache"


def _secret_key() -> str:
    key = envstr("SECRET_KEY", "")
    if key:
        return key
    # No key configured: create one once and keep it next to the data, so sessions survive restarts.
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in envstr("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in envstr("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
IS_HTTPS = envbool("KM_HTTPS", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    # Before two_factor: the workspace's templates replace its English, unstyled ones.
    "kwaliteitsmonitor.workspace",
    "two_factor",
    "auditlog",
    "kwaliteitsmonitor.areas",
    "kwaliteitsmonitor.indicators",
    "kwaliteitsmonitor.agenda",
    "kwaliteitsmonitor.processes",
    "kwaliteitsmonitor.outcomes",
    "kwaliteitsmonitor.publications",
    "kwaliteitsmonitor.snapshots",
    "kwaliteitsmonitor.accounts",
    "kwaliteitsmonitor.audit",
    "kwaliteitsmonitor.connectors",
    "kwaliteitsmonitor.sources",
    "kwaliteitsmonitor.interpretation",
    "kwaliteitsmonitor.demo",
    "kwaliteitsmonitor.monitor",
    "kwaliteitsmonitor.api",
    "kwaliteitsmonitor.reports",
    "kwaliteitsmonitor.ops",
]

MIDDLEWARE = [
    "kwaliteitsmonitor.ops.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "kwaliteitsmonitor.monitor.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kwaliteitsmonitor.accounts.middleware.BodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kwaliteitsmonitor.publications.context.PublicationMiddleware",
    "kwaliteitsmonitor.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kwaliteitsmonitor.accounts.middleware.AuditContextMiddleware",
    # Last, as django-axes asks: turns a lockout raised during login into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kwaliteitsmonitor.urls"
WSGI_APPLICATION = "kwaliteitsmonitor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kwaliteitsmonitor.monitor.context.site_context",
            ],
        },
    }
]

# --- database -----------------------------------------------------------------------------------
# SQLite in WAL mode by default; PostgreSQL (or another engine) through DATABASE_URL.
_default_db = f"sqlite:///{DATA_DIR / 'kwaliteitsmonitor.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(envstr("DATABASE_URL", _default_db), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept (60 s, as for PostgreSQL): a new connection per request starts with an empty
    # page cache and its PRAGMAs, ~5 ms of an uncached page at national size. `restore` writes through
    # SQLite's backup API into the same file, which kept connections see.
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and one writer work at the same time; busy_timeout waits for a lock
        # instead of failing; IMMEDIATE takes the write lock at the start of a transaction.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
            "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": envstr("KM_TEST_SQLITE_NAME", "") or None}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer is reported within seconds (health check, CLI), not after minutes.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = envint("KM_DB_CONNECT_TIMEOUT", 5)
    # Parameters travel apart from the query text, so a query a connection repeats is prepared once
    # (psycopg, after KM_DB_PREPARE_THRESHOLD runs): planning and parsing were half of PostgreSQL's time
    # on an uncached page (bench/RESULTS.md). `off` for a pooler that cannot keep prepared statements
    # (PgBouncer in transaction mode before 1.21 or without max_prepared_statements).
    _prepare = os.environ.get("KM_DB_PREPARE_THRESHOLD", "5").strip().lower()
    if _prepare not in ("off", "uit") and not (_prepare.isdigit() and len(_prepare) < 6):
        raise ImproperlyConfigured(
            f"KM_DB_PREPARE_THRESHOLD moet een geheel getal vanaf 0 zijn of 'off', niet {_prepare!r}."
        )
    DATABASES["default"]["OPTIONS"].update(
        server_side_binding=True, prepare_threshold=None if _prepare in ("off", "uit") else int(_prepare)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kwaliteitsmonitor",
        "TIMEOUT": 300,
    },
    # Counters every worker and server must share (the API throttle): a table in the database
    # (made by the accounts migration 0002), or Redis with KM_SHARED_CACHE=redis.
    "shared": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache"
        if envstr("KM_SHARED_CACHE", "database").strip().lower() == "redis"
        else "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": envstr("KM_REDIS_URL", "redis://127.0.0.1:6379/0")
        if envstr("KM_SHARED_CACHE", "database").strip().lower() == "redis"
        else "km_shared_cache",
        "KEY_PREFIX": "kms",
    },
}
# Whole-response cache of the public pages (monitor/cache.py, docs/caching.md): files in the data
# directory, shared by all gunicorn workers and by commands such as `import` (which change the data
# version), without an extra service. `off` renders every request.
KM_PAGE_CACHE = envstr("KM_PAGE_CACHE", "file").strip().lower()
KM_PAGE_CACHE_SECONDS = envint("KM_PAGE_CACHE_SECONDS", 3600)
# Several app servers share one page cache in Redis (docs/publications.md, "Opschalen").
KM_REDIS_URL = envstr("KM_REDIS_URL", "redis://127.0.0.1:6379/0")
if KM_PAGE_CACHE not in {"file", "redis", "off"}:
    raise ImproperlyConfigured(f"KM_PAGE_CACHE moet 'file', 'redis' of 'off' zijn, niet {KM_PAGE_CACHE!r}.")
# Bounds (docs/caching.md): entries and bytes; the oldest entries go first.
KM_PAGE_CACHE_MAX_ENTRIES = envint("KM_PAGE_CACHE_MAX_ENTRIES", 5000)
KM_PAGE_CACHE_MAX_BYTES = envint("KM_PAGE_CACHE_MAX_BYTES", 512 * 1024 * 1024)
CACHES["pages"] = {
    "BACKEND": {
        "file": "kwaliteitsmonitor.monitor.cache_backend.BoundedFileBasedCache",
        "redis": "django.core.cache.backends.redis.RedisCache",
        "off": "django.core.cache.backends.dummy.DummyCache",
    }[KM_PAGE_CACHE],
    "LOCATION": KM_REDIS_URL if KM_PAGE_CACHE == "redis" else str(CACHE_DIR / "pages"),
    "TIMEOUT": KM_PAGE_CACHE_SECONDS,
    "KEY_PREFIX": "km",
    "OPTIONS": {}
    if KM_PAGE_CACHE == "redis"
    else {
        "MAX_ENTRIES": KM_PAGE_CACHE_MAX_ENTRIES,
        "MAX_BYTES": KM_PAGE_CACHE_MAX_BYTES,
        "KEEP_KEYS": ["km:data-version", "km:probe"],
    },
}

# --- auth and sessions (DESIGN.md §7) -------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = 8 * 60 * 60  # absolute lifetime from login: 8 hours (accounts/middleware.py)
KM_SESSION_IDLE_SECONDS = envint("KM_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SECURE = IS_HTTPS
CSRF_COOKIE_SECURE = IS_HTTPS
if IS_HTTPS:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("KM_HSTS_PRELOAD", True)
    SECURE_SSL_REDIRECT = envbool("KM_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "monitor:home"
# Permissions come from one rule set (accounts/permissions.py), never from model permissions or groups.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "kwaliteitsmonitor.accounts.backends.PasswordBackend",
]
# How many reverse proxies stand in front of the monitor; only their X-Forwarded-For entries are trusted
# (accounts/clientip.py: login lockout, API throttle and logs).
KM_TRUSTED_PROXY_COUNT = envint("KM_TRUSTED_PROXY_COUNT", 0)
# Login lockout (django-axes): after this many failed logins for one account from one client address,
# that pair is locked for KM_LOCKOUT_MINUTES; a correct password does not unlock it.
AXES_FAILURE_LIMIT = envint("KM_LOCKOUT_FAILURES", 10)
AXES_COOLOFF_TIME = envint("KM_LOCKOUT_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "kwaliteitsmonitor.accounts.clientip.client_ip"
AXES_USERNAME_FORM_FIELD = "auth-username"
AXES_USERNAME_CALLABLE = "kwaliteitsmonitor.accounts.clientip.login_username"
AXES_PASSWORD_FORM_FIELD = "auth-password"  # noqa: S105 - a form field name
AXES_SENSITIVE_PARAMETERS = ["password", "auth-password"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False
# Two-factor authentication (TOTP app, with recovery codes) for every staff account.
TWO_FACTOR_PATCH_ADMIN = False
# Not even a beheerder sees another account's TOTP key or QR code in the admin (it would clone the factor).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_ISSUER = envstr("KM_SITE_NAME", "Kwaliteitsmonitor Sociaal Domein")
# Request bodies of anonymous clients (the login form, search) are refused above this size, before
# they are read (accounts/middleware.py).
KM_ANON_MAX_BODY_BYTES = envint("KM_ANON_MAX_BODY_BYTES", 64 * 1024)
# Audit log (django-auditlog, docs/adr/0005-auditlog.md): the client address through trusted proxies.
AUDITLOG_DISABLE_REMOTE_ADDR = False

# --- uploads --------------------------------------------------------------------------------------
KM_MAX_UPLOAD_BYTES = envint("KM_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = KM_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- language and formats --------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- static files -----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_MAX_AGE = 3600

# --- API ---------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["kwaliteitsmonitor.api.throttle.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": envstr("KM_API_THROTTLE", "5000/hour")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kwaliteitsmonitor API",
    "DESCRIPTION": (
        "Open API van de Kwaliteitsmonitor Sociaal Domein: gebieden, indicatoren en waarden. "
        "Versie 1 is stabiel: velden worden toegevoegd, niet verwijderd of hernoemd (zie docs/api.md). "
        "Elke waarde is beveiligd tegen onthulling (afronding en geheimhouding) voordat zij het "
        "systeem verlaat."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SORT_OPERATIONS": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kwaliteitsmonitor.api.views.add_limit_responses",
    ],
}

# --- publications and background work (DESIGN.md §8) ------------------------------------------------
# Publish every new draft at once (small setups), instead of waiting for a member of staff to publish it.
# Mail (reminders before a report period's deadline; docs/configuration.md). The console backend writes
# the mails to the log instead of sending them.
EMAIL_BACKEND = envstr("KM_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = envstr("KM_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("KM_EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("KM_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = envstr("KM_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("KM_EMAIL_TLS", False)
EMAIL_TIMEOUT = envint("KM_EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = envstr("KM_EMAIL_FROM", "kwaliteitsmonitor@localhost")
# Days before the deadline on which `kwaliteitsmonitor remind` reminds (one mail per step), e.g. "14,3".
try:
    KM_REMINDER_DAYS = sorted(
        {int(d) for d in envstr("KM_REMINDER_DAYS", "14,3").split(",") if d.strip()}, reverse=True
    )
except ValueError as exc:
    raise ImproperlyConfigured("KM_REMINDER_DAYS moet een lijst van dagen zijn, bijvoorbeeld 14,3.") from exc
# Answer terms of council questions per kind, as the council's reglement van orde sets them.
try:
    KM_QUESTION_DEADLINES = question_deadlines.parse(
        envstr("KM_QUESTION_DEADLINES", question_deadlines.DEFAULT)
    )
except ValueError as exc:
    raise ImproperlyConfigured(str(exc)) from exc
if missing := {"technisch", "schriftelijk"} - set(KM_QUESTION_DEADLINES):
    raise ImproperlyConfigured(
        f"KM_QUESTION_DEADLINES noemt geen termijn voor: {', '.join(sorted(missing))}."
    )

KM_AUTO_PUBLISH = envbool("KM_AUTO_PUBLISH", False)
# Render every public page while building a publication, so its figures are stored with it (and no
# visitor pays for the first render). Off only in tests that do not look at that.
KM_PUBLISH_RENDER_PAGES = envbool("KM_PUBLISH_RENDER_PAGES", True)
# Processes that fill the page cache after a switch (publications/warm.py); by default one per core.
KM_WARM_PROCESSES = envint("KM_WARM_PROCESSES", 0) or _cores()
# Background work (publishing, reports, refreshes) runs as tasks on the database: the worker is started
# by `serve` (or `kwaliteitsmonitor db_worker`). "immediate" runs a task at once in the caller (tests).
KM_TASKS = envstr("KM_TASKS", "database").strip().lower()
# Readiness (/gezondheid/klaar/): the worker counts as stopped when a task has waited this long.
KM_WORKER_STALE_SECONDS = envint("KM_WORKER_STALE_SECONDS", 300)
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }.get(KM_TASKS, "django_tasks_db.DatabaseBackend"),
    }
}

# --- sources with a schedule (docs/sources.md) ------------------------------------------------------
# The folder under which file locations of sources live; staff can only name paths inside it.
KM_SOURCES_DIR = Path(envstr("KM_SOURCES_DIR", str(DATA_DIR / "bronnen"))).resolve()
# A folder with recorded CBS responses per table (<map>/<tabelnummer>/TableInfos.json, ...): CBS sources
# are then read from there instead of the internet (tests, installations without internet).
KM_CBS_OFFLINE_DIR = envstr("KM_CBS_OFFLINE_DIR", "").strip()

# --- the monitor itself -------------------------------------------------------------------------------
# A municipality's own look (docs/theming.md): name, logo, favicon and NL Design System tokens from this
# folder. Checked here, before anything starts: a theme with too little contrast is refused (theme.py).
KM_THEME = theme.load(envstr("KM_THEME_DIR", ""))
if KM_THEME.directory is not None:
    STATICFILES_DIRS = [("thema", str(KM_THEME.directory))]
KM_SITE_NAME = envstr("KM_SITE_NAME", KM_THEME.name or "Kwaliteitsmonitor Sociaal Domein")
# The toegankelijkheidsverklaring: where visitors report problems (e-mail address or web address) and
# the date of the organisation's own statement (YYYY-MM-DD; empty: the date of this software's statement).
KM_ACCESSIBILITY_CONTACT = envstr("KM_ACCESSIBILITY_CONTACT", "").strip()
KM_ACCESSIBILITY_DATE = envstr("KM_ACCESSIBILITY_DATE", "").strip()
# The default characteristics of "gemeenten die op ons lijken" (docs/methods/vergelijken.md): indicator
# codes, teller/noemer for a share, :gewicht for a weight. A code that is no published indicator gives a
# Dutch message where the group would be shown; staff choose others per saved comparison group.
KM_SIMILAR_CHARACTERISTICS = envstr(
    "KM_SIMILAR_CHARACTERISTICS",
    "bev_inwoners,bev_75plus/bev_inwoners,bev_0_17/bev_inwoners,wmo_clienten_per_1000",
).strip()
KM_CHART_CACHE_DIR = CACHE_DIR / "charts"
# Chart files (specs and rendered images) are bounded too; the oldest go first (docs/caching.md).
KM_CHART_CACHE_MAX_FILES = envint("KM_CHART_CACHE_MAX_FILES", 20000)
KM_CHART_CACHE_MAX_BYTES = envint("KM_CHART_CACHE_MAX_BYTES", 256 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("KM_LOG_LEVEL", "WARNING")},
    # Security events (accounts/security_log.py): always logged, whatever KM_LOG_LEVEL says.
    "loggers": {
        "kwaliteitsmonitor.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"level": "ERROR"},  # its lines repeat what the security log says
    },
}
