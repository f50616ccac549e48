"""Files browsers ask for at the site root: /favicon.ico, /apple-touch-icon.png, the manifest icons
(served by whitenoise from `public/`, WHITENOISE_ROOT) and /site.webmanifest (a view, so it
carries the clinic's name from Clinic settings).

Their addresses never change (browsers and home screens ask for these exact paths), so they
cannot be renamed with a hash like the files under /static/: they are cached for a long time
instead (ROOT_FILE_MAX_AGE), and a new icon takes that long to reach every browser.
"""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

ROOT_FILE_MAX_AGE = 365 * 24 * 60 * 60  # one year
MANIFEST_MAX_AGE = 7 * 24 * 60 * 60  # a week: it names the clinic, which staff can change
THEME_COLOR = "#0f4c5c"  # the brand colour of static/img/favicon.svg (--color-brand)


def add_root_file_headers(headers, path, url):
    """WHITENOISE_ADD_HEADERS_FUNCTION: a long public cache for the files in WHITENOISE_ROOT
    (files under STATIC_URL keep whitenoise's own rules: hashed names are cached forever)."""
    if not url.startswith(settings.STATIC_URL):
        headers["Cache-Control"] = f"public, max-age={ROOT_FILE_MAX_AGE}"


@require_safe
@cache_control(public=True, max_age=MANIFEST_MAX_AGE)
def web_manifest(request):
    """The web app manifest: name, colours and icons when the site is added to a home screen."""
    from .models import ClinicSettings

    clinic = ClinicSettings.for_request(request)
    manifest = {
        "name": clinic.clinic_name,
        "short_name": clinic.clinic_name.split("(")[0].strip()[:30] or clinic.clinic_name,
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": "/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "/icon-512.png", "sizes": "512x512", "type": "image/png"},
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")
