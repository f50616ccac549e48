"""The shared cache: django-redis, held by a small backend that keeps the site up when Redis is
down or hanging.

django-redis (``django_redis.cache.RedisCache``) talks to Redis: it reuses one redis-py client per
server (Django's own backend builds a new client, and copies redis-py's table of response
callbacks, on every call: about a quarter of a page-cache hit's time) and takes its socket
timeouts from ``OPTIONS`` (``SOCKET_CONNECT_TIMEOUT``, ``SOCKET_TIMEOUT``: kapsite/settings/base.py).

``RedisCache`` below is a cache backend of its own (Django's ``BaseCache``) that holds a
django-redis cache and calls only its public cache methods. It adds what django-redis lacks:

Failing open. A cache is an accelerator, so an unreachable Redis must make the site slower, never
broken (Wagtail's site lookup, the page and fragment caches and the booking rate limit all call
the cache). When a call fails because Redis cannot be reached (refused, reset, timed out):

- reads answer as a miss (``get`` gives the default, ``get_many`` nothing),
- writes and deletes are skipped,
- counters (``add``, ``incr``, ``decr``, and reads of keys they made) are kept in this process's
  local memory instead, so rate limits keep counting, per process, until Redis is back,

and a warning is logged once per outage (not once per call). (django-redis's
``IGNORE_EXCEPTIONS`` would answer ``None`` to ``incr`` and wait for a timeout on every call.)

Circuit breaker. After a failure, calls skip Redis for ``CIRCUIT_BREAKER_SECONDS`` (a top-level
key of the cache's settings, default 15) instead of each waiting for a timeout: a page under a
Redis outage costs one timeout per process, then renders uncached. When the cool-down ends one
call tries Redis again; if it answers, every call goes back to Redis. The breaker is per Redis
server and per process, shared by every alias that uses the server (default, pages, fragments).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from content.core.circuit_breaker import breaker

logger = logging.getLogger(__name__)

DEFAULT_CIRCUIT_BREAKER_SECONDS = 15
# Errors that mean "Redis cannot be reached": they open the breaker. Other Redis errors (for
# example "OOM command not allowed" under a noeviction policy) fail open for that call only.
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
# Counters kept in local memory during an outage: enough for every client's rate-limit windows.
FALLBACK_MAX_ENTRIES = 10_000
# Other (non-outage) Redis errors are logged at most once a minute per server.
ERROR_LOG_INTERVAL = 60.0

_last_error_log: dict[str, float] = {}
_fallback_warned: set[str] = set()
_log_lock = threading.Lock()


def public_location(server) -> str:
    """The server address for logs: host, port and database, never a password."""
    servers = re.split("[;,]", server) if isinstance(server, str) else list(server)
    shown = []
    for url in servers:
        parts = urlsplit(url)
        host = parts.hostname or parts.path
        shown.append(f"{host}:{parts.port}{parts.path}" if parts.port else f"{host}{parts.path}")
    return ",".join(shown)


class RedisCache(BaseCache):
    """A cache backend (same LOCATION and OPTIONS as django-redis's) failing open with a circuit
    breaker (module docstring)."""

    def __init__(self, server, params):
        super().__init__(params)
        self.redis = DjangoRedisCache(server, params)
        self.breaker_name = "redis:" + (server if isinstance(server, str) else ",".join(server))
        self.location = public_location(server)
        self.breaker_seconds = float(
            params.get("CIRCUIT_BREAKER_SECONDS", DEFAULT_CIRCUIT_BREAKER_SECONDS)
        )
        # Django's local-memory caches with the same name share one store per process.
        self.fallback = LocMemCache(
            f"redis-fallback|{self.breaker_name}|{self.key_prefix}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": self.key_prefix,
                "VERSION": self.version,
                "KEY_FUNCTION": params.get("KEY_FUNCTION"),
                "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES},
            },
        )

    @property
    def client(self):
        """django-redis's client, so ``django_redis.get_redis_connection(alias)`` works."""
        return self.redis.client

    # -- the guard --------------------------------------------------------------------------
    def is_reachable(self) -> bool:
        """False while the breaker is open (Redis failed within the cool-down)."""
        return not breaker(self.breaker_name, self.breaker_seconds).is_open

    def guarded(self, operation: str, call, fallback):
        circuit = breaker(self.breaker_name, self.breaker_seconds)
        if not circuit.allow():
            return fallback()
        try:
            result = call()
        except OUTAGE_ERRORS as exc:
            if circuit.record_failure():
                logger.warning(
                    "Redis at %s is unreachable (%s during %s); the cache is skipped for %ss "
                    "at a time until it answers again (pages render uncached).",
                    self.location,
                    type(exc).__name__,
                    operation,
                    self.breaker_seconds,
                )
            return fallback()
        except (RedisError, ConnectionInterrupted) as exc:
            self.log_error(operation, exc)
            return fallback()
        if circuit.record_success():
            logger.warning("Redis at %s answers again; the cache is back in use.", self.location)
            with _log_lock:
                _fallback_warned.discard(self.breaker_name)
        return result

    def log_error(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        with _log_lock:
            last = _last_error_log.get(self.breaker_name)
            if last is not None and now - last < ERROR_LOG_INTERVAL:
                return
            _last_error_log[self.breaker_name] = now
        logger.warning(
            "Redis at %s refused a %s (%s); the call was skipped.",
            self.location,
            operation,
            type(exc).__name__,
        )

    def counting_locally(self, fallback):
        """Counters during an outage: this process's local memory, with one warning."""

        def local():
            with _log_lock:
                first = self.breaker_name not in _fallback_warned
                _fallback_warned.add(self.breaker_name)
            if first:
                logger.warning(
                    "Redis at %s is unreachable: counters (rate limits) are kept per process "
                    "until it answers again.",
                    self.location,
                )
            return fallback()

        return local

    # -- reads: a miss (or a counter kept locally) ------------------------------------------
    def get(self, key, default=None, version=None):
        return self.guarded(
            "get",
            lambda: self.redis.get(key, default, version),
            lambda: self.fallback.get(key, default, version),
        )

    def get_many(self, keys, version=None):
        return self.guarded(
            "get_many",
            lambda: self.redis.get_many(keys, version),
            lambda: self.fallback.get_many(keys, version),
        )

    def has_key(self, key, version=None):
        return self.guarded(
            "has_key",
            lambda: self.redis.has_key(key, version),
            lambda: self.fallback.has_key(key, version),
        )

    # -- writes: skipped ----------------------------------------------------------------------
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.guarded(
            "set",
            lambda: self.redis.set(key, value, timeout, version),
            lambda: None,
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(
            "set_many",
            lambda: self.redis.set_many(data, timeout, version) or [],
            lambda: list(data),  # Django's contract: the keys that were not stored
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(
            "touch",
            lambda: self.redis.touch(key, timeout, version),
            lambda: self.fallback.touch(key, timeout, version),
        )

    def delete(self, key, version=None):
        return self.guarded(
            "delete",
            lambda: self.redis.delete(key, version),
            lambda: self.fallback.delete(key, version),
        )

    def delete_many(self, keys, version=None):
        return self.guarded(
            "delete_many",
            lambda: self.redis.delete_many(keys, version),
            lambda: self.fallback.delete_many(keys, version),
        )

    def clear(self):
        return self.guarded("clear", self.redis.clear, lambda: False)

    def close(self, **kwargs):
        self.redis.close(**kwargs)

    # -- counters: per process while Redis is away -------------------------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(
            "add",
            lambda: self.redis.add(key, value, timeout, version),
            self.counting_locally(lambda: self.fallback.add(key, value, timeout, version)),
        )

    def incr(self, key, delta=1, version=None):
        return self.guarded(
            "incr",
            lambda: self.redis.incr(key, delta, version),
            self.counting_locally(lambda: self.local_incr(key, delta, version)),
        )

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version)

    def local_incr(self, key, delta, version):
        """A counter Redis held before the outage starts again from zero in this process."""
        try:
            return self.fallback.incr(key, delta, version)
        except ValueError:
            if self.fallback.add(key, delta, version=version):
                return delta
            return self.fallback.incr(key, delta, version)
