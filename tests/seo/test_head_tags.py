"""Every page: title, description, canonical, social cards, lang and robots."""

import pytest

from content.core.models import StandardPage

from .conftest import live_pages, soup_of

SITE_NAME = "Bayview Ketamine Care (sample clinic)"


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return soup_of(response)


def meta(soup, **attrs):
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


@pytest.mark.django_db
def test_every_page_has_complete_unique_metadata(client, faq_article):
    pages = live_pages()
    assert "/learn/faq/" in [page.url for page in pages] and len(pages) >= 8
    titles, descriptions = {}, {}
    for page in pages:
        url = page.url
        soup = head(client, url)
        title = soup.title.get_text()
        assert title == f"{page.seo_title or page.title} | {SITE_NAME}"
        description = meta(soup, name="description")
        assert description and description == page.meta_description, url
        titles.setdefault(title, []).append(url)
        descriptions.setdefault(description, []).append(url)
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == page.get_full_url() and canonical.startswith("http")
        assert soup.html["lang"] == page.locale.language_code
        assert meta(soup, property="og:title") == (page.seo_title or page.title)
        assert meta(soup, property="og:url") == canonical
        assert meta(soup, property="og:description") == description
        assert meta(soup, property="og:image").startswith("http")
        assert meta(soup, property="og:image:width") == "1200"
        assert meta(soup, name="twitter:card") == "summary_large_image"
        assert meta(soup, name="twitter:image") == meta(soup, property="og:image")
        assert meta(soup, name="robots") is None, f"{url} should be indexable"
        feed = soup.find("link", rel="alternate", type="application/atom+xml")
        assert feed["href"] == "/feeds/articles/"
    assert all(len(v) == 1 for v in titles.values()), titles
    assert all(len(v) == 1 for v in descriptions.values()), descriptions


@pytest.mark.django_db
def test_default_social_image_is_a_real_static_file(client):
    soup = head(client, "/about/")
    image_path = meta(soup, property="og:image").split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + image_path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


@pytest.mark.django_db
def test_social_image_from_clinic_settings_is_a_rendition(client, site_content):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from content.core.models import ClinicSettings

    image = Image.objects.create(title="Clinic waiting room", file=get_test_image_file())
    clinic = ClinicSettings.for_site(site_content)
    clinic.default_social_image = image
    clinic.save()
    soup = head(client, "/about/")
    url = meta(soup, property="og:image")
    assert "fill-1200x630" in url and url.startswith("http://localhost/")
    assert meta(soup, property="og:image:alt") == "Clinic waiting room"


@pytest.mark.django_db
def test_robots_noindex_hook_adds_meta_and_leaves_the_sitemap(client, monkeypatch):
    monkeypatch.setattr(
        StandardPage, "robots_noindex", lambda self, request: self.slug == "privacy"
    )
    soup = head(client, "/privacy/")
    assert meta(soup, name="robots") == "noindex, follow"
    assert meta(head(client, "/about/"), name="robots") is None
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/privacy/" not in sitemap and "/about/" in sitemap


@pytest.mark.django_db
def test_search_page_is_noindex_with_its_own_title(client):
    soup = head(client, "/search/?q=ketamine")
    assert meta(soup, name="robots") == "noindex, follow"
    assert soup.title.get_text() == f"Search results for “ketamine” | {SITE_NAME}"
    assert soup.find("link", rel="canonical")["href"] == "http://localhost/search/"
