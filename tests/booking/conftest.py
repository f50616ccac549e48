import time

import pytest
from django.core.cache import cache

from content.booking.spam import HONEYPOT_FIELD, new_form_token

URL = "/request-an-appointment/"


def form_token(age_seconds=30):
    """A start token as if the form had been shown this many seconds ago."""
    return new_form_token(now=time.time() - age_seconds)


def valid_data(**overrides):
    data = {
        "name": "Jordan Sample",
        "email": "jordan.sample@example.com",
        "phone": "510-555-0123",
        "contact_method": "email",
        "voicemail_ok": "on",
        "kind": "appointment",
        "preferred_times": "Weekday mornings before ten",
        "note": "Prefer the quiet waiting room please",
        "consent_to_contact": "on",
        "privacy_acknowledged": "on",
        HONEYPOT_FIELD: "",
        "started": form_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture(autouse=True)
def _fresh_rate_limit_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def booking_page(site_content):
    from content.booking.models import BookingPage

    return BookingPage.objects.get(locale__language_code="en")


@pytest.fixture
def make_request(db):
    """Create a stored request directly (for admin and command tests)."""
    from content.booking.models import BookingRequest

    def _make(**fields):
        values = {
            "name": "Riley Example",
            "email": "riley@example.com",
            "phone": "(510) 555-0188",
            "contact_method": "phone",
            "kind": "question",
            "consent_to_contact": True,
            "privacy_acknowledged": True,
        }
        values.update(fields)
        return BookingRequest(**values).save_with_new_reference()

    return _make
