"""The database circuit breaker (content/security/postgresql): with the database black-holed,
only the first connection attempt waits for the connect timeout; later requests get the 503
outage page at once, until a trial connection succeeds."""

import concurrent.futures
import os
import statistics
import time
import urllib.error
import urllib.request

import pytest
from django.db import OperationalError, connection, connections

from content.security.postgresql.base import DatabaseWrapper
from tests import sockets
from tests.live_server import start_gunicorn

CONNECT_TIMEOUT = 2  # psycopg's smallest connect_timeout


def wrapper_for(port, name="kapsite"):
    """A PostgreSQL connection (not yet opened) to 127.0.0.1:port, with the project's backend."""
    settings_dict = {
        **connections.settings["default"],
        "ENGINE": "content.security.postgresql",
        "NAME": name,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "OPTIONS": {"connect_timeout": CONNECT_TIMEOUT},
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
    }
    return DatabaseWrapper(settings_dict, alias="breaker-test")


def timed_connect(wrapper) -> float:
    started = time.monotonic()
    with pytest.raises(OperationalError):
        wrapper.ensure_connection()
    return time.monotonic() - started


@pytest.fixture
def black_hole():
    server = sockets.HangingServer()
    yield server
    server.close()


@pytest.fixture
def may_connect(django_db_blocker):
    """These tests open their own connections to fake servers, never to the test database."""
    with django_db_blocker.unblock():
        yield


def test_after_one_timeout_new_connections_fail_at_once(black_hole, may_connect, caplog):
    caplog.set_level("WARNING", logger="kapsite.security")
    first = timed_connect(wrapper_for(black_hole.port))
    assert first >= CONNECT_TIMEOUT - 0.1  # the first attempt really waited
    assert black_hole.new_connections() == 1
    later = [timed_connect(wrapper_for(black_hole.port)) for _ in range(5)]
    assert max(later) < CONNECT_TIMEOUT / 2
    assert black_hole.new_connections() == 0  # none of them reached the server
    assert caplog.text.count("new connections fail fast") == 1


def test_a_refused_connection_does_not_open_the_breaker(may_connect):
    """A stopped server already fails at once; every request tries again, so the site comes back
    the moment the database does."""
    port = sockets.closed_port()
    for _ in range(3):
        assert timed_connect(wrapper_for(port)) < CONNECT_TIMEOUT / 2
    assert not wrapper_for(port).connection_breaker().is_open


@pytest.mark.django_db
def test_a_trial_connection_closes_the_breaker_when_the_database_answers(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the breaker is part of the PostgreSQL backend only")
    settings.DATABASE_CIRCUIT_BREAKER_SECONDS = 0  # the cool-down is over at once
    real = connection.settings_dict
    wrapper = DatabaseWrapper({**real, "CONN_MAX_AGE": 0}, alias="breaker-test")
    circuit = wrapper.connection_breaker()
    circuit.record_failure()
    assert circuit.is_open
    try:
        wrapper.ensure_connection()  # the trial
        assert not circuit.is_open
    finally:
        wrapper.close()
        circuit.record_success()


def _get(url):
    request = urllib.request.Request(url, headers={"Host": "localhost"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310  loopback
            status, headers, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        status, headers, body = exc.code, dict(exc.headers), exc.read()
    return status, headers, body.decode(), time.monotonic() - started


def concurrent_gets(url, n):
    with concurrent.futures.ThreadPoolExecutor(n) as pool:
        return list(pool.map(lambda _: _get(url), range(n)))


def refuses_trace(base):
    """Started, with the database unreachable: TRACE is refused by the first middleware."""
    request = urllib.request.Request(base + "/", method="TRACE", headers={"Host": "localhost"})
    try:
        urllib.request.urlopen(request, timeout=5)  # noqa: S310  loopback
    except urllib.error.HTTPError:
        return True
    return False


def test_sixteen_concurrent_requests_with_the_database_black_holed(black_hole, collected_static):
    """Production settings under gunicorn (one worker, four threads): the first requests wait for
    the connect timeout, then everything answers the outage page at once."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
        "DJANGO_SETTINGS_MODULE": "kapsite.settings.production",
        "SECRET_KEY": "breaker-test-" + "x" * 40,
        "ALLOWED_HOSTS": "localhost",
        "WAGTAILADMIN_BASE_URL": "https://localhost",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(collected_static),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{black_hole.port}/kapsite",
        "DB_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
        "DB_CIRCUIT_SECONDS": "300",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "4",
    }
    proc, base = start_gunicorn(env, is_up=refuses_trace, wait=90)
    try:
        first = concurrent_gets(base + "/learn/what-is-kap/", 16)
        then = concurrent_gets(base + "/learn/what-is-kap/", 16)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    for status, headers, body, _ in first + then:
        assert status == 503
        assert int(headers["Retry-After"]) > 0
        assert "(510) 555-0142" in body
    # Without the breaker the 16 requests queue behind 4 threads: 4 rounds of 2 s, 8 s.
    assert max(seconds for *_, seconds in first) < 2.5 * CONNECT_TIMEOUT
    # Once the breaker is open, nothing waits for the database.
    assert max(seconds for *_, seconds in then) < CONNECT_TIMEOUT
    assert statistics.median(seconds for *_, seconds in then) < CONNECT_TIMEOUT / 2
