"""The per-client limit is kept in the shared Redis cache, so every worker and client sees it."""

import pytest
from django.test import Client

from content.booking.models import BookingRequest

from .conftest import URL, valid_data

REDIS_URL = "redis://127.0.0.1:6379/3"


@pytest.fixture
def redis_cache(settings, redis_database):
    connection = redis_database(REDIS_URL)
    settings.CACHES = {
        "default": {
            "BACKEND": "content.performance.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kapsite-test",
        }
    }
    return connection


@pytest.mark.django_db
def test_limit_is_shared_between_clients_and_answers_429(booking_page, redis_cache):
    # Two separate clients (as if served by two gunicorn workers) from the same address.
    first = Client(REMOTE_ADDR="203.0.113.7")
    second = Client(REMOTE_ADDR="203.0.113.7")
    for client in (first, second, first, second, first):
        assert client.post(URL, valid_data()).status_code == 302
    assert redis_cache.dbsize() >= 1  # the counter lives in Redis
    blocked = second.post(URL, valid_data())
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "3600"
    text = blocked.content.decode()
    assert "Please wait before sending again" in text
    assert 'href="tel:988"' in text
    assert BookingRequest.objects.count() == 5

    # Another address is not affected; reading the page is never limited.
    other = Client(REMOTE_ADDR="198.51.100.20")
    assert other.post(URL, valid_data()).status_code == 302
    assert first.get(URL).status_code == 200


@pytest.mark.django_db
def test_forms_with_mistakes_do_not_use_up_the_limit(booking_page, redis_cache):
    client = Client(REMOTE_ADDR="203.0.113.8")
    for _ in range(6):
        assert client.post(URL, valid_data(name="")).status_code == 200
    assert client.post(URL, valid_data()).status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_forwarded_address_is_used(booking_page, redis_cache, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for _ in range(5):
        response = Client(REMOTE_ADDR=proxy).post(
            URL, valid_data(), HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9"
        )
        assert response.status_code == 302
    # Same client with a spoofed left-most entry: still the same counter.
    spoofed = Client(REMOTE_ADDR=proxy).post(
        URL, valid_data(), HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert spoofed.status_code == 429
    # A different visitor behind the same proxy has their own counter.
    other = Client(REMOTE_ADDR=proxy).post(URL, valid_data(), HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other.status_code == 302


def test_client_ip_without_proxy_ignores_the_header(rf, settings):
    from content.booking.client_ip import ratelimit_key
    from content.core.client_ip import client_ip

    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert client_ip(request) == "192.0.2.1"
    request = rf.get("/", REMOTE_ADDR="2001:db8::1234")
    assert ratelimit_key("g", request) == "2001:db8::"
