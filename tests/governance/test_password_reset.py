"""Admin password reset: e-mails throttled per address and per account, the same neutral page."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.urls import reverse

from .conftest import make_user

pytestmark = pytest.mark.django_db
RESET = reverse("wagtailadmin_password_reset")
DONE = reverse("wagtailadmin_password_reset_done")


@pytest.fixture(autouse=True)
def _fresh_counters():
    caches[settings.RATELIMIT_USE_CACHE].clear()
    yield
    caches[settings.RATELIMIT_USE_CACHE].clear()


def request_reset(client, email, address="203.0.113.20"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_ten_requests_for_one_account_send_at_most_three_emails(client):
    make_user("lena", "Editors")
    answers = [request_reset(client, "lena@example.com") for _ in range(10)]
    # Every answer is the same neutral redirect to "check your e-mail".
    assert {(r.status_code, r["Location"]) for r in answers} == {(302, DONE)}
    assert len(mail.outbox) == 3
    assert {m.to[0] for m in mail.outbox} == {"lena@example.com"}


def test_one_address_asking_for_many_accounts_is_limited(client):
    emails = []
    for i in range(8):
        make_user(f"staff{i}", "Editors")
        emails.append(f"staff{i}@example.com")
    answers = [request_reset(client, email) for email in emails]
    assert {(r.status_code, r["Location"]) for r in answers} == {(302, DONE)}
    assert len(mail.outbox) == 5
    # Another address still gets its e-mail.
    request_reset(client, "staff7@example.com", address="198.51.100.30")
    assert len(mail.outbox) == 6


def test_unknown_and_throttled_accounts_look_the_same(client):
    unknown = request_reset(client, "nobody@example.com", address="198.51.100.40")
    make_user("lena", "Editors")
    for _ in range(3):
        request_reset(client, "lena@example.com", address="198.51.100.41")
    throttled = request_reset(client, "LENA@example.com", address="198.51.100.41")
    assert (unknown.status_code, unknown["Location"]) == (
        throttled.status_code,
        throttled["Location"],
    )
    assert len(mail.outbox) == 3


def test_reset_page_still_answers_with_redis_closed(client, settings):
    """The counters live in the shared cache; with Redis unreachable the page still answers."""
    make_user("lena", "Editors")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "content.performance.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/10",  # nothing listens on port 1
        },
    }
    response = request_reset(client, "lena@example.com", address="198.51.100.50")
    assert (response.status_code, response["Location"]) == (302, DONE)
