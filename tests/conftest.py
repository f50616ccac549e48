import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import db_snapshot


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the site's initial content (rolled back per test)."""
    with django_db_blocker.unblock():
        call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        db_snapshot.take()


@pytest.fixture
def site_content(db):
    """Named handle on the sample content loaded for the session."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def load_content(transactional_db):
    """For transactional (live server) tests: the initial content, restored from the session's
    snapshot (an earlier transactional test may have emptied the database, see db_snapshot)."""
    db_snapshot.restore()


@pytest.fixture
def redis_database():
    """Opens a real Redis database by URL, empty, and empties it again after the test; the test
    is skipped when Redis is not running."""
    import redis

    opened = []

    def open_database(url):
        connection = redis.Redis.from_url(url)
        try:
            connection.ping()
        except redis.exceptions.ConnectionError:
            pytest.skip(f"Redis is not running at {url}")
        connection.flushdb()
        opened.append(connection)
        return connection

    yield open_database
    for connection in opened:
        connection.flushdb()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English. A request to an /es/ URL activates Spanish for the thread
    (LocaleMiddleware does not switch back), and would otherwise leak into later tests that
    call translated code directly."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _closed_circuit_breakers():
    """Each test starts with no open circuit breaker (content/core/circuit_breaker.py)."""
    from content.core.circuit_breaker import reset_all

    reset_all()


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with an empty whole-page cache (content/performance/page_cache.py), no
    cached fragments (fragments.py) and empty per-process counters (rate limits live in the
    default cache)."""
    from django.core.cache import caches

    from content.core import fragments
    from content.performance import page_cache

    page_cache.purge_all()
    fragments.new_generation()
    if caches["default"].__class__.__name__ == "LocMemCache":
        caches["default"].clear()


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected once per run with production storage (hashed + compressed)."""
    static_root = tmp_path_factory.mktemp("collected-static")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kapsite.settings.production",
        "SECRET_KEY": "collectstatic-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://kapsite.example.com",
        "STATIC_ROOT": str(static_root),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return static_root


def _db_order(item) -> int:
    """pytest-django's ordering: database tests, then transactional ones, then the rest."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return 0 if issubclass(cls, TestCase) else 1
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    transactional = bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    ) or ("transactional_db" in names or "live_server" in names)
    if transactional:
        return 1
    return 0 if (marker or "db" in names) else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Apply the database ordering once more after every other plugin has reordered items.

    Transactional tests (live server, real gunicorn) empty the database when they finish, so
    they must run after all the tests that rely on the session's initial content.
    """
    items.sort(key=_db_order)
