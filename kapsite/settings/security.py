"""Security settings shared by every environment (issue 9).

Imported at the end of base.py. Production-only parts (Secure cookies, `__Host-` names, SSL
redirect) live in the marked section of production.py.

Content-Security-Policy (django-csp 4.0):
- Public pages: CONTENT_SECURITY_POLICY below. Self only, no 'unsafe-inline': an inline
  script must carry `nonce="{{ request.csp_nonce }}"`; inline style= attributes are not
  allowed at all. Embedded third-party frames (video embeds) are blocked by design.
- Wagtail admin (/admin/ and /django-admin/): KAPSITE_ADMIN_CSP_DIRECTIVES. Looser because
  the Wagtail admin ships inline scripts and style attributes (Draftail, Stimulus
  controllers, the preview panel iframe). Still self-only for sources, no objects, no
  <base>, and only framable by the site itself (the preview panel).
"""

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

_env = environ.Env()

KAPSITE_ADMIN_PATH_PREFIXES = ["/admin/", "/django-admin/"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Page previews in the editor's side panel: the public policy, but the admin (same origin) may
# frame them. Wagtail renders a preview through a dummy request flagged `is_preview`.
KAPSITE_PREVIEW_CSP_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "frame-ancestors": [SELF],
}

KAPSITE_ADMIN_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "media-src": [SELF, "blob:"],
    "worker-src": [SELF, "blob:"],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}

# Every powerful browser feature is off for every origin.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Headers sent by Django's SecurityMiddleware (HSTS only on HTTPS responses).
SECURE_HSTS_SECONDS = 63072000  # two years
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cookies: SameSite=Lax, HttpOnly (Wagtail reads the CSRF token from the page, not the cookie).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "content.security.views.csrf_failure"

# Sessions: 12 hours at most from login; the admin also ends after 30 idle minutes.
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_ADMIN_IDLE_SECONDS = 30 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Documents (content/security/documents.py): always served through Wagtail's view, which checks
# collection view restrictions (never a redirect to a public storage URL). Restricted documents
# are private, no-store; public ones may be cached this long.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
KAPSITE_PUBLIC_DOCUMENT_MAX_AGE = 300
# Images under MEDIA_URL when media are on local disk (content/security/media.py): one day.
KAPSITE_MEDIA_MAX_AGE = 24 * 60 * 60

# Outage page: how long browsers should wait, and the phone shown when the DB is down.
KAPSITE_RETRY_AFTER_SECONDS = 120
KAPSITE_FALLBACK_PHONE = _env.str("CLINIC_FALLBACK_PHONE", default="(510) 555-0142")

# Django's own admin is off unless an administrator turns it on (DJANGO_ADMIN_ENABLED=true).
DJANGO_ADMIN_ENABLED = _env.bool("DJANGO_ADMIN_ENABLED", default=False)
