"""Public pages are sent compressed (zstd, brotli or gzip, as the client accepts) and stored
compressed; forms and the admin never are (BREACH)."""

import gzip

import brotli
import pytest
import zstandard

ARTICLE = "/learn/what-is-kap/"
HOST = {"HTTP_HOST": "localhost"}
GZIP_BR = {"HTTP_ACCEPT_ENCODING": "gzip, br", **HOST}


def test_a_public_page_is_compressed_and_a_hit_sends_the_stored_bytes(client, site_content):
    first = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="gzip", **HOST)
    assert (first["X-Page-Cache"], first["Content-Encoding"]) == ("miss", "gzip")
    assert "Accept-Encoding" in first["Vary"]
    html = gzip.decompress(first.content).decode()
    assert "<h1" in html and "</html>" in html
    second = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="gzip", **HOST)
    assert (second["X-Page-Cache"], second["Content-Encoding"]) == ("hit", "gzip")
    # Django's gzip adds random bytes to every compression: equal bytes mean nothing was
    # compressed again for the hit.
    assert second.content == first.content


@pytest.mark.parametrize(
    ("accept", "encoding", "decompress"),
    [
        ("gzip, br", "br", brotli.decompress),
        ("gzip, deflate, br, zstd", "zstd", zstandard.ZstdDecompressor().decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
    ],
)
def test_each_client_gets_the_best_encoding_it_accepts_from_its_own_stored_copy(
    client, site_content, accept, encoding, decompress
):
    first = client.get(ARTICLE, HTTP_ACCEPT_ENCODING=accept, **HOST)
    assert (first["X-Page-Cache"], first["Content-Encoding"]) == ("miss", encoding)
    body = decompress(first.content)
    assert b"</html>" in body
    assert int(first["Content-Length"]) == len(first.content) < len(body) / 2
    second = client.get(ARTICLE, HTTP_ACCEPT_ENCODING=accept, **HOST)
    assert (second["X-Page-Cache"], second["Content-Encoding"]) == ("hit", encoding)
    assert second.content == first.content


def test_a_client_without_compression_gets_its_own_plain_copy(client, site_content):
    client.get(ARTICLE, **GZIP_BR)
    plain = client.get(ARTICLE, **HOST)
    assert plain["X-Page-Cache"] == "miss"  # not the compressed copy
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]
    assert b"</html>" in plain.content


def test_a_form_with_a_csrf_token_is_not_compressed(client, site_content):
    response = client.get("/request-an-appointment/", **GZIP_BR)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response


def test_the_admin_and_requests_with_cookies_are_not_compressed(client, site_content):
    assert "Content-Encoding" not in client.get("/admin/login/", **GZIP_BR)
    client.cookies["sessionid"] = "anything"
    response = client.get(ARTICLE, **GZIP_BR)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
