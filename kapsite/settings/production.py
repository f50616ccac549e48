"""Production: refuses to start without its secrets; passes `manage.py check --deploy`."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env


def _required(name, cast=str):
    value = env.get_value(name, cast=cast, default=None)
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be set for production settings."
        )
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = _required("ALLOWED_HOSTS", cast=list)
# The admin's own address: links in password-reset and notification e-mails are built from it.
WAGTAILADMIN_BASE_URL = _required("WAGTAILADMIN_BASE_URL")
if urlsplit(WAGTAILADMIN_BASE_URL).scheme != "https" or not urlsplit(WAGTAILADMIN_BASE_URL).netloc:
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL must be the site's https:// address for production settings "
        "(e-mailed links are built from it)."
    )

# Every superuser, like every member of the Administrators, Clinical reviewers and Intake groups,
# signs in with a second factor (content/governance/middleware.py).
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)

# --- Security (issue 9): production-only cookie rules ----------------------------------------
# Headers (HSTS, nosniff, Referrer-Policy, COOP, CSP, Permissions-Policy) come from
# kapsite/settings/security.py via base.py. `__Host-` names require Secure, Path=/ and no Domain.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# Hashed, compressed (gzip and brotli) static files served by whitenoise with far-future caching.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
