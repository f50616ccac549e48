"""Settings shared by every environment.

Every value that differs between machines is read from the environment through one typed
django-environ schema (see .env.example). Nothing secret has a default here.
"""

from pathlib import Path

import environ

from content.core.root_files import add_root_file_headers
from content.core.site_url import normalised as normalised_site_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    REDIS_URL=(str, ""),
    REDIS_TIMEOUT_SECONDS=(float, 0.5),
    REDIS_CIRCUIT_SECONDS=(int, 15),
    DB_CIRCUIT_SECONDS=(int, 10),
    DEFAULT_FROM_EMAIL=(str, "kapsite <no-reply@example.com>"),
    INTAKE_EMAIL=(str, "intake@example.com"),
    EMAIL_URL=(str, "consolemail://"),
    DB_CONNECT_TIMEOUT=(int, 3),
    CONN_MAX_AGE=(int, 60),
    LOG_LEVEL=(str, "INFO"),
    PAGE_CACHE_ENABLED=(bool, True),
    PAGE_CACHE_SECONDS=(int, 600),
    FRAGMENT_CACHE_SECONDS=(int, 3600),
    PAGE_CACHE_SHARED_SECONDS=(int, 300),
    AWS_STORAGE_BUCKET_NAME=(str, ""),
    AWS_S3_ENDPOINT_URL=(str, ""),
    AWS_S3_REGION_NAME=(str, ""),
    AWS_S3_CUSTOM_DOMAIN=(str, ""),
    FRONTEND_CACHE_CLOUDFLARE_TOKEN=(str, ""),
    FRONTEND_CACHE_CLOUDFLARE_ZONEID=(str, ""),
    FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID=(str, ""),
    FRONTEND_CACHE_HTTP_LOCATION=(str, ""),
    TRUSTED_PROXY_COUNT=(int, 0),
    BOOKING_RETENTION_DAYS=(int, 90),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "content.core",
    "content.articles",
    "content.providers",
    "content.sitesearch",
    "content.booking",
    "content.governance",
    "content.feedback",
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # backup codes (content/governance/backup_codes.py)
    "axes",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    # The Spanish edition: editors copy a page to Spanish ("Translate") and write it in the
    # ordinary page editor, where the clinical review workflow applies (content/core/translation.py).
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.table_block",
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
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "content.performance",
]

# Read top to bottom: a request passes down the list, its response comes back up.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # 405 for unknown methods, 400 for a bad Host, no-store for the admin and pages that ask
    # (content/security/middleware.py).
    "content.security.middleware.SecurityHeadersMiddleware",
    # Whole-page cache for anonymous, cookie-free GETs (content/performance/page_cache.py). It
    # sits outside the CSP and Permissions-Policy middleware, so a stored page keeps the headers
    # they set for it and a hit builds no policy (about 0.25 ms a request, bench/pages.py).
    "content.performance.page_cache.PageCacheMiddleware",
    # django-csp: strict policy on public pages, the admin's own policy under /admin/.
    "content.security.middleware.KapsiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # zstd, brotli or gzip for public responses only (never forms or the admin: BREACH), inside
    # the page cache so pages are stored compressed (content/performance/compression.py).
    "content.performance.compression.PublicPageCompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL only: /es/... is Spanish, everything else English
    # (kapsite/urls.py); never from the browser's Accept-Language (people choose).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor authentication: django-otp marks verified sessions; ours requires a device for
    # the groups in TWO_FACTOR_REQUIRED_GROUPS (content/governance/middleware.py).
    "django_otp.middleware.OTPMiddleware",
    "content.governance.middleware.GroupTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions: 12 hours at most, 30 idle minutes in the admin.
    "content.security.middleware.AdminSessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # django-axes near the end, as its documentation asks.
    "axes.middleware.AxesMiddleware",
    # Last, so it sees exceptions raised by views: a calm 503 when the database is unreachable.
    "content.security.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "kapsite.urls"
WSGI_APPLICATION = "kapsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL names another database.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env("CONN_MAX_AGE")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the database is unreachable instead of hanging the worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env("DB_CONNECT_TIMEOUT")
    # Django's backend with a circuit breaker: after a failed connection, new connections fail at
    # once (the 503 outage page) for DB_CIRCUIT_SECONDS (content/security/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "content.security.postgresql"
