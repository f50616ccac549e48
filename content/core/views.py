"""Small site-wide views: health check and robots.txt."""

import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from wagtail.models import get_page_models

HEALTH_CACHE_KEY = "kapsite:healthz"


def cache_health() -> str:
    """'ok' when the shared cache stores and returns a value, 'down' when it does not (the
    project's Redis backend fails open, so a lost write reads back as a miss), 'not configured'
    when each process only has its own local-memory cache (no REDIS_URL)."""
    cache = caches["default"]
    if isinstance(cache, LocMemCache | DummyCache):
        return "not configured"
    key = f"{HEALTH_CACHE_KEY}:{uuid.uuid4().hex}"  # one per probe: concurrent probes agree
    try:
        cache.set(key, 1, 10)
        return "ok" if cache.get(key) == 1 else "down"
    except Exception:  # noqa: BLE001  any cache failure means the same thing here
        return "down"


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query, 503 (with Retry-After) when it does not.

    The database is the one hard dependency: with the cache down the site still serves every
    page (slower), so the answer stays 200 and says ``"cache": "down"``.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "unavailable", "database": "down"}, status=503)
        response["Retry-After"] = str(settings.KAPSITE_RETRY_AFTER_SECONDS)
        return response
    cache_state = cache_health()
    status = "degraded" if cache_state == "down" else "ok"
    return JsonResponse({"status": status, "database": "up", "cache": cache_state})


def robots_disallowed_paths(request) -> list[str]:
    """Paths crawlers must not fetch: the admin, search results, and the sub-paths a page type
    lists in ``robots_disallow_subpaths`` (the booking page's confirmation step)."""
    paths = ["/admin/", "/django-admin/", "/documents/", "/search/"]
    for model in get_page_models():
        subpaths = getattr(model, "robots_disallow_subpaths", ())
        if not subpaths:
            continue
        for page in model.objects.live():
            url = page.get_url(request)
            if url and url.startswith("/"):
                paths += [url + subpath for subpath in subpaths]
    return paths


@require_GET
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in robots_disallowed_paths(request)]
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
