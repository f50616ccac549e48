"""400/403/404/500 and the CSRF failure page: friendly, in the site design, reveal nothing."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

LEAKS = ["Traceback", "SECRET_KEY", "settings", "/home/", "site-packages", "DATABASES", "Exception"]


def assert_friendly(response, status, heading_fragment):
    assert response.status_code == status
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert heading_fragment in soup.find("h1").get_text()
    assert soup.select_one(".c-crisis"), "site design with crisis strip"
    assert soup.find("main", id="main")
    for leak in LEAKS:
        assert leak not in html, leak


@pytest.mark.django_db
def test_404(client):
    assert_friendly(client.get("/no/such/page/"), 404, "Page not found")


@pytest.mark.django_db
def test_400_for_a_bad_host(client):
    response = client.get("/", headers={"host": "evil.example.net"})
    assert_friendly(response, 400, "could not understand")


@pytest.mark.django_db
def test_403(rf):
    from content.security.views import permission_denied

    assert_friendly(permission_denied(rf.get("/")), 403, "cannot see this page")


@pytest.mark.django_db
def test_500_for_an_unexpected_error(client, monkeypatch):
    from content.core.models import StandardPage

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("secret internals /srv/app/settings.py")

    monkeypatch.setattr(StandardPage, "serve", broken)
    client.raise_request_exception = False
    response = client.get("/about/")
    assert_friendly(response, 500, "something went wrong")
    assert "secret internals" not in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert_friendly(response, 403, "sending the form again")
    assert "CSRF" not in response.content.decode()


@pytest.mark.django_db
def test_django_admin_route_is_off_by_default(client, settings):
    assert settings.DJANGO_ADMIN_ENABLED is False
    assert client.get("/django-admin/").status_code == 404


def test_django_admin_route_appears_only_when_enabled():
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    code = (
        "import django; django.setup(); from django.urls import resolve; "
        "print(resolve('/django-admin/').app_name)"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "kapsite.settings.test",
        "DJANGO_ADMIN_ENABLED": "true",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().endswith("admin")
