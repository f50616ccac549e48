"""100 submissions at once against PostgreSQL through a real (threaded) server."""

import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode
from urllib.request import HTTPRedirectHandler, Request, build_opener

import pytest
from django.db import connection, connections

from content.booking.models import BookingRequest

from .conftest import URL, valid_data

SUBMISSIONS = 100
CONCURRENCY = 30  # simultaneous connections (PostgreSQL here allows 100 for all helpers)
CSRF = "k" * 32  # any well-formed secret works when the cookie and the field agree


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_are_all_stored_with_unique_references(
    live_server, load_content, settings
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    settings.BOOKING_RATE_LIMIT = "10000/h"
    # Each server thread closes its connection after the request instead of keeping it.
    connections.settings["default"]["CONN_MAX_AGE"] = 0
    opener = build_opener(_NoRedirect)
    start = threading.Barrier(CONCURRENCY)

    def submit(i):
        if i < CONCURRENCY:
            start.wait(timeout=30)
        data = valid_data(name=f"Concurrent Person {i}", csrfmiddlewaretoken=CSRF)
        request = Request(
            live_server.url + URL,
            data=urlencode(data).encode(),
            headers={
                "Cookie": f"csrftoken={CSRF}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        # The test server's listen backlog is small (10): a connection it resets before
        # accepting never reached Django, so it is sent again. A duplicate would show below.
        for _attempt in range(5):
            try:
                response = opener.open(request, timeout=60)
                return response.status
            except ConnectionError:
                continue
            except Exception as exc:  # HTTPError for the 302 (redirects are not followed)
                return getattr(exc, "code", repr(exc))
        return "connection refused 5 times"

    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        statuses = list(pool.map(submit, range(SUBMISSIONS)))

    assert statuses == [302] * SUBMISSIONS
    references = list(BookingRequest.objects.values_list("reference", flat=True))
    assert len(references) == SUBMISSIONS
    assert len(set(references)) == SUBMISSIONS
    names = sorted(BookingRequest.objects.values_list("name", flat=True))
    assert names == sorted(f"Concurrent Person {i}" for i in range(SUBMISSIONS))


RATE_REDIS_URL = "redis://127.0.0.1:6379/13"
PARALLEL = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_posts_from_one_address_store_exactly_the_limit(
    live_server, load_content, settings, redis_database
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL): SQLite refuses concurrent writes")
    redis_database(RATE_REDIS_URL)
    settings.CACHES = {
        "default": {
            "BACKEND": "content.performance.redis_cache.RedisCache",
            "LOCATION": RATE_REDIS_URL,
            "KEY_PREFIX": "kapsite-test",
        }
    }
    settings.BOOKING_RATE_LIMIT = "5/h"
    connections.settings["default"]["CONN_MAX_AGE"] = 0
    opener = build_opener(_NoRedirect)
    start = threading.Barrier(PARALLEL)

    def submit(i):
        start.wait(timeout=30)
        data = valid_data(name=f"Parallel Person {i}", csrfmiddlewaretoken=CSRF)
        request = Request(
            live_server.url + URL,
            data=urlencode(data).encode(),
            headers={
                "Cookie": f"csrftoken={CSRF}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        # A connection reset before it was accepted never reached Django (see above).
        for _attempt in range(5):
            try:
                return opener.open(request, timeout=60).status
            except ConnectionError:
                continue
            except Exception as exc:  # HTTPError: the 302 (not followed) or the 429
                return getattr(exc, "code", repr(exc))
        return "connection refused 5 times"

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        statuses = list(pool.map(submit, range(PARALLEL)))

    assert sorted(statuses, key=str) == [302] * 5 + [429] * (PARALLEL - 5)
    assert BookingRequest.objects.count() == 5
