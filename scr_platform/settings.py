"""Settings for the SCR Learning Platform, read from the environment.

One module serves every profile. With no environment at all (beyond
``DJANGO_DEBUG=true`` for local work) the platform runs on the embedded
default: a SQLite file, Celery tasks executed in-process, local-memory cache.
Set ``DATABASE_URL`` and ``REDIS_URL`` for the full stack. With
``DJANGO_DEBUG`` false (the default) the production profile applies: a secret
key is required and cookies, HSTS and HTTPS redirects are on, so that
``manage.py check --deploy`` passes without warnings. See ``.env.example``.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is a convenience for developers; real deployments set the
# environment itself. Variables already set always win over the file.
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false "
            "(for local development set DJANGO_DEBUG=true)."
        )
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "local-development-only-key-not-for-any-deployment"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications ---------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    # Third party
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "axes",
    "auditlog",
    # Ours: accounts first, every other app depends on it.
    "scr_platform.accounts",
    "collation",
    "quality_markers",
    "alliance",
    "masterclasses",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before sessions and auth: a NUL byte would reach the database through them.
    "scr_platform.middleware.RefuseNulMiddleware",
    # Outside CommonMiddleware, whose host check and slash redirect it lets happen first.
    "scr_platform.middleware.GovukErrorPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Axes must come last: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

FORM_RENDERER = "scr_platform.forms.GovukFormRenderer"
ROOT_URLCONF = "scr_platform.urls"
WSGI_APPLICATION = "scr_platform.wsgi.application"
ASGI_APPLICATION = "scr_platform.asgi.application"

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
                "scr_platform.navigation.navigation",
                "collation.context_processors.demo_data",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------

# The embedded default keeps its SQLite file (and uploads) under var/.
LOCAL_DATA_DIR = BASE_DIR / "var"
if "DATABASE_URL" not in env:
    LOCAL_DATA_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{LOCAL_DATA_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            # A Redis outage empties the cache rather than failing pages (scr_platform/cache.py).
            "BACKEND": "scr_platform.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "scr",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(LOCAL_DATA_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
# Built by `npm run build`: GOV.UK Frontend's compiled styles, scripts, fonts
# and images, copied from node_modules at install time (never a CDN).
STATICFILES_DIRS = [BASE_DIR / "static" / "dist"]
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
WHITENOISE_USE_FINDERS = DEBUG

# Uploads: the platform takes PDF reports. Django's own limits bound what is
# held in memory; the document checks enforce the size limit with a clear
# message of their own.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)
UPLOAD_MAX_PAGES = env.int("UPLOAD_MAX_PAGES", default=1500)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Users, roles and sign in ---------------------------------------------

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "start"

AUTHENTICATION_BACKENDS = [
    # Axes first, so that locked-out credentials are refused before checking.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the user's roles with the user: one query a request.
    "scr_platform.accounts.backends.RolesModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling: five failures for one username from one address lock that
# pair out for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_META_PRECEDENCE_ORDER = env.list("AXES_IP_HEADERS", default=["REMOTE_ADDR"])

SESSION_COOKIE_AGE = 60 * 60 * 8
# Sessions are read from the cache and written through to the database, so a
# signed-in page costs no session query; while Redis is down they come from the
# database (scr_platform/cache.py reads an unreachable Redis as empty).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- API ------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes a missing or bad
        # credential a 401, as API clients expect, rather than a 403.
        # (Ours records the token's user as the audit log's actor.)
        "scr_platform.accounts.authentication.AuditedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # DRF's own three, refusing a NUL byte in the body (scr_platform/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "scr_platform.parsers.JSONParser",
        "scr_platform.parsers.FormParser",
        "scr_platform.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
    },
}
# Filter drop-downs offer "Any" rather than Django's "---------".
FILTERS_EMPTY_CHOICE_LABEL = "Any"

SPECTACULAR_SETTINGS = {
    "TITLE": "SCR Learning Platform API",
    "DESCRIPTION": (
        "Serious Case Reviews collated into a national, searchable, coded body of "
        "learning. Reading published material needs no account; everything else "
        "uses the same roles and permissions as the web pages."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "status" or "kind"; name each set of choices.
    "ENUM_NAME_OVERRIDES": {
        "DocumentKindEnum": "collation.choices.DocumentKind",
        "DocumentStatusEnum": "collation.choices.DocumentStatus",
        "JobStatusEnum": "collation.choices.JobStatus",
        "ReviewStatusEnum": "collation.choices.ReviewStatus",
        "FlagStatusEnum": "collation.choices.FlagStatus",
        "PersonalDataKindEnum": "collation.choices.PersonalDataKind",
        "ActionStatusEnum": "alliance.choices.ActionStatus",
        "LocalIssueStatusEnum": "collation.choices.LocalIssueStatus",
        "LocalActionStatusEnum": "collation.choices.LocalActionStatus",
        "OutcomeStatusEnum": "collation.choices.OutcomeStatus",
    },
}

# --- Celery ---------------------------------------------------------------

if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    # The embedded default: no broker, every task runs in-process at once.
    CELERY_BROKER_URL = "memory://localhost/"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_TIMEZONE = "Europe/London"
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=25 * 60)
# Our tasks are idempotent, so a task is acknowledged only once it has run:
# a worker killed mid-task leaves the message to be redelivered to another.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers an unacknowledged message after this long; it must exceed
# the longest task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 300}
CELERY_WORKER_SEND_TASK_EVENTS = True
CELERY_TASK_SEND_SENT_EVENT = True
# Periodic work. More arrives with each capability (e.g. the nightly trend rebuild).
CELERY_BEAT_SCHEDULE: dict = {
    "requeue-stuck-processing-jobs": {
        "task": "collation.requeue_stuck_jobs",
        "schedule": 300.0,
    },
    "rebuild-trends-nightly": {
        "task": "collation.rebuild_review_issues",
        "schedule": crontab(hour=2, minute=30),
    },
    "rebuild-suggestion-model-nightly": {
        "task": "collation.rebuild_suggestion_model",
        "schedule": crontab(hour=2, minute=45),
    },
    # Cheap when nothing changed (one query); after an upgrade of the personal data
    # detector it checks every document again within the hour.
    "recheck-personal-data": {
        "task": "collation.recheck_personal_data",
        "schedule": crontab(minute=15),
    },
    # Each follower's digest, the morning after their week, month or quarter ends; a
    # digest already sent is skipped, so running daily sends each once.
    "send-digests": {
        "task": "collation.send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
}

# --- E-mail ---------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587; printed to the
# console by default (the embedded default has no mail server).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# Or the usual separate settings: EMAIL_HOST (which switches to SMTP), EMAIL_PORT,
# EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS.
if env("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
    EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="SCR Learning Platform <no-reply@localhost>")
# Links in e-mails point here.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# --- Security -------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "scr_platform.views.csrf_failure"

# Production profile: on unless DEBUG. Behind a TLS-terminating proxy set
# DJANGO_SECURE_PROXY_SSL_HEADER=true so Django knows the request was HTTPS.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
if env.bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The health check is polled over plain HTTP by load balancers and probes.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Scripts come from the site, but for one inline script: GOV.UK Frontend's
# "js-enabled" line in templates/base.html, allowed by its hash (the one GOV.UK
# Frontend publishes for it). A hash rather than a per-request nonce, so a page
# is the same bytes for everyone and the response cache serves it as stored;
# tests/proof/test_security.py checks that every inline script has its hash here.
# PDFs of printable pages (collation/printing.py): Debian's Chromium, and how long
# one PDF may take before the page says it could not be made.
PDF_CHROMIUM_PATH = env.str("PDF_CHROMIUM_PATH", default="/usr/bin/chromium")
PDF_TIMEOUT_SECONDS = env.int("PDF_TIMEOUT_SECONDS", default=30)

BASE_INLINE_SCRIPT_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, BASE_INLINE_SCRIPT_HASH],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Internationalisation -------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Logging --------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
