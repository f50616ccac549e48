"""The booking page keeps the site's head tags; its confirmation and rate-limit steps do too,
marked noindex through BasePage.robots_noindex instead of replacing the head."""

import pytest
from django.core.cache import cache

from tests.booking.conftest import valid_data

from .conftest import soup_of

SITE_NAME = "Bayview Ketamine Care (sample clinic)"


@pytest.fixture
def booking_page(site_content):
    from content.booking.models import BookingPage

    cache.clear()
    yield BookingPage.objects.live().get(locale__language_code="en")
    cache.clear()


def head_tags(response):
    soup = soup_of(response)

    def meta(**attrs):
        tag = soup.find("meta", attrs=attrs)
        return tag["content"] if tag else None

    return {
        "title": soup.title.get_text(),
        "description": meta(name="description"),
        "canonical": soup.find("link", rel="canonical")["href"],
        "og:title": meta(property="og:title"),
        "og:url": meta(property="og:url"),
        "og:image": meta(property="og:image"),
        "twitter:card": meta(name="twitter:card"),
        "robots": [tag["content"] for tag in soup.find_all("meta", attrs={"name": "robots"})],
        "json-ld": len(soup.find_all("script", type="application/ld+json")),
    }


def assert_full_head(tags, page):
    assert tags["description"] == page.meta_description
    assert tags["canonical"] == page.get_full_url()
    assert tags["og:title"] == (page.seo_title or page.title)
    assert tags["og:url"] == page.get_full_url()
    assert tags["og:image"].startswith("http")
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["json-ld"] >= 1


@pytest.mark.django_db
def test_booking_form_page_is_indexable_with_full_head(client, booking_page):
    tags = head_tags(client.get(booking_page.url))
    assert tags["title"] == f"{booking_page.seo_title or booking_page.title} | {SITE_NAME}"
    assert_full_head(tags, booking_page)
    assert tags["robots"] == []


@pytest.mark.django_db
def test_confirmation_is_noindex_and_keeps_the_head(client, booking_page):
    response = client.post(booking_page.url, valid_data(), follow=True)
    assert response.redirect_chain and "/thanks/" in response.redirect_chain[-1][0]
    tags = head_tags(response)
    assert tags["title"] == f"Request sent | {SITE_NAME}"
    assert_full_head(tags, booking_page)
    assert tags["robots"] == ["noindex, follow"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.django_db
def test_rate_limited_answer_is_noindex_and_keeps_the_head(client, booking_page, settings):
    settings.BOOKING_RATE_LIMIT = "1/h"
    assert client.post(booking_page.url, valid_data()).status_code == 302
    response = client.post(booking_page.url, valid_data())
    assert response.status_code == 429
    tags = head_tags(response)
    assert_full_head(tags, booking_page)
    assert tags["robots"] == ["noindex, follow"]


@pytest.mark.django_db
def test_robots_noindex_hook_is_per_route(rf, booking_page):
    assert not booking_page.robots_noindex(rf.get(booking_page.url))
    assert booking_page.get_sitemap_urls(rf.get("/"))  # the form page stays in the sitemap
    request = rf.get(booking_page.url + "thanks/")
    booking_page.route(request, ["thanks"])
    assert booking_page.robots_noindex(request)
