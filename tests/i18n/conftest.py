"""Helpers for the Spanish edition's parity tests.

The content is the session's initial content (tests/conftest.py: ``load_initial_content`` once,
then each test in a rolled-back transaction), so English and Spanish pages are the ones a
``make run`` builds.
"""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def path_of(url: str) -> str:
    return urlsplit(url).path


def sitemap(client) -> dict[str, dict[str, str]]:
    """{location: {hreflang: alternate location}} from /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    entries = {}
    for url in root.findall(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc")
        links = url.findall(f"{{{XHTML_NS}}}link")
        assert all(link.get("rel") == "alternate" for link in links), loc
        hreflangs = [link.get("hreflang") for link in links]
        assert len(hreflangs) == len(set(hreflangs)), (loc, hreflangs)
        entries[loc] = {link.get("hreflang"): link.get("href") for link in links}
    return entries


def head_alternates(response) -> dict[str, str]:
    """{hreflang: href} of the <link rel="alternate" hreflang> tags in a page's <head>."""
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        link["hreflang"]: link["href"]
        for link in soup.head.find_all("link", rel="alternate")
        if link.get("hreflang")
    }


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")
