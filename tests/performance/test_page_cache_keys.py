"""Page-cache keys hold only the query parameters a page reads; every key has a time to live.

On the real Redis (database 11), with the project's backend and settings."""

import uuid

import pytest

from content.providers.forms import DirectoryFilterForm
from content.providers.models import ProviderDirectoryPage

from .conftest import redis_caches

REDIS_URL = "redis://127.0.0.1:6379/11"
ARTICLE = "/learn/what-is-kap/"


@pytest.fixture
def redis_pages(settings, redis_database):
    raw = redis_database(REDIS_URL)
    redis_caches(settings, REDIS_URL)
    return raw


def page_keys(raw):
    return raw.keys("kapsite-pages:*pagecache:page:*")


def get(client, url):
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200, url
    return response["X-Page-Cache"]


def test_a_hundred_random_marketing_parameters_make_one_cache_entry(
    client, site_content, redis_pages
):
    states = [get(client, f"{ARTICLE}?utm_x={uuid.uuid4().hex}") for _ in range(100)]
    assert states[0] == "miss" and set(states[1:]) == {"hit"}
    assert len(page_keys(redis_pages)) == 1
    assert get(client, ARTICLE) == "hit"  # the plain URL shares it
    mixed = f"{ARTICLE}?fbclid=abc&gclid=def&utm_source=news&UTM_Campaign=x"
    assert get(client, mixed) == "hit"
    assert len(page_keys(redis_pages)) == 1


def test_parameters_a_page_does_not_read_are_never_stored(client, site_content, redis_pages):
    for _ in range(20):
        assert get(client, f"{ARTICLE}?x={uuid.uuid4().hex}") == "skip"
    assert page_keys(redis_pages) == []


def test_parameters_the_page_reads_are_keyed_in_any_order(client, site_content, redis_pages):
    assert get(client, "/find-a-provider/?location=94612&radius=25") == "miss"
    assert get(client, "/find-a-provider/?radius=25&location=94612&utm_source=a") == "hit"
    assert get(client, "/find-a-provider/?location=10001&radius=25") == "miss"
    assert get(client, "/learn/?page=1") == "miss"
    assert len(page_keys(redis_pages)) == 3


def test_marketing_parameters_never_reach_the_page(client, site_content, redis_pages):
    """The directory marks filtered views noindex: a campaign link is not a filtered view."""
    filtered = client.get("/find-a-provider/?location=94612", HTTP_HOST="localhost").content
    assert b"noindex" in filtered
    html = client.get("/find-a-provider/?utm_source=news", HTTP_HOST="localhost").content
    assert b"noindex" not in html


def test_the_directory_declares_every_filter_it_reads():
    assert set(ProviderDirectoryPage.cache_query_params) == {
        *DirectoryFilterForm.base_fields,
        "page",
    }


def test_every_key_the_site_writes_has_a_time_to_live(client, site_content, redis_pages):
    from content.core import fragments
    from content.performance import page_cache

    for url in (ARTICLE, "/", "/learn/", "/find-a-provider/", "/healthz"):
        client.get(url, HTTP_HOST="localhost")
    page_cache.purge_paths([ARTICLE])
    page_cache.purge_all()
    fragments.new_generation()
    keys = redis_pages.keys("*")
    assert len(keys) > 5
    without_ttl = [key for key in keys if redis_pages.ttl(key) < 0]
    assert without_ttl == []
