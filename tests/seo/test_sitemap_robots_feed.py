"""The sitemap, robots.txt, the articles feed and slug-change redirects."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from content.articles.models import ArticlePage
from tests.factories import ArticlePageFactory, article_index

from .conftest import live_pages, publish, soup_of

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }


@pytest.mark.django_db
def test_sitemap_lists_exactly_the_indexable_pages(client, faq_article):
    draft = ArticlePageFactory(parent=article_index(), slug="draft-article", live=False)
    private = publish(ArticlePageFactory(parent=article_index(), slug="staff-only"))
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Staff readers")])

    entries = sitemap_entries(client)
    expected = {
        page.get_full_url()
        for page in live_pages()
        if page.pk != private.pk and not page.robots_noindex(None)
    }
    assert set(entries) == expected
    assert "http://localhost/learn/faq/" in entries
    assert draft.get_full_url() not in entries and private.get_full_url() not in entries
    assert not any("/search/" in loc or loc.endswith("/thanks/") for loc in entries)
    assert all(lastmod and len(lastmod) >= 10 for lastmod in entries.values())


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_blocks_private_paths(
    client, site_content, monkeypatch
):
    # Any page type can list sub-paths crawlers must keep out of (the booking page: thanks/).
    monkeypatch.setattr(
        type(Page.objects.get(locale__language_code="en", slug="about").specific),
        "robots_disallow_subpaths",
        ("thanks/",),
    )
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for directive in ("Disallow: /admin/", "Disallow: /search/", "Disallow: /about/thanks/"):
        assert directive in lines
    assert "Disallow: /" not in lines  # the public site stays crawlable
    sitemap_lines = [line for line in lines if line.startswith("Sitemap: ")]
    assert sitemap_lines == ["Sitemap: http://localhost/sitemap.xml"]
    for line in lines:
        assert line == "" or line.split(":", 1)[0] in {"User-agent", "Disallow", "Sitemap"}


@pytest.mark.django_db
def test_articles_feed_is_valid_atom_with_every_live_article(client, faq_article):
    ArticlePageFactory(parent=article_index(), slug="unpublished-draft", live=False)
    head = soup_of(client.get("/"))
    feed_url = head.find("link", rel="alternate", type="application/atom+xml")["href"]
    response = client.get(feed_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.findtext("a:title", namespaces=ATOM_NS).endswith(": articles")
    assert root.findtext("a:updated", namespaces=ATOM_NS)
    entries = root.findall("a:entry", ATOM_NS)
    live = ArticlePage.objects.live().public().filter(locale__language_code="en")
    links = [e.find("a:link", ATOM_NS).get("href") for e in entries]
    assert sorted(links) == sorted(page.get_full_url() for page in live)
    for entry in entries:
        for field in ("title", "id", "updated", "published", "summary"):
            assert entry.findtext(f"a:{field}", namespaces=ATOM_NS), field


@pytest.mark.django_db
def test_recently_reviewed_article_comes_first_in_the_feed(client):
    import datetime

    from django.utils import timezone

    article = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    article.last_reviewed = timezone.localdate() + datetime.timedelta(days=1)
    article.next_review_due = article.last_reviewed + datetime.timedelta(days=300)
    publish(article)
    root = ET.fromstring(client.get("/feeds/articles/").content)  # noqa: S314
    first = root.find("a:entry", ATOM_NS)
    assert first.findtext("a:title", namespaces=ATOM_NS) == article.title


@pytest.mark.django_db
def test_changing_a_published_article_slug_redirects_the_old_url(
    client, django_capture_on_commit_callbacks
):
    from wagtail.contrib.redirects.models import Redirect

    article = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    article.slug = "about-kap"
    # Wagtail creates the redirect when the publishing transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)
    assert Redirect.objects.filter(old_path="/learn/what-is-kap", redirect_page=article).exists()
    response = client.get("/learn/what-is-kap/")
    assert response.status_code == 301
    assert response["Location"].endswith("/learn/about-kap/")
    assert client.get("/learn/about-kap/").status_code == 200
