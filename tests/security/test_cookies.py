"""Cookies: none on anonymous pages, only CSRF on forms, production attributes."""

import pytest

from .conftest import PUBLIC_PAGES, production_settings


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_anonymous_public_pages_set_no_cookies(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response


@pytest.mark.django_db
def test_a_form_sets_only_the_csrf_cookie(client, production_security):
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    assert set(response.cookies) == {"__Host-csrftoken"}
    cookie = response.cookies["__Host-csrftoken"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["domain"]


@pytest.mark.django_db
def test_login_sets_a_host_prefixed_secure_session_cookie(client, production_security):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("boss", "boss@example.com", "a-long-passphrase-1")
    client.get("/admin/login/", secure=True)
    response = client.post(
        "/admin/login/",
        {"username": "boss", "password": "a-long-passphrase-1"},
        secure=True,
    )
    assert response.status_code == 302
    cookie = response.cookies["__Host-sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["domain"]


def test_production_cookie_settings():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert values["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["SESSION_COOKIE_AGE"] <= 12 * 3600
    assert values["SECURE_SSL_REDIRECT"] is True
