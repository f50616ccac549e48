from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.template.loader import render_to_string

from tests import sockets


@pytest.mark.django_db
def test_unknown_url_gets_the_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("h1").get_text() == "Page not found"
    assert html.select_one(".c-crisis a[href='tel:988']")


def test_500_page_needs_no_database_or_context():
    html = BeautifulSoup(render_to_string("500.html"), "html.parser")
    assert html.find("h1").get_text() == "Sorry, something went wrong"
    assert html.find("a", href="tel:988")


@pytest.mark.django_db
def test_healthz_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    # The test settings have no REDIS_URL: each process has its own local-memory cache.
    assert response.json() == {"status": "ok", "database": "up", "cache": "not configured"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_head_for_load_balancers(client):
    response = client.head("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405


def redis_cache_at(settings, location):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "content.performance.redis_cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        },
    }


@pytest.mark.django_db
def test_healthz_stays_200_and_says_so_when_only_the_cache_is_down(client, settings):
    redis_cache_at(settings, f"redis://127.0.0.1:{sockets.closed_port()}/0")
    for _ in range(2):  # the probe that meets the failure, then one with the breaker open
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "degraded", "database": "up", "cache": "down"}


@pytest.mark.django_db
def test_healthz_reports_a_working_redis(client, settings, redis_database):
    redis_database("redis://127.0.0.1:6379/11")
    redis_cache_at(settings, "redis://127.0.0.1:6379/11")
    assert client.get("/healthz").json() == {"status": "ok", "database": "up", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_down_when_database_fails(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.django_db
def test_sitemap_lists_live_pages(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/learn/what-is-kap/" in body
    assert "<lastmod>" in body
