"""The production server (gunicorn, production settings) behind a public address that is neither
the default nor the host and port it listens on: every absolute URL on every page type uses
SITE_URL.

Requests reach gunicorn as they would behind a proxy that does not pass the public Host on
(Host: 127.0.0.1:<port>), so a URL built from the request instead of SITE_URL shows up."""

import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection

from tests.performance.test_gunicorn import ROOT, _production_env, start_gunicorn

PUBLIC = "https://kap-clinic.example"
PUBLIC_HOST = "kap-clinic.example"
# Every public page type, and the machine-readable views.
PAGES = [
    "/",
    "/learn/",
    "/learn/what-is-kap/",
    "/learn/what-happens-in-kap/",  # has a lead image: its rendition is the social image
    "/learn/faq/",
    "/about/",
    "/find-a-provider/",
    "/find-a-provider/?location=94612&radius=25",
    "/find-a-provider/lakeside-kap-oakland/",
    "/request-an-appointment/",
    "/search/?q=ketamine",
    "/no-such-page/",
]
FEEDS = ["/sitemap.xml", "/feeds/articles/", "/robots.txt"]
ABSOLUTE_URL = re.compile(r"""https?://[^\s"'<>\\)]+""")
SERVER_NAMES = {"127.0.0.1", "localhost", "testserver", "kapsite.example.com"}


def database_url_for(tmp_path) -> str:
    """A DATABASE_URL another process can open with this test's (committed) content."""
    db = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    path = tmp_path / "site.sqlite3"  # the test database lives in memory: copy it to a file
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    return f"sqlite:///{path}"


def fetch(base, path):
    import urllib.error
    import urllib.request

    port = urlsplit(base).port
    request = urllib.request.Request(
        base + path, headers={"Host": f"127.0.0.1:{port}", "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def media_on_disk(tmp_path):
    """The test's images and renditions (kept in memory storage) as files in a MEDIA_ROOT."""
    from wagtail.images import get_image_model

    media = tmp_path / "media"
    for image in get_image_model().objects.all():
        for stored in [image.file, *(r.file for r in image.renditions.all())]:
            # Memory storage starts empty again after a test that swapped STORAGES; the pages
            # only need the rendition rows (made at load) to write their URLs.
            if not stored.storage.exists(stored.name):
                continue
            target = media / stored.name
            target.parent.mkdir(parents=True, exist_ok=True)
            with stored.open("rb") as source:
                target.write_bytes(source.read())
    return media


@pytest.fixture
def public_server(load_content, tmp_path, collected_static):
    env = _production_env(
        SITE_URL=PUBLIC,
        ALLOWED_HOSTS=f"{PUBLIC_HOST},127.0.0.1",
        DATABASE_URL=database_url_for(tmp_path),
        STATIC_ROOT=str(collected_static),
        MEDIA_ROOT=str(media_on_disk(tmp_path)),
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    # The release step brings the default Site in line with SITE_URL (migrate does it too).
    synced = subprocess.run(
        [sys.executable, "manage.py", "sync_site_url"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert synced.returncode == 0, synced.stderr
    proc, base = start_gunicorn(env)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def own_urls(text):
    """Absolute URLs in a response that point at this site (any of its names)."""
    urls = ABSOLUTE_URL.findall(text)
    return [u for u in urls if urlsplit(u).hostname in SERVER_NAMES | {PUBLIC_HOST}]


@pytest.mark.django_db(transaction=True)
def test_every_absolute_url_on_every_page_type_uses_site_url(public_server):
    seen = {}
    for path in PAGES + FEEDS:
        status, text = fetch(public_server, path)
        assert status == (404 if path == "/no-such-page/" else 200), (path, status)
        wrong = [u for u in own_urls(text) if not u.startswith(PUBLIC + "/")]
        assert wrong == [], f"{path}: {wrong[:5]}"
        seen[path] = text

    for path in PAGES[:-1]:
        soup = BeautifulSoup(seen[path], "html.parser")
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == PUBLIC + path.split("?")[0], path
        for prop in ("og:url", "og:image"):
            content = soup.find("meta", property=prop)["content"]
            assert content.startswith(PUBLIC + "/"), (path, prop, content)
        json_ld = " ".join(s.string for s in soup.find_all("script", type="application/ld+json"))
        assert f'"{PUBLIC}/' in json_ld, path  # the clinic node's url, @id and logo at least
    lead = BeautifulSoup(seen["/learn/what-happens-in-kap/"], "html.parser")
    assert "fill-1200x630" in lead.find("meta", property="og:image")["content"]

    sitemap = ET.fromstring(seen["/sitemap.xml"])  # noqa: S314 (our own response)
    locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) > 20 and all(loc.startswith(PUBLIC + "/") for loc in locs)
    assert f"{PUBLIC}/learn/what-is-kap/" in locs
    feed = ET.fromstring(seen["/feeds/articles/"])  # noqa: S314 (our own response)
    links = [link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert f"{PUBLIC}/feeds/articles/" in links and f"{PUBLIC}/" in links
    assert all(link.startswith(PUBLIC + "/") for link in links)
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in seen["/robots.txt"].splitlines()
