"""Django's PostgreSQL backend, failing fast while the database cannot be reached.

When the database is black-holed (packets dropped, a server that accepts and never answers),
every new connection waits for the whole ``connect_timeout``, and each waiting request holds a
server thread: requests queue up behind one another. Here, after a connection attempt fails,
later attempts to the same database fail at once for ``DATABASE_CIRCUIT_BREAKER_SECONDS`` (the
usual ``OperationalError``, so the calm 503 outage page with Retry-After and the clinic phone
answers: content.security.outage). When the cool-down ends, one attempt is let through as a
trial; if it connects, the breaker closes. Only slow failures open the breaker: a refused
connection (the server is stopped) already fails at once, and trying again on each request lets
the site come back the moment the database does. Only connecting is guarded: an error in a query
on a working connection (a deadlock, a statement timeout) never opens the breaker.

Enabled in kapsite/settings/base.py as ENGINE "content.security.postgresql" (Django's documented
way to customise a backend: subclass its DatabaseWrapper).
"""

import logging
import time

from django.conf import settings
from django.db.backends.postgresql import base

from content.core.circuit_breaker import breaker

logger = logging.getLogger("kapsite.security")

DEFAULT_CIRCUIT_BREAKER_SECONDS = 10
# A failed attempt that took at least this long (waiting on an unanswering server) opens the
# breaker; quicker failures (connection refused) do not.
SLOW_FAILURE_SECONDS = 0.5


class DatabaseWrapper(base.DatabaseWrapper):
    def connection_breaker(self):
        target = self.settings_dict
        name = f"postgresql:{target['HOST']}:{target['PORT']}/{target['NAME']}"
        seconds = getattr(
            settings, "DATABASE_CIRCUIT_BREAKER_SECONDS", DEFAULT_CIRCUIT_BREAKER_SECONDS
        )
        return breaker(name, seconds)

    def get_new_connection(self, conn_params):
        circuit = self.connection_breaker()
        if not circuit.allow():
            raise self.Database.OperationalError(
                "database unreachable moments ago; not trying again until the cool-down ends"
            )
        started = time.monotonic()
        try:
            connection = super().get_new_connection(conn_params)
        except self.Database.OperationalError as exc:
            slow = time.monotonic() - started >= SLOW_FAILURE_SECONDS
            if (slow or circuit.is_open) and circuit.record_failure():
                logger.warning(
                    "Database %s unreachable (%s); new connections fail fast for %ss at a time "
                    "until it answers.",
                    self.alias,
                    type(exc).__name__,
                    circuit.cooldown,
                )
            raise
        if circuit.record_success():
            logger.warning("Database %s answers again.", self.alias)
        return connection
