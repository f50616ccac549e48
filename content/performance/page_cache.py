"""Shared full-page cache for anonymous, cookie-free GET requests of public pages.

Why not wagtail-cache or Django's cache middleware: both key pages on an MD5 of the full URL, so
purging one page means either a shared "keyring" dict rewritten by every instance (entries are
lost when two instances write it at once) or ``cache.clear()``, which on Redis flushes the whole
database, sessions and rate-limit counters included. Here each stored page records the two purge
tokens it was rendered under: one for its URL path and one for the whole site. Purging a path
(any query string) or everything is a single ``set`` of a new token, atomic across instances; a
stored page whose tokens are no longer the current ones is a miss and is overwritten. A lookup
reads both tokens and the page in one ``get_many`` (one Redis round trip).

What is cached (see ``request_is_cacheable`` and ``response_is_cacheable``): GET requests with no
Cookie or Authorization header, outside the admin, for 200 HTML/XML/text responses that set no
cookie, are not previews, say nothing private and used no CSP nonce. (``Vary: Cookie`` is
kept: only cookie-free requests are ever served from this cache.)
A form with a CSRF token sets the CSRF cookie on a cookie-free request, so it is never stored.

Query strings. A page is keyed on its host, path and only the query parameters it reads: a page
type lists them in ``cache_query_params`` (the article index reads ``page``, the provider
directory its filters). Marketing parameters (``utm_*``, ``fbclid``, ``gclid`` ...) are removed
from the request before the page renders (pages never read them; analytics scripts read them in
the browser), so ``?utm_source=x`` is served the page's one cached copy. A render for a request
with any other parameter the page does not declare is not stored, so made-up parameters cannot
fill the cache. Every entry has a time to live (PAGE_CACHE_SECONDS; purge tokens twice that),
so Redis can evict with ``volatile-lru`` as well as ``allkeys-lru`` (README, Operations).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from urllib.parse import urlencode

from compression_middleware.middleware import compressor
from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, QueryDict
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
SITE_TOKEN_KEY = "pagecache:site"  # noqa: S105 (a cache key, not a secret)
CACHEABLE_TYPES = ("text/html", "application/xml", "text/xml", "text/plain")
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/healthz", "/static/", "/media/")
# Parameters added by campaign links and ad platforms; no page reads them.
MARKETING_PARAM_PREFIXES = ("utm_",)
MARKETING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
    }
)


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _timeout() -> int:
    return settings.PAGE_CACHE_SECONDS


def _token_timeout() -> int:
    """Purge tokens outlive every page stored under them (an expired token reads as "0")."""
    return 2 * _timeout()


def is_marketing_param(name: str) -> bool:
    name = name.lower()
    return name.startswith(MARKETING_PARAM_PREFIXES) or name in MARKETING_PARAMS


def drop_marketing_params(request) -> None:
    """Remove marketing parameters from the request the page will see."""
    if not any(is_marketing_param(name) for name in request.GET):
        return
    kept = [
        (k, v) for k, values in request.GET.lists() if not is_marketing_param(k) for v in values
    ]
    query_string = urlencode(kept)
    request.META["QUERY_STRING"] = query_string
    request.GET = QueryDict(query_string, encoding=request.encoding)


def params_read_by(response) -> frozenset[str]:
    """The query parameters the rendered page declares it reads (none for other views)."""
    context = getattr(response, "context_data", None)
    page = context.get("page") if isinstance(context, dict) else None
    return frozenset(getattr(page, "cache_query_params", ()))


def _path_token_key(path: str) -> str:
    return "pagecache:path:" + hashlib.sha256(path.encode()).hexdigest()[:32]


def chosen_encoding(request) -> str:
    """The encoding the compression middleware sends a page in for this request ("" for none;
    content/performance/compression.py). Pages are stored compressed, one copy per encoding."""
    encoding, _bulk, _stream = compressor(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    return encoding or ""


def request_is_anonymous_and_public(request) -> bool:
    """No cookie, no Authorization header, not the admin (or another skipped path)."""
    return (
        not request.META.get("HTTP_COOKIE")
        and not request.META.get("HTTP_AUTHORIZATION")
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def request_is_cacheable(request) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method == "GET"
        and request_is_anonymous_and_public(request)
    )


def response_is_cacheable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(request, "is_preview", False)
        and not getattr(request, "csp_nonce", None)  # django-csp: true once the nonce was used
        and "nonce-" not in response.get("Content-Security-Policy", "")
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and response.get("Content-Type", "").split(";")[0].strip() in CACHEABLE_TYPES
    )


def _page_key(request) -> str:
    # Parameters sorted by name (repeated values keep their order): ?a=1&b=2 is ?b=2&a=1.
    params = sorted(
        ((k, v) for k, values in request.GET.lists() for v in values), key=lambda kv: kv[0]
    )
    raw = "|".join([request.get_host(), request.path, urlencode(params), chosen_encoding(request)])
    return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()


class PageCacheMiddleware:
    """Serve and store whole pages, with the headers the middleware inside it set (CSP,
    Permissions-Policy); kapsite/settings/base.py places it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            response = self.get_response(request)
            response[HEADER] = "skip"
            return response
        drop_marketing_params(request)
        key = tokens = None
        try:
            key, path_token_key = _page_key(request), _path_token_key(request.path)
            found = _cache().get_many([SITE_TOKEN_KEY, path_token_key, key])
            tokens = (found.get(SITE_TOKEN_KEY, "0"), found.get(path_token_key, "0"))
            stored = found.get(key)
        except Exception:  # the site keeps working, uncached, when the cache is down
            logger.warning("page cache unavailable", exc_info=True)
            stored = None
        if stored is not None and stored[0] == tokens:
            _tokens, status, headers, content = stored
            response = HttpResponse(content, status=status, headers=headers)
            response[HEADER] = "hit"
            return response

        response = self.get_response(request)
        if (
            tokens is None
            or not response_is_cacheable(request, response)
            or not set(request.GET) <= params_read_by(response)
        ):
            response[HEADER] = "skip"
            return response
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
            s_maxage=settings.PAGE_CACHE_SHARED_SECONDS,
        )
        headers = {k: v for k, v in response.items() if k.lower() not in {"date", HEADER.lower()}}
        try:
            # Stored with the tokens read before rendering: a purge during the render wins.
            _cache().set(key, (tokens, response.status_code, headers, response.content), _timeout())
        except Exception:
            logger.warning("could not store page in cache", exc_info=True)
        response[HEADER] = "miss"
        return response


def purge_paths(paths) -> None:
    """Forget the cached copies of these URL paths (every query string, every host)."""
    paths = set(paths)
    if not paths:
        return
    token = uuid.uuid4().hex
    try:
        _cache().set_many(
            {_path_token_key(path): token for path in paths}, timeout=_token_timeout()
        )
    except Exception:
        logger.exception("could not purge %d page(s) from the page cache", len(paths))


def purge_all() -> None:
    """Forget every cached page (a snippet or setting shown on many pages changed)."""
    try:
        _cache().set(SITE_TOKEN_KEY, uuid.uuid4().hex, timeout=_token_timeout())
    except Exception:
        logger.exception("could not purge the page cache")
