"""Production: refuses to start without its secrets; passes `manage.py check --deploy`."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SITE_URL, env


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
# The public address every absolute URL is built from (canonical links, sitemap, feed, e-mails).
if urlsplit(SITE_URL).scheme != "https":
    raise ImproperlyConfigured(
        "SITE_URL must be the site's public https:// address for production settings "
        f"(canonical links, the sitemap and e-mailed links are built from it), not {SITE_URL!r}."
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
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
