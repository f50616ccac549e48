"""SITE_URL: parsing, and the default Site brought in line by migrate, the command and the loader."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import Site

from content.core import site_url

PUBLIC = "https://kap-clinic.example"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8000", ("http", "127.0.0.1", 8000)),
        ("https://www.example.org", ("https", "www.example.org", 443)),
        ("https://www.example.org/", ("https", "www.example.org", 443)),
        ("http://localhost", ("http", "localhost", 80)),
        ("https://kap-clinic.example:443", ("https", "kap-clinic.example", 443)),
    ],
)
def test_parse_reads_scheme_host_and_port(url, expected):
    assert site_url.parse(url) == expected


def test_normalised_is_written_as_wagtail_writes_a_site_root():
    assert site_url.normalised("https://kap-clinic.example:443/") == "https://kap-clinic.example"
    assert site_url.normalised("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "www.example.org",
        "ftp://www.example.org",
        "https://",
        "https://www.example.org/clinic/",
        "https://www.example.org/?a=1",
        "https://user@www.example.org",
        "https://www.example.org:99999",
        # Wagtail's Site has no scheme: port 443 is https, every other port http.
        "https://www.example.org:8443",
        "http://www.example.org:443",
    ],
)
def test_parse_refuses_anything_but_a_root_address(url):
    with pytest.raises(ImproperlyConfigured):
        site_url.parse(url)


@pytest.mark.django_db
def test_sync_site_url_command_sets_the_default_sites_host_and_port(settings):
    settings.SITE_URL = PUBLIC
    out = io.StringIO()
    call_command("sync_site_url", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("kap-clinic.example", 443)
    assert "localhost:80 -> kap-clinic.example:443" in out.getvalue()
    out = io.StringIO()
    call_command("sync_site_url", stdout=out)
    assert "already matches" in out.getvalue()


@pytest.mark.django_db
def test_every_migrate_applies_the_current_site_url(settings):
    settings.SITE_URL = "https://www.example.org"
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("www.example.org", 443, settings.SITE_URL)


@pytest.mark.django_db
def test_load_initial_content_keeps_the_site_on_site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    call_command("load_initial_content", verbosity=0, stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8000"


@pytest.mark.django_db
def test_page_urls_feed_robots_and_json_ld_use_site_url(client, settings):
    settings.SITE_URL = PUBLIC
    call_command("sync_site_url", stdout=io.StringIO())
    # The request arrives on another host name (an internal address behind the proxy).
    response = client.get("/learn/what-is-kap/", HTTP_HOST="127.0.0.1")
    html = response.content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}/learn/what-is-kap/">' in html
    assert f'"url": "{PUBLIC}/learn/what-is-kap/"' in html
    assert "localhost" not in html and "127.0.0.1" not in html
    robots = client.get("/robots.txt", HTTP_HOST="127.0.0.1").content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots
    feed = client.get("/feeds/articles/", HTTP_HOST="127.0.0.1").content.decode()
    assert f'href="{PUBLIC}/feeds/articles/"' in feed and f'href="{PUBLIC}/"' in feed
    assert "127.0.0.1" not in feed
