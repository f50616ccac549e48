"""The booking form's per-client limit (``BOOKING_RATE_LIMIT``, e.g. "5/h"), counted first.

Each client address (content/booking/client_ip.py) has one counter. The first counted submission
opens a window (an hour for "5/h"); the counter and the window's start expire together at its
end, which is the time the refusal message gives ("try again after 3:40 PM PST"). A submission takes a slot with the cache's atomic ``add``/``incr`` *before* it is stored,
so concurrent posts from one address cannot all pass a check made before any of them counted. A
submission that is refused, or whose save fails, gives its slot back: only stored requests use up
the limit. With the shared cache (Redis) down, counting falls back to this process's memory, with
a logged warning, rather than refusing or letting everything through.
"""

import datetime
import hashlib
import logging
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache

from .client_ip import ratelimit_key

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}
GROUP = "booking-submit"
# Used only while the shared cache is unreachable.
PROCESS_FALLBACK = LocMemCache("booking-rate-limit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10000}})


def parse_rate(rate: str) -> tuple[int, int]:
    """'5/h' -> (5, 3600); '10/15m' -> (10, 900)."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*", rate or "")
    if not match:
        raise ValueError(f"BOOKING_RATE_LIMIT must look like '5/h', not {rate!r}")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * PERIODS[unit]


def configured_rate() -> tuple[int, int]:
    return parse_rate(settings.BOOKING_RATE_LIMIT)


@dataclass(frozen=True)
class Slot:
    allowed: bool
    resets_at: datetime.datetime  # when the current window ends (UTC)
    key: str
    cache: BaseCache

    def seconds_left(self, now: float | None = None) -> int:
        now = time.time() if now is None else now
        return max(1, int(self.resets_at.timestamp() - now + 0.999))


def _count(cache: BaseCache, key: str, now: float, period: int) -> tuple[int, float]:
    """Count one more in the client's window; returns (count, when the window started)."""
    cache.add(key + ":start", now, timeout=period)  # the first submission opens the window
    if cache.add(key, 1, timeout=period):
        count = 1
    else:
        try:
            count = int(cache.incr(key))
        except ValueError:  # the window ended between add and incr: this one opens a new one
            cache.add(key, 1, timeout=period)
            count = 1
    started = cache.get(key + ":start")
    return count, float(started) if isinstance(started, int | float) else now


def take(request, now: float | None = None) -> Slot:
    """Count this submission for its client; ``allowed`` is False once over the limit."""
    limit, period = configured_rate()
    now = time.time() if now is None else now
    # The address itself is personal data: only a digest goes into the cache key.
    digest = hashlib.sha256(ratelimit_key(GROUP, request).encode()).hexdigest()[:32]
    key = f"{GROUP}:{period}:{digest}"
    cache = caches[settings.RATELIMIT_USE_CACHE]
    try:
        count, started = _count(cache, key, now, period)
    except Exception as exc:  # noqa: BLE001  any cache failure: count in this process instead
        logger.warning(
            "booking rate limit: shared cache unavailable (%s), counting per process",
            type(exc).__name__,
        )
        cache = PROCESS_FALLBACK
        count, started = _count(cache, key, now, period)
    resets_at = datetime.datetime.fromtimestamp(started + period, tz=datetime.UTC)
    return Slot(allowed=count <= limit, resets_at=resets_at, key=key, cache=cache)


def give_back(slot: Slot) -> None:
    """Undo one count (a refused submission, or one that could not be saved)."""
    try:
        slot.cache.decr(slot.key)
    except Exception as exc:  # noqa: BLE001  expired or cache down: nothing to undo
        logger.warning("booking rate limit: could not give a slot back (%s)", type(exc).__name__)
