"""A per-process circuit breaker for a service the site can live without for a while.

After a failure the breaker opens: callers skip the service for ``cooldown`` seconds instead of
each waiting for its timeout. When the cool-down ends, one caller is let through as a trial (the
others keep skipping); its success closes the breaker, its failure opens it for another
cool-down. State is kept per process and per name (a Redis server, a database), shared by every
thread, so one timeout in a worker spares that worker's other requests.

Other apps use it (the Redis cache backend, the PostgreSQL backend); core knows none of them.
"""

from __future__ import annotations

import threading
import time

_registry: dict[str, CircuitBreaker] = {}
_registry_lock = threading.Lock()


class CircuitBreaker:
    def __init__(self, name: str, cooldown: float):
        self.name = name
        self.cooldown = cooldown
        self._lock = threading.Lock()
        self._open_until = 0.0  # time.monotonic() when the next trial may go; 0 when closed

    @property
    def is_open(self) -> bool:
        return self._open_until != 0.0

    def allow(self) -> bool:
        """Whether a call may go to the service now (closed, or this caller is the trial)."""
        if self._open_until == 0.0:
            return True
        with self._lock:
            if self._open_until == 0.0:
                return True
            now = time.monotonic()
            if now < self._open_until:
                return False
            # Half-open: this caller tries; the others keep skipping until it reports back.
            self._open_until = now + self.cooldown
            return True

    def record_failure(self) -> bool:
        """Open (or keep open) for a cool-down. True when this failure opened a closed breaker."""
        with self._lock:
            was_closed = self._open_until == 0.0
            self._open_until = time.monotonic() + self.cooldown
            return was_closed

    def record_success(self) -> bool:
        """Close the breaker. True when it was open (the service is back)."""
        if self._open_until == 0.0:
            return False
        with self._lock:
            was_open = self._open_until != 0.0
            self._open_until = 0.0
            return was_open


def breaker(name: str, cooldown: float) -> CircuitBreaker:
    """The process's breaker for ``name`` (created on first use; the cool-down follows settings)."""
    found = _registry.get(name)
    if found is None:
        with _registry_lock:
            found = _registry.setdefault(name, CircuitBreaker(name, cooldown))
    found.cooldown = cooldown
    return found


def reset_all() -> None:
    """Forget every breaker of this process (tests start from closed circuits: a breaker left
    open by an earlier test on a reused port would half-open in the middle of the next one)."""
    with _registry_lock:
        _registry.clear()
