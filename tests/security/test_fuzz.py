"""Hypothesis fuzzing of query strings, search, directory filters and the booking form.

Each example gives every field of a form a value at once, so N examples means N values per
field: 500 on PostgreSQL (as CI runs it), fewer on SQLite to keep the first run quick.
Targets that live in other apps (search, provider directory, booking) are found in the page
tree and the URLconf, and their fields are read from the rendered <form> elements, so a new
field is fuzzed without editing this module.
"""

import os
import re
import unicodedata

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import PUBLIC_PAGES


def examples() -> int:
    if "KAPSITE_FUZZ_EXAMPLES" in os.environ:
        return int(os.environ["KAPSITE_FUZZ_EXAMPLES"])
    return 500 if connection.vendor == "postgresql" else 150


def fuzz_settings(func):
    return settings(
        max_examples=examples(),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )(func)


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
anything = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
# Text a person could type: emoji, right-to-left scripts, combining marks; no control chars.
typed = (
    st.text(
        st.characters(exclude_categories=["Cs", "Cc", "Co", "Cn", "Zl", "Zp"]),
        min_size=1,
        max_size=80,
    )
    .map(str.strip)
    .filter(bool)
)
typed_without_format = typed.filter(
    lambda text: not any(unicodedata.category(ch) == "Cf" for ch in text)
)
SAMPLES = ["café 👩🏽‍⚕️", "שלום עולם", "مرحبا", "e\u0301\u0301 n\u0303", "日本語テキスト", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]


def page_urls_of_type(type_name: str) -> list[str]:
    from wagtail.models import Page

    return [
        p.url for p in Page.objects.live().specific() if type(p).__name__ == type_name and p.url
    ]


def form_fields(client, url, method):
    """Names of the fields of the first <form> with this method on the page."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() == method:
            names = {
                tag["name"]
                for tag in form.find_all(["input", "select", "textarea"])
                if tag.get("name") and tag["name"] != "csrfmiddlewaretoken"
            }
            return sorted(names), form
    return [], None


def search_url() -> str:
    from django.urls import reverse

    return reverse("search")


def booking_url() -> str:
    urls = page_urls_of_type("BookingPage")
    assert urls, "the sample content should have a booking page"
    return urls[0]


def directory_url() -> str:
    urls = page_urls_of_type("ProviderDirectoryPage")
    assert urls, "the sample content should have a provider directory"
    return urls[0]


# --- Query strings on every page type -------------------------------------------------------


@pytest.mark.django_db
@fuzz_settings
@given(
    params=st.dictionaries(anything, anything, max_size=4),
    path=st.sampled_from(list(PUBLIC_PAGES.values())),
)
def test_arbitrary_query_strings_never_5xx(client, params, path):
    response = client.get(path, params)
    assert response.status_code < 500
    if any(CONTROL.search(k + v) for k, v in params.items()):
        assert response.status_code == 400
        assert "hidden control characters" in response.content.decode()


@pytest.mark.django_db
@fuzz_settings
@given(page=anything)
def test_article_index_pagination_never_5xx(client, page):
    assert client.get("/learn/", {"page": page}).status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_rejected_with_a_message(client, char):
    response = client.get("/learn/", {"q": f"ketamine{char}"})
    assert response.status_code == 400
    assert "hidden control characters" in response.content.decode()
    # A posted form reports it next to the field and stores nothing (tests/booking).


# --- Search and directory filters (GET forms) -----------------------------------------------


def fuzz_get_form(client, url, fields):
    @fuzz_settings
    @given(values=st.fixed_dictionaries(dict.fromkeys(fields, anything)))
    def fuzz(values):
        response = client.get(url, values)
        assert response.status_code < 500, (url, values)
        if any(CONTROL.search(k + v) for k, v in values.items()):
            assert response.status_code == 400
            assert "hidden control characters" in response.content.decode()
        else:
            assert response.status_code == 200, (url, values)

    fuzz()


@pytest.mark.django_db
def test_fuzz_search_form(client):
    fields, _ = form_fields(client, search_url(), "get")
    assert "q" in fields
    fuzz_get_form(client, search_url(), [*fields, "page"])


@pytest.mark.django_db
def test_fuzz_directory_filters(client):
    url = directory_url()
    response = client.get(url)
    soup = BeautifulSoup(response.content, "html.parser")
    fields = sorted(
        {
            tag["name"]
            for form in soup.find_all("form")
            # the directory's own filter form, not the site search box in the header
            if (form.get("method") or "get").lower() == "get"
            and "c-search-form" not in form.get("class", [])
            for tag in form.find_all(["input", "select"])
            if tag.get("name")
        }
    )
    assert len(fields) >= 2, f"the directory should have filters, found {fields}"
    fuzz_get_form(client, url, [*fields, "page"])


def search_box_value(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    # The results page has one search box, the header's, showing the query (issue 17).
    return soup.select_one("header form[role=search] input[name=q]").get("value", "")


@pytest.mark.django_db
def test_search_round_trips_unicode(client):
    """What a visitor typed comes back in the search box: emoji, right-to-left text and
    combining marks intact. The only changes are the documented ones for matching:
    NFKC (full-width and styled letters become plain ones) and single spaces."""
    url = search_url()

    @fuzz_settings
    @given(q=st.one_of(st.sampled_from(SAMPLES), typed_without_format))
    def check(q):
        response = client.get(url, {"q": q})
        assert response.status_code == 200
        expected = " ".join(unicodedata.normalize("NFKC", q).split())[:200]
        assert search_box_value(response) == expected

    check()
    for sample in ["👩🏽\u200d⚕️ care", "שלום עולם", "مرحبا", "e\u0301 n\u0303"]:
        value = search_box_value(client.get(url, {"q": sample}))
        assert value == unicodedata.normalize("NFKC", sample), sample


# --- The booking form (POST) ----------------------------------------------------------------

BOOKING_TEXT_FIELDS = ["name", "preferred_times", "note"]


@pytest.fixture
def booking_client(settings):
    """A client that has seen the booking form (CSRF cookie), with the rate limit out of the
    way (it is tested in tests/booking and tests/performance)."""
    from django.core.cache import cache

    settings.BOOKING_RATE_LIMIT = "1000000/h"
    cache.clear()
    client = Client(enforce_csrf_checks=True)
    fields, _ = form_fields(client, booking_url(), "post")
    from content.booking.spam import HONEYPOT_FIELD

    assert {"name", "email", "phone", "note", HONEYPOT_FIELD, "started"} <= set(fields)
    client.booking_fields = fields
    yield client
    cache.clear()


def booking_post(client, **values):
    """A submission that passes the spam checks (empty honeypot, a start token 30 s old),
    so every fuzzed value reaches the form's own validation."""
    from tests.booking.conftest import valid_data

    data = valid_data(**values)
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    return client.post(booking_url(), data)


