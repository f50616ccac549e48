"""Shared cache for what many pages show: navigation, footer, breadcrumbs, site settings.

A page-cache miss (after a publish, or for a page with a query string) should not pay again for
the parts it shares with every other page. Each entry's key carries a generation token; every
change that purges the page cache starts a new generation at the same moment (the performance
app calls ``new_generation``), so no entry outlives the content it was made from. Old entries are never
read again and expire on their own (FRAGMENT_CACHE_SECONDS). The generation token expires too
(twice that), so every key has a time to live; a new token simply starts a new generation.

Previews are never served from, or stored in, this cache. When the cache is unreachable the
page is simply rendered in full. FRAGMENT_CACHE_SECONDS = 0 turns it off (the test settings do,
except in tests/performance).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

ALIAS = "fragments"
GENERATION_KEY = "fragments:generation"
T = TypeVar("T")


def _seconds() -> int:
    return settings.FRAGMENT_CACHE_SECONDS


def _generation_timeout() -> int:
    return max(2 * _seconds(), 60)


def _generation(cache, request=None) -> str:
    """The current generation, read once per request when the request is known."""
    token = getattr(request, "_fragment_generation", None)
    if token is not None:
        return token
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, token, timeout=_generation_timeout()):
            token = cache.get(GENERATION_KEY) or token
    if request is not None:
        request._fragment_generation = token
    return token


def new_generation() -> None:
    """Forget every fragment (called with each page-cache purge)."""
    try:
        caches[ALIAS].set(GENERATION_KEY, uuid.uuid4().hex, timeout=_generation_timeout())
    except Exception:
        logger.exception("could not start a new fragment-cache generation")


def key_for(name: str, *vary_on) -> str:
    raw = "|".join(str(part) for part in vary_on)
    return f"{name}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


def cached(name: str, make: Callable[[], T], *, request=None) -> T:
    """The stored value for ``name`` in this generation, else ``make()`` (stored for next time)."""
    seconds = _seconds()
    if seconds <= 0 or getattr(request, "is_preview", False):
        return make()
    try:
        cache = caches[ALIAS]
        # Per language: the same fragment in Spanish has other words and links.
        key = f"fragments:{_generation(cache, request)}:{get_language()}:{name}"
        value = cache.get(key)
    except Exception:
        logger.warning("fragment cache unavailable", exc_info=True)
        return make()
    if value is None:
        value = make()
        try:
            cache.set(key, value, seconds)
        except Exception:
            logger.warning("could not store a fragment", exc_info=True)
    return value
