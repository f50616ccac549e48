"""The static 'temporarily unavailable' answer used when the database cannot be reached.

It renders without touching the database (no context processors, no site settings): the
clinic phone comes from the cache when a page stored it earlier, else from settings.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string

from content.core.phone import tel_href

logger = logging.getLogger("kapsite.security")

PHONE_CACHE_KEY = "kapsite:clinic-phone"


def clinic_phone() -> str:
    try:
        phone = cache.get(PHONE_CACHE_KEY)
    except Exception:  # noqa: BLE001  the cache may be down too; the setting still answers
        phone = None
    return phone or settings.KAPSITE_FALLBACK_PHONE


def remember_clinic_phone(phone: str) -> None:
    try:
        cache.set(PHONE_CACHE_KEY, phone, 60 * 60 * 24 * 30)
    except Exception:  # noqa: BLE001  best effort only
        logger.warning("Could not store the clinic phone in the cache.")


def database_unavailable_response(request, exception=None) -> HttpResponse:
    # Log the kind of failure and the path only: never the body, query string or SQL values.
    logger.warning(
        "Database unavailable (%s) for %s %s",
        type(exception).__name__ if exception else "unknown",
        request.method,
        request.path,
    )
    phone = clinic_phone()
    context = {
        "phone": phone,
        "phone_href": tel_href(phone),
        "was_submission": request.method == "POST",
    }
    response = HttpResponse(
        render_to_string("503.html", context), status=503, content_type="text/html; charset=utf-8"
    )
    response["Retry-After"] = str(settings.KAPSITE_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
