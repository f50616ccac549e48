"""Hypothesis fuzzing of query strings, search, directory filters and the booking form.

Each example gives every field of a form a value at once, so N examples means N values per
field: 500 on PostgreSQL (as CI runs it), fewer on SQLite to keep the first run quick.
Targets that live in other apps (search, provider directory, booking) are discovered from
the page tree and the rendered <form> elements, and skipped while they are not installed.
"""

import contextlib
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
    return 500 if connection.vendor == "postgresql" else 60


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


def search_urls() -> list[str]:
    from django.urls import NoReverseMatch, reverse

    urls = page_urls_of_type("SearchPage")
    with contextlib.suppress(NoReverseMatch):
        urls.append(reverse("search"))
    return urls


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


def get_form_targets():
    urls = search_urls() + page_urls_of_type("ProviderDirectoryPage")
    return urls


@pytest.mark.django_db
def test_fuzz_get_forms(client):
    targets = get_form_targets()
    if not targets:
        pytest.skip("no search page or provider directory on this branch yet")
    for url in targets:
        fields, _ = form_fields(client, url, "get")
        assert fields, f"{url} has no GET form"

        @fuzz_settings
        @given(values=st.fixed_dictionaries(dict.fromkeys(fields, anything)))
        def fuzz(values, url=url):
            response = client.get(url, values)
            assert response.status_code < 500, (url, values)

        fuzz()


@pytest.mark.django_db
def test_search_round_trips_unicode(client):
    urls = search_urls()
    if not urls:
        pytest.skip("no search page on this branch yet")

    @fuzz_settings
    @given(q=st.one_of(st.sampled_from(SAMPLES), typed))
    def check(q):
        response = client.get(urls[0], {"q": q})
        assert response.status_code == 200
        box = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "q"})
        assert (
            unicodedata.normalize("NFC", box.get("value", "")) == unicodedata.normalize("NFC", q)
            or box.get("value", "") == q
        )

    check()


# --- The booking form (POST) ----------------------------------------------------------------


@pytest.mark.django_db
def test_fuzz_booking_form_never_5xx():
    urls = page_urls_of_type("BookingPage")
    if not urls:
        pytest.skip("booking app not installed on this branch yet")
    client = Client()
    fields, _ = form_fields(client, urls[0], "post")
    assert fields
    token = client.cookies.get("csrftoken")

    @fuzz_settings
    @given(values=st.fixed_dictionaries(dict.fromkeys(fields, anything)))
    def fuzz(values):
        data = dict(values)
        if token:
            data["csrfmiddlewaretoken"] = token.value
        response = client.post(urls[0], data)
        assert response.status_code < 500

    fuzz()