DATABASE_CIRCUIT_BREAKER_SECONDS = env("DB_CIRCUIT_SECONDS")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if env("REDIS_URL"):
    CACHES = {
        "default": {
            # django-redis, held by a backend that fails open (content/performance/redis_cache.py).
            "BACKEND": "content.performance.redis_cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "kapsite",
            # An unreachable or hanging Redis makes pages slower, never broken: short socket
            # timeouts, calls failing open, and a circuit breaker that skips Redis for
            # REDIS_CIRCUIT_SECONDS after a failure (content/performance/redis_cache.py).
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": env("REDIS_TIMEOUT_SECONDS"),
                "SOCKET_TIMEOUT": env("REDIS_TIMEOUT_SECONDS"),
            },
            "CIRCUIT_BREAKER_SECONDS": env("REDIS_CIRCUIT_SECONDS"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole-page cache: its own alias (same Redis, own key prefix) so purges never touch sessions or
# rate-limit counters. Without REDIS_URL each process has its own local-memory page cache.
CACHES["pages"] = {
    **CACHES["default"],
    "KEY_PREFIX": "kapsite-pages",
    "TIMEOUT": env("PAGE_CACHE_SECONDS"),
}
# Fragments shared by many pages (nav, footer, breadcrumbs, settings): content/core/fragments.py.
CACHES["fragments"] = {**CACHES["default"], "KEY_PREFIX": "kapsite-fragments"}
if not env("REDIS_URL"):
    CACHES["pages"]["LOCATION"] = "kapsite-pages"
    CACHES["fragments"]["LOCATION"] = "kapsite-fragments"
FRAGMENT_CACHE_SECONDS = env("FRAGMENT_CACHE_SECONDS")
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_ENABLED = env("PAGE_CACHE_ENABLED")
PAGE_CACHE_SECONDS = env("PAGE_CACHE_SECONDS")
PAGE_CACHE_BROWSER_SECONDS = 60
PAGE_CACHE_SHARED_SECONDS = env("PAGE_CACHE_SHARED_SECONDS")  # s-maxage for a CDN
# Sessions stay in the database (Django's default): shared by every instance, and they survive
# a Redis restart. django-ratelimit counts in CACHES["default"] (Redis when REDIS_URL is set).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
RATELIMIT_USE_CACHE = "default"

# CDN purge on publish, unpublish, move, delete and snippet/setting changes
# (content/performance/signal_handlers.py). Configured only when the env vars are set.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_CLOUDFLARE_TOKEN") and env("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("FRONTEND_CACHE_CLOUDFLARE_TOKEN"),
        "ZONEID": env("FRONTEND_CACHE_CLOUDFLARE_ZONEID"),
    }
if env("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"),
    }
if env("FRONTEND_CACHE_HTTP_LOCATION"):  # Varnish, Squid, nginx: sends PURGE requests
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_HTTP_LOCATION"),
    }

# Background work (e-mail, search and reference indexes) goes through the database queue;
# run `python manage.py db_worker` beside the web process.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin accounts: login throttling (django-axes) and two-factor authentication (wagtail-2fa).
AUTHENTICATION_BACKENDS = [
    "content.governance.auth_backends.ThrottledLoginBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins are counted in the database (shared by every web process) for 15 minutes, per
# (username, client address) pair and per client address across usernames (password spraying):
# 5 failures lock the pair, 10 from one address lock that address (content/governance/
# login_throttle.py), so one person's typos do not lock a shared office address.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = "content.governance.login_throttle.failure_limit"
AXES_FAILURES_PER_ACCOUNT = 5
AXES_FAILURES_PER_ADDRESS = 10
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# A successful sign-in does not wipe the address's failures (with the per-address count it would
# let anyone holding one account reset the counter between guesses); they expire after 15 min.
AXES_RESET_ON_SUCCESS = False
# Admin password reset: e-mails sent at most this often per client address and per account
# (content/governance/password_reset.py); over the limit the same neutral page, nothing sent.
_RESET_FORM = "content.governance.password_reset.ThrottledPasswordResetForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = _RESET_FORM  # noqa: S105 - a class path, not a password
PASSWORD_RESET_RATE_PER_ADDRESS = "5/h"  # noqa: S105 - a rate, not a password
PASSWORD_RESET_RATE_PER_ACCOUNT = "3/h"  # noqa: S105 - a rate, not a password
AXES_LOCKOUT_TEMPLATE = "governance/lockout.html"
# The client address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front of the site,
# the address the outermost trusted proxy saw (never a client-supplied header).
AXES_CLIENT_IP_CALLABLE = "content.core.client_ip.client_ip_or_none"
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT")
WAGTAIL_2FA_REQUIRED = True
WAGTAIL_2FA_OTP_TOTP_NAME = "kapsite"
TWO_FACTOR_REQUIRED_GROUPS = ["Clinical reviewers", "Intake", "Administrators"]
# Superusers must pass 2FA too in production (production.py); off here so that `make run`'s local
# demo admin signs in with its password alone.
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = False

LANGUAGE_CODE = "en"
# US English dates ("November 1, 2026") from kapsite/formats/en/formats.py; Spanish ("1 de noviembre
# de 2026") from kapsite/formats/es/formats.py.
FORMAT_MODULE_PATH = ["kapsite.formats"]
LANGUAGES = [("en", "English"), ("es", "Español")]
# The interface text's Spanish catalogue (locale/es/LC_MESSAGES/django.po, compiled to django.mo).
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# /favicon.ico, /apple-touch-icon.png and the manifest icons, served at the site root by whitenoise
# with a long cache (content/core/root_files.py).
WHITENOISE_ROOT = BASE_DIR / "public"
WHITENOISE_ADD_HEADERS_FUNCTION = add_root_file_headers
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Media on S3-compatible object storage when a bucket is named (credentials come from boto3's
# usual sources: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or an instance role).
if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "querystring_auth": False,
            "default_acl": None,
        },
    }

