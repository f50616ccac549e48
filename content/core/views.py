"""Small site-wide views: health check and robots.txt."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


# Routable sub-page of the booking page that shows the request confirmation (see the booking app).
BOOKING_CONFIRMATION_SUBPATH = "thanks/"


def robots_disallowed_paths(request) -> list[str]:
    """Paths crawlers must not fetch: the admin, search results, the booking confirmation."""
    from .models import ClinicSettings

    paths = ["/admin/", "/django-admin/", "/documents/", "/search/"]
    booking_page = ClinicSettings.for_request(request).booking_page
    if booking_page is not None:
        booking_url = booking_page.get_url(request)
        if booking_url and booking_url.startswith("/"):
            paths.append(booking_url + BOOKING_CONFIRMATION_SUBPATH)
    return paths


@require_GET
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in robots_disallowed_paths(request)]
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
