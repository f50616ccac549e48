"""The per-client limit: counted first in the shared Redis cache, so every worker and client
sees it; only stored requests count; a refusal keeps the answers and says when to try again."""

import datetime
import logging
import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from content.booking import rate_limit
from content.booking.models import BookingRequest
from tests.sockets import closed_port

from .conftest import URL, form_token, valid_data

REDIS_URL = "redis://127.0.0.1:6379/13"


def redis_settings(url):
    return {
        "default": {
            "BACKEND": "content.performance.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "kapsite-test",
        }
    }


@pytest.fixture
def redis_cache(settings, redis_database):
    connection = redis_database(REDIS_URL)
    settings.CACHES = redis_settings(REDIS_URL)
    return connection


@pytest.mark.django_db
def test_limit_is_shared_between_clients_and_answers_429(booking_page, redis_cache):
    # Two separate clients (as if served by two gunicorn workers) from the same address.
    first = Client(REMOTE_ADDR="203.0.113.7")
    second = Client(REMOTE_ADDR="203.0.113.7")
    opened = timezone.now()
    for client in (first, second, first, second, first):
        assert client.post(URL, valid_data()).status_code == 302
    assert redis_cache.dbsize() >= 1  # the counter lives in Redis
    assert not any(b"203.0.113.7" in key for key in redis_cache.scan_iter())  # only a digest
    blocked = second.post(URL, valid_data(name="Sam Blocked", note="Please call after four"))
    assert blocked.status_code == 429
    assert 3000 < int(blocked["Retry-After"]) <= 3600
    soup = BeautifulSoup(blocked.content, "html.parser")
    summary = soup.select_one(".c-error-summary").get_text(" ", strip=True)
    # The clinic's phone and the end of the hour that began with the first request, local time.
    until = timezone.localtime(opened + datetime.timedelta(hours=1))
    match = re.search(
        r"You have sent several requests in the last hour\. Please call us at "
        r"\(510\) 555-0142 or try again after (\d{1,2}):(\d\d) ([AP]M) (P[SD]T)\.",
        summary,
    )
    assert match, summary
    shown = datetime.datetime.strptime(f"{match[1]}:{match[2]} {match[3]}", "%I:%M %p")
    minutes = shown.hour * 60 + shown.minute - (until.hour * 60 + until.minute)
    assert minutes % (24 * 60) in (0, 1), (summary, until)
    assert match[4] == until.strftime("%Z")
    # What was typed is still there.
    assert soup.find("input", attrs={"name": "name"})["value"] == "Sam Blocked"
    assert soup.find("textarea", attrs={"name": "note"}).get_text().strip() == (
        "Please call after four"
    )
    assert soup.find("input", attrs={"name": "consent_to_contact"}).has_attr("checked")
    assert soup.select_one('.c-booking-crisis a[href="tel:988"]')
    assert BookingRequest.objects.count() == 5

    # Another address is not affected; reading the page is never limited.
    other = Client(REMOTE_ADDR="198.51.100.20")
    assert other.post(URL, valid_data()).status_code == 302
    assert first.get(URL).status_code == 200


@pytest.mark.django_db
def test_refused_and_unsaved_submissions_do_not_use_up_the_limit(booking_page, redis_cache):
    client = Client(REMOTE_ADDR="203.0.113.8")
    for _ in range(6):
        assert client.post(URL, valid_data(name="")).status_code == 200  # a mistake
        assert client.post(URL, valid_data(started=form_token(0))).status_code == 200  # too fast
    assert [client.post(URL, valid_data()).status_code for _ in range(7)] == [302] * 5 + [429] * 2
    assert BookingRequest.objects.count() == 5


@pytest.mark.django_db
def test_a_request_that_could_not_be_saved_does_not_count(booking_page, redis_cache, settings):
    from django.db import OperationalError, connection

    settings.BOOKING_RATE_LIMIT = "1/h"

    def refuse_booking_inserts(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and "booking_bookingrequest" in sql:
            raise OperationalError("could not write (simulated outage)")
        return execute(sql, params, many, context)

    client = Client(REMOTE_ADDR="203.0.113.11")
    with connection.execute_wrapper(refuse_booking_inserts):
        assert [client.post(URL, valid_data()).status_code for _ in range(3)] == [503] * 3
    assert client.post(URL, valid_data()).status_code == 302
    assert client.post(URL, valid_data()).status_code == 429
    assert BookingRequest.objects.count() == 1


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


def test_a_slot_given_back_is_free_again(rf, settings, redis_database):
    redis_database(REDIS_URL)
    settings.CACHES = redis_settings(REDIS_URL)
    settings.BOOKING_RATE_LIMIT = "2/h"
    request = rf.post(URL, REMOTE_ADDR="192.0.2.44")
    assert rate_limit.take(request).allowed
    assert rate_limit.take(request).allowed
    third = rate_limit.take(request)
    assert not third.allowed
    rate_limit.give_back(third)
    rate_limit.give_back(rate_limit.take(request))  # still refused, given back again
    second_slot = rate_limit.take(request)
    assert not second_slot.allowed
    # A stored one that failed to save gives its slot back, and the next one fits.
    rate_limit.give_back(second_slot)
    settings.BOOKING_RATE_LIMIT = "3/h"
    assert rate_limit.take(request).allowed
    assert not rate_limit.take(request).allowed


def test_with_the_shared_cache_down_the_limit_still_counts_per_process(rf, settings, caplog):
    # A port of its own, so no earlier test has already opened this server's breaker (which
    # would skip the warning: it is said once per outage and process).
    settings.CACHES = redis_settings(f"redis://127.0.0.1:{closed_port()}/0")
    settings.BOOKING_RATE_LIMIT = "2/h"
    rate_limit.PROCESS_FALLBACK.clear()
    request = rf.post(URL, REMOTE_ADDR="192.0.2.45")
    with caplog.at_level(logging.WARNING):
        assert [rate_limit.take(request).allowed for _ in range(3)] == [True, True, False]
    # Said once in the log (by the cache backend, or by rate_limit.py when the backend raises).
    assert any(r.levelno == logging.WARNING for r in caplog.records)
    rate_limit.PROCESS_FALLBACK.clear()


@pytest.mark.parametrize(
    ("rate", "parsed"), [("5/h", (5, 3600)), ("10/15m", (10, 900)), (" 3 / d ", (3, 86400))]
)
def test_rate_setting_is_parsed(rate, parsed):
    assert rate_limit.parse_rate(rate) == parsed


def test_a_malformed_rate_setting_is_refused():
    with pytest.raises(ValueError, match="BOOKING_RATE_LIMIT"):
        rate_limit.parse_rate("five an hour")


def test_client_ip_without_proxy_ignores_the_header(rf, settings):
    from content.booking.client_ip import ratelimit_key
    from content.core.client_ip import client_ip

    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert client_ip(request) == "192.0.2.1"
    request = rf.get("/", REMOTE_ADDR="2001:db8::1234")
    assert ratelimit_key("g", request) == "2001:db8::"
