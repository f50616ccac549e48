"""Compression for public pages, never for responses that carry a secret.

The stock ``CompressionMiddleware`` of django-compression-middleware picks the best encoding
the client accepts (zstd, then brotli, then gzip; Django's own gzip functions for gzip) and sets
``Vary: Accept-Encoding``. The sample article goes from about 27 KB to under 7 KB (bench/pages.py).

BREACH: compressing a response that holds a secret (a CSRF token, anything of a signed-in
person's) next to text an attacker can put in the page lets the attacker guess the secret from
the compressed sizes. So only responses anyone could fetch are compressed: a request with no
cookie and no Authorization header, outside the admin, and a response that sets no cookie (a
form's CSRF token sets the CSRF cookie, so forms stay uncompressed) and is not private.

The middleware sits just inside PageCacheMiddleware (kapsite/settings/base.py), so the page
cache stores pages already compressed and a hit does no compression work; the page cache keys
a page on the encoding this middleware will choose (``page_cache.chosen_encoding``).
"""

from compression_middleware.middleware import CompressionMiddleware

from .page_cache import request_is_anonymous_and_public


def may_compress(request, response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        request_is_anonymous_and_public(request)
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PublicPageCompressionMiddleware(CompressionMiddleware):
    """The stock compression middleware, for public responses only."""

    def process_response(self, request, response):
        if not may_compress(request, response):
            return response
        return super().process_response(request, response)
