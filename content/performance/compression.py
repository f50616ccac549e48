"""Gzip for public pages (Django's GZipMiddleware), never for responses that carry a secret.

BREACH: compressing a response that holds a secret (a CSRF token, anything of a signed-in
person's) next to text an attacker can put in the page lets the attacker guess the secret from
the compressed sizes. So only responses anyone could fetch are compressed: a request with no
cookie and no Authorization header, outside the admin, and a response that sets no cookie (a
form's CSRF token sets the CSRF cookie, so forms stay uncompressed) and is not private.

The middleware sits just inside PageCacheMiddleware (kapsite/settings/base.py), so the page
cache stores pages already compressed and a hit does no compression work; the page cache keys
a page on whether the client accepts gzip (``accepts_gzip``).
"""

from django.middleware.gzip import GZipMiddleware, re_accepts_gzip

from .page_cache import request_is_anonymous_and_public


def accepts_gzip(request) -> bool:
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def may_compress(request, response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        request_is_anonymous_and_public(request)
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PublicPageGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (``Vary: Accept-Encoding``), for public responses only."""

    def process_response(self, request, response):
        if not may_compress(request, response):
            return response
        return super().process_response(request, response)
