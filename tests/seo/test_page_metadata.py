"""Per-page metadata: sitemap lastmod, social image, article times, icons and the web manifest."""

import datetime
import json
import xml.etree.ElementTree as ET

import extruct
import pytest
from wagtail.images import get_image_model

from content.articles.models import ArticlePage
from content.core.root_files import MANIFEST_MAX_AGE, ROOT_FILE_MAX_AGE

from .conftest import publish, soup_of

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ARTICLE_WITH_IMAGE = "/learn/what-happens-in-kap/"  # the sample content puts an image in its body


def lastmods(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own response)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }


def meta(soup, prop):
    tag = soup.find("meta", attrs={"property": prop})
    return tag["content"] if tag else None


def cache_seconds(response) -> int:
    directives = [d.strip() for d in response["Cache-Control"].split(",")]
    assert "public" in directives, response["Cache-Control"]
    return next(int(d.split("=", 1)[1]) for d in directives if d.startswith("max-age="))


@pytest.mark.django_db
def test_sitemap_lastmod_is_each_pages_last_publish_and_only_a_republished_page_changes(client):
    before = lastmods(client)
    article = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    assert datetime.datetime.fromisoformat(before[article.full_url]) == article.last_published_at
    publish(article)  # a new revision, published now
    after = lastmods(client)
    assert set(after) == set(before)
    changed = {loc for loc in after if after[loc] != before[loc]}
    assert changed == {article.full_url}
    assert datetime.datetime.fromisoformat(after[article.full_url]) > (
        datetime.datetime.fromisoformat(before[article.full_url])
    )


@pytest.mark.django_db
def test_article_lead_image_is_its_social_image_with_its_size(client):
    soup = soup_of(client.get(ARTICLE_WITH_IMAGE))
    page = ArticlePage.objects.get(locale__language_code="en", slug="what-happens-in-kap")
    image = page.social_image()
    assert image is not None
    rendition = image.get_rendition("fill-1200x630")
    assert meta(soup, "og:image") == "http://localhost" + rendition.url
    assert meta(soup, "og:image:width") == str(rendition.width)
    assert meta(soup, "og:image:height") == str(rendition.height)
    assert soup.find("meta", attrs={"name": "twitter:image"})["content"] == meta(soup, "og:image")

    # An article without an image in its body shares the site default.
    plain = soup_of(client.get("/learn/what-is-kap/"))
    assert meta(plain, "og:image").startswith("http://localhost/static/img/social-default")
    assert (meta(plain, "og:image:width"), meta(plain, "og:image:height")) == ("1200", "630")


@pytest.mark.django_db
def test_a_page_without_images_costs_no_query_for_its_social_image(django_assert_num_queries):
    page = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    with django_assert_num_queries(0):
        assert page.social_image() is None
    assert get_image_model().objects.exists()  # there are images, just none in this body


@pytest.mark.django_db
def test_article_published_and_modified_times_in_meta_and_json_ld(client):
    article = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    first_published = article.first_published_at
    publish(article)  # a later change: modified moves on, published stays
    response = client.get(article.url)
    soup = soup_of(response)
    published, modified = meta(soup, "article:published_time"), meta(soup, "article:modified_time")
    assert datetime.datetime.fromisoformat(published) == first_published
    assert datetime.datetime.fromisoformat(modified) == article.last_published_at
    assert modified > published
    nodes = extruct.extract(response.content.decode(), syntaxes=["json-ld"])["json-ld"]
    medical = next(n for n in nodes if "MedicalWebPage" in json.dumps(n.get("@type")))
    assert (medical["datePublished"], medical["dateModified"]) == (published, modified)
    # Pages that are not articles carry no article times.
    about = soup_of(client.get("/about/"))
    assert meta(about, "article:published_time") is None
    assert meta(about, "og:type") == "website"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/favicon.ico", "image/"),
        ("/apple-touch-icon.png", "image/png"),
        ("/icon-192.png", "image/png"),
        ("/icon-512.png", "image/png"),
    ],
)
def test_site_icons_are_served_at_the_root_with_a_long_cache(client, path, content_type):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert cache_seconds(response) == ROOT_FILE_MAX_AGE >= 365 * 24 * 3600
    assert b"".join(response.streaming_content)[:4] in (b"\x00\x00\x01\x00", b"\x89PNG")


@pytest.mark.django_db
def test_web_manifest_names_the_clinic_and_lists_served_icons(client, site_content):
    response = client.get("/site.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    assert cache_seconds(response) == MANIFEST_MAX_AGE >= 7 * 24 * 3600
    manifest = json.loads(response.content)
    from content.core.models import ClinicSettings

    assert manifest["name"] == ClinicSettings.for_site(site_content).clinic_name
    assert manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200, icon["src"]


@pytest.mark.django_db
def test_every_page_links_its_icons_and_manifest(client):
    soup = soup_of(client.get("/"))
    assert soup.find("link", rel="icon", href="/favicon.ico")
    assert soup.find("link", rel="apple-touch-icon")["href"] == "/apple-touch-icon.png"
    assert soup.find("link", rel="manifest")["href"] == "/site.webmanifest"
