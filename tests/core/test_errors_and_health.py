from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.template.loader import render_to_string


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
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_down_when_database_fails(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


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