EMAIL_CONFIG = env.email_url("EMAIL_URL")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
INTAKE_EMAIL = env("INTAKE_EMAIL")

WAGTAIL_SITE_NAME = "kapsite"
# The public address (scheme, host, port): every absolute URL on pages, in the sitemap, the feed
# and e-mails starts with it (content/core/site_url.py); `migrate` gives the default Site its
# host and port. The admin is on the same address, so e-mailed admin links use it too.
SITE_URL = normalised_site_url(env("SITE_URL"))
WAGTAILADMIN_BASE_URL = SITE_URL
# Wagtail's database search: PostgreSQL full-text search with the English configuration (stemming,
# stop words), or SQLite FTS5 with the porter stemmer (content/sitesearch/migrations/0002). After
# changing SEARCH_CONFIG, run `manage.py update_index`. Languages: see content/sitesearch/__init__.py.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin CSP blocks them and they would send a hash of every
# staff email address to a third party. Staff see an uploaded avatar or Wagtail's default.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
# An approved workflow publishes as the approver without their needing "publish" permission.
WAGTAIL_FINISH_WORKFLOW_ACTION = "content.governance.workflows.publish_approved"

# Logs never carry request bodies or query strings (see gunicorn.conf.py access_log_format).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # One escaped line, no traceback (content/security/log_format.py).
        "one_line": {
            "()": "content.security.log_format.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "security_console": {"class": "logging.StreamHandler", "formatter": "one_line"},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Bad Host headers and other suspicious requests: one short line each.
        "django.security": {"handlers": ["security_console"], "propagate": False},
    },
}

# Booking requests (content.booking): how long they are kept, and how the client IP is read for
# the per-client rate limit: the number of reverse proxies in front of gunicorn that append to
# X-Forwarded-For (TRUSTED_PROXY_COUNT, above). See content/core/client_ip.py.
BOOKING_RETENTION_DAYS = env("BOOKING_RETENTION_DAYS")
BOOKING_RATE_LIMIT = "5/h"
# "Was this page helpful?" answers and comments per client address (content/feedback/views.py).
FEEDBACK_RATE_LIMIT = "30/h"
# Bot checks on the booking form (content/booking/spam.py): a form sent sooner than this after it
# was opened, or older than the second, comes back asking the person to send it again.
BOOKING_MIN_FILL_SECONDS = 3
BOOKING_FORM_MAX_AGE_SECONDS = 12 * 60 * 60
# Intake e-mails are tried this many times (content/booking/notifications.py).
BOOKING_NOTIFY_MAX_ATTEMPTS = 5

# --- Security (issue 9): headers, CSP, cookies, sessions, error pages -----------------------
# Everything lives in kapsite/settings/security.py; production-only parts in production.py.
from .security import *  # noqa: E402, F403
from .security import DJANGO_ADMIN_ENABLED  # noqa: E402

INSTALLED_APPS += ["content.security", "csp"]
if DJANGO_ADMIN_ENABLED:
    INSTALLED_APPS += ["django.contrib.admin"]