@pytest.mark.django_db
def test_fuzz_booking_form_never_5xx(booking_client):
    from content.booking.models import BookingRequest
    from content.booking.spam import HONEYPOT_FIELD

    fields = [f for f in booking_client.booking_fields if f not in (HONEYPOT_FIELD, "started")]

    @fuzz_settings
    @given(values=st.fixed_dictionaries(dict.fromkeys(fields, anything)))
    def fuzz(values):
        before = BookingRequest.objects.count()
        response = booking_post(booking_client, **values)
        assert response.status_code < 500, values
        if any(CONTROL.search(values.get(f, "")) for f in [*BOOKING_TEXT_FIELDS, "email", "phone"]):
            # The form refuses them next to the field (content.booking.fields), even where
            # str.strip() would have removed them; in choice fields they are simply not a
            # valid choice. CONTROL leaves out tab and line breaks, which the note allows.
            assert response.status_code == 200
            assert "hidden control characters" in response.content.decode()
            assert BookingRequest.objects.count() == before
        elif response.status_code == 302:
            # The spam checks are passed on purpose, so a redirect means a stored request.
            assert BookingRequest.objects.count() == before + 1, values
        else:
            assert response.status_code == 200, values
            assert "There is a problem" in response.content.decode(), values

    fuzz()


@pytest.mark.django_db
def test_booking_form_round_trips_unicode_exactly(booking_client):
    from content.booking.models import BookingRequest

    @fuzz_settings
    @given(
        name=st.one_of(st.sampled_from(SAMPLES), typed),
        times=st.one_of(st.sampled_from(SAMPLES), typed),
        note=st.one_of(st.sampled_from(SAMPLES), typed),
    )
    def check(name, times, note):
        response = booking_post(booking_client, name=name, preferred_times=times, note=note)
        assert response.status_code == 302, response.content.decode()[:2000]
        stored = BookingRequest.objects.latest("pk")
        assert (stored.name, stored.preferred_times, stored.note) == (name, times, note)

    check()
    # The samples once more, each through every text field.
    for sample in SAMPLES:
        for field in BOOKING_TEXT_FIELDS:
            assert booking_post(booking_client, **{field: sample}).status_code == 302
            assert getattr(BookingRequest.objects.latest("pk"), field) == sample, field


@pytest.mark.django_db
@pytest.mark.parametrize("field", [*BOOKING_TEXT_FIELDS, "email", "phone"])
@pytest.mark.parametrize(
    "value",
    [
        *(f"Sam{char}ple" for char in ["\x00", "\x07", "\x1b", "\x7f", "\x85"]),
        # Python's str.strip() counts these as whitespace; Django strips before validating.
        "\x1f",
        " \x1c",
        "Sample\x85",
    ],
)
def test_booking_form_rejects_control_characters_with_a_message(booking_client, field, value):
    from content.booking.models import BookingRequest

    before = BookingRequest.objects.count()
    response = booking_post(booking_client, **{field: value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "hidden control characters" in html
    assert BookingRequest.objects.count() == before


@pytest.mark.django_db
def test_booking_form_validator_rejects_control_characters_too():
    """Behind the middleware, the form itself refuses them (defence in depth)."""
    from content.booking.forms import BookingForm
    from content.booking.validators import CONTROL_MESSAGE
    from tests.booking.conftest import valid_data

    form = BookingForm(valid_data(name="Sam\x00ple", note="a\x1bb"))
    assert not form.is_valid()
    assert CONTROL_MESSAGE in form.errors["name"]  # with Django's own "Null characters..."
    assert form.errors["note"] == [CONTROL_MESSAGE]
