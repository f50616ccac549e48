"""A Redis outage makes the site slower, never broken: every public page type answers 200 with
Redis refusing connections and with Redis hanging, bookings are stored and confirmed, and after
the first failure each page answers without waiting for Redis again (the circuit breaker)."""

import logging
import time

import pytest

from content.booking.models import BookingRequest
from tests.booking.conftest import URL as BOOKING_URL
from tests.booking.conftest import valid_data

from .conftest import redis_caches

PAGES = {
    "home": "/",
    "article index": "/learn/",
    "article": "/learn/what-is-kap/",
    "faq": "/learn/faq/",
    "standard page": "/about/",
    "directory": "/find-a-provider/",
    "directory (filtered)": "/find-a-provider/?location=94612",
    "provider": "/find-a-provider/chelsea-kap-new-york/",
    "search": "/search/?q=ketamine",
    "booking form": BOOKING_URL,
}
# The Redis socket timeouts in these tests. A page that waited for Redis even once takes longer
# than this; pages that skip Redis take a fraction of it (0.1-0.8 s seen on a busy 2-core machine).
REDIS_TIMEOUT = 2.0


@pytest.fixture(params=["closed", "hanging"])
def redis_down(request, settings):
    """Every cache alias on a Redis that refuses connections, or one that never answers."""
    port = request.getfixturevalue(f"{request.param}_port")
    redis_caches(settings, f"redis://127.0.0.1:{port}/0", timeout=REDIS_TIMEOUT)
    return request.param


def get(client, url):
    started = time.monotonic()
    response = client.get(url, HTTP_HOST="localhost")
    return response, time.monotonic() - started


@pytest.mark.django_db
def test_every_public_page_answers_while_redis_is_down(client, redis_down, caplog, request):
    caplog.set_level(logging.WARNING, logger="content.performance.redis_cache")
    for name, url in PAGES.items():  # the first request meets the failure
        response, _ = get(client, url)
        assert response.status_code == 200, name
        assert b'class="c-nav"' in response.content, name
    hanging = request.getfixturevalue("hanging_server") if redis_down == "hanging" else None
    if hanging is not None:
        assert hanging.new_connections() >= 1  # the first request did try Redis
    timings = {}
    for name, url in PAGES.items():
        response, timings[name] = get(client, url)
        assert response.status_code == 200, name
    slow = {
        name: round(seconds, 2) for name, seconds in timings.items() if seconds >= REDIS_TIMEOUT
    }
    assert slow == {}, f"Redis {redis_down}: pages waited for Redis after the first failure"
    if hanging is not None:
        assert hanging.new_connections() == 0  # the circuit breaker kept every call away
    outage_warnings = [r for r in caplog.records if "is unreachable (" in r.getMessage()]
    assert len(outage_warnings) == 1  # once per outage, not once per call


@pytest.mark.django_db
def test_a_booking_sent_while_redis_is_down_is_stored_and_confirmed(
    client, redis_down, site_content
):
    before = BookingRequest.objects.count()
    response = client.post(BOOKING_URL, valid_data(), HTTP_HOST="localhost")
    assert response.status_code == 302
    assert BookingRequest.objects.count() == before + 1
    confirmation = client.get(response["Location"], HTTP_HOST="localhost")
    assert confirmation.status_code == 200
    assert "request" in confirmation.content.decode().lower()


@pytest.mark.django_db
def test_the_booking_rate_limit_counts_per_process_while_redis_is_down(
    client, settings, closed_port, site_content, caplog
):
    redis_caches(settings, f"redis://127.0.0.1:{closed_port}/0")
    settings.BOOKING_RATE_LIMIT = "5/h"
    caplog.set_level(logging.WARNING, logger="content.performance.redis_cache")
    before = BookingRequest.objects.count()
    statuses = [
        client.post(BOOKING_URL, valid_data(email=f"outage-{n}@example.com")).status_code
        for n in range(7)
    ]
    assert statuses[:5] == [302] * 5
    assert 302 not in statuses[5:] and 500 not in statuses
    assert BookingRequest.objects.count() == before + 5
    assert "counters (rate limits) are kept per process" in caplog.text
