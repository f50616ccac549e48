"""Security headers on every public page type and the looser, documented admin policy."""

import pytest

from .conftest import PUBLIC_PAGES


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_pages_send_strict_headers(client, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    for value in csp["script-src"]:
        assert value == "'self'" or value.startswith("'nonce-")

    hsts = response["Strict-Transport-Security"]
    max_age = int(hsts.split("max-age=")[1].split(";")[0])
    assert max_age >= 365 * 24 * 3600
    assert "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"

    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "fullscreen"):
        assert f"{feature}=()" in permissions
    assert "=(self" not in permissions and "*" not in permissions


@pytest.mark.django_db
def test_nonce_is_fresh_per_response_and_only_when_used(client, rf):
    from django.http import HttpResponse
    from django.template import engines

    from content.security.middleware import KapsiteCSPMiddleware

    template = engines["django"].from_string(
        '<script nonce="{{ request.csp_nonce }}">let a = 1;</script>'
    )

    def view(request):
        return HttpResponse(template.render({}, request))

    middleware = KapsiteCSPMiddleware(view)
    nonces = set()
    for _ in range(2):
        request = rf.get("/")
        middleware.process_request(request)
        response = middleware.process_response(request, view(request))
        script_src = csp_directives(response["Content-Security-Policy"])["script-src"]
        nonce = [v for v in script_src if v.startswith("'nonce-")]
        assert len(nonce) == 1
        assert f'nonce="{nonce[0][7:-1]}"' in response.content.decode()
        nonces.add(nonce[0])
    assert len(nonces) == 2
    plain = client.get("/learn/what-is-kap/")
    assert "nonce-" not in plain["Content-Security-Policy"]


@pytest.mark.django_db
def test_built_policies_follow_settings_and_per_view_changes(client, settings):
    """A changed setting or a view's own change (django-csp's decorators) reaches the header."""
    from csp.decorators import csp, csp_update
    from django.http import HttpResponse
    from django.test import RequestFactory

    from content.security.middleware import KapsiteCSPMiddleware

    first = client.get("/learn/what-is-kap/")["Content-Security-Policy"]
    assert client.get("/learn/what-is-kap/")["Content-Security-Policy"] == first
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'"]}
    }
    changed = csp_directives(client.get("/learn/what-is-kap/")["Content-Security-Policy"])
    assert changed["img-src"] == ["'self'"]

    @csp_update({"img-src": ["https://images.example.org"]})
    def view(request):
        return HttpResponse("ok")

    middleware = KapsiteCSPMiddleware(view)
    request = RequestFactory().get("/")
    middleware.process_request(request)
    updated = middleware.process_response(request, view(request))["Content-Security-Policy"]
    assert "https://images.example.org" in csp_directives(updated)["img-src"]
    request = RequestFactory().get("/")
    middleware.process_request(request)
    plain = middleware.process_response(request, HttpResponse("ok"))["Content-Security-Policy"]
    assert "https://images.example.org" not in plain

    # A view's own whole policy replaces the public one for its response only.
    for n in range(3):
        response = csp({"default-src": ["'self'"], "img-src": [f"https://{n}.example.org"]})(
            lambda request: HttpResponse("ok")
        )(request)
        request = RequestFactory().get("/")
        middleware.process_request(request)
        header = middleware.process_response(request, response)["Content-Security-Policy"]
        assert f"https://{n}.example.org" in header


@pytest.mark.django_db
def test_admin_gets_its_own_documented_policy(admin_client):
    response = admin_client.get("/admin/", secure=True)
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    # Looser where the Wagtail admin needs it (inline scripts and styles) ...
    assert "'unsafe-inline'" in csp["script-src"]
    assert "'unsafe-inline'" in csp["style-src"]
    # ... but still self-only, no plugins, no <base>, framable only by itself (preview).
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_admin_login_page_is_no_store(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_public_article_is_not_marked_no_store(client):
    response = client.get("/learn/what-is-kap/")
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_pages_can_opt_in_to_no_store(client, monkeypatch):
    from content.articles.models import ArticlePage

    monkeypatch.setattr(ArticlePage, "cache_no_store", True, raising=False)
    response = client.get("/learn/what-is-kap/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_page_type_asks_for_no_store_with_an_attribute(client, monkeypatch):
    from content.articles.models import ArticlePage

    assert "no-store" not in client.get("/learn/what-is-kap/").get("Cache-Control", "")
    monkeypatch.setattr(ArticlePage, "cache_no_store", True, raising=False)
    assert "no-store" in client.get("/learn/what-is-kap/")["Cache-Control"]


@pytest.mark.django_db
def test_booking_pages_are_no_store_when_booking_is_installed(client):
    from django.apps import apps

    if not apps.is_installed("content.booking"):
        pytest.skip("booking app not installed on this branch")
    from wagtail.models import Page

    booking_pages = [p for p in Page.objects.live() if type(p.specific).__name__ == "BookingPage"]
    assert booking_pages, "the sample content should have a booking page"
    response = client.get(booking_pages[0].url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["TRACE", "TRACK", "CONNECT", "PROPFIND", "FOO"])
@pytest.mark.parametrize("url", ["/", "/learn/what-is-kap/", "/admin/", "/no-such-page/"])
def test_trace_and_unknown_methods_are_405(client, method, url):
    response = client.generic(method, url)
    assert response.status_code == 405
    assert "Allow" in response


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"])
def test_other_methods_on_public_pages_are_never_5xx(client, method):
    response = client.generic(method, "/learn/what-is-kap/")
    assert response.status_code < 500
