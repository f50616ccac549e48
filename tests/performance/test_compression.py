"""Public pages are sent gzipped and stored gzipped; forms and the admin never are (BREACH)."""

import gzip

ARTICLE = "/learn/what-is-kap/"
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, br", "HTTP_HOST": "localhost"}


def test_a_public_page_is_gzipped_and_a_hit_sends_the_stored_bytes(client, site_content):
    first = client.get(ARTICLE, **GZIP)
    assert (first["X-Page-Cache"], first["Content-Encoding"]) == ("miss", "gzip")
    assert "Accept-Encoding" in first["Vary"]
    html = gzip.decompress(first.content).decode()
    assert "<h1" in html and "</html>" in html
    second = client.get(ARTICLE, **GZIP)
    assert (second["X-Page-Cache"], second["Content-Encoding"]) == ("hit", "gzip")
    # Django's gzip adds random bytes to every compression: equal bytes mean nothing was
    # compressed again for the hit.
    assert second.content == first.content


def test_a_client_without_gzip_gets_its_own_plain_copy(client, site_content):
    client.get(ARTICLE, **GZIP)
    plain = client.get(ARTICLE, HTTP_HOST="localhost")
    assert plain["X-Page-Cache"] == "miss"  # not the compressed copy
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]
    assert b"</html>" in plain.content


def test_a_form_with_a_csrf_token_is_not_compressed(client, site_content):
    response = client.get("/request-an-appointment/", **GZIP)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response


def test_the_admin_and_requests_with_cookies_are_not_compressed(client, site_content):
    assert "Content-Encoding" not in client.get("/admin/login/", **GZIP)
    client.cookies["sessionid"] = "anything"
    response = client.get(ARTICLE, **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
