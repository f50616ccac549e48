"""What readers expect around an article: contents, previous/next, dates, one disclaimer."""

import pytest
from bs4 import BeautifulSoup
from django.utils.timezone import localtime

from content.articles.models import ArticlePage
from content.core.models import ClinicSettings
from tests.factories import ArticlePageFactory, PersonFactory, TopicFactory, article_index

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _body(headings):
    blocks = []
    for text in headings:
        blocks.append({"type": "heading", "value": {"text": text, "level": "h2"}})
        blocks.append({"type": "paragraph", "value": "<p>Some text.</p>"})
    blocks.append({"type": "heading", "value": {"text": "A sub-heading", "level": "h3"}})
    return blocks


def _article(slug, headings, topic=None, **kwargs):
    page = ArticlePageFactory.build(
        slug=slug,
        body=_body(headings),
        topic=topic,
        author=PersonFactory(),
        clinical_reviewer=PersonFactory(),
        **kwargs,
    )
    article_index().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_contents_link_to_every_main_section(client):
    _article("long-read", ["First part", "Second part", "Third part"], topic=TopicFactory())
    html = soup(client.get("/learn/long-read/"))
    contents = html.select_one("nav.c-contents")
    assert contents.find("h2").get_text(strip=True) == "On this page"
    links = [(a.get_text(strip=True), a["href"]) for a in contents.select("a")]
    assert links == [
        ("First part", "#first-part"),
        ("Second part", "#second-part"),
        ("Third part", "#third-part"),
    ]
    # Every link has its target on the page (sub-headings are not listed).
    for _text, href in links:
        assert html.find(id=href[1:]).name == "h2"


def test_short_pages_have_no_contents(client):
    _article("short-read", ["Only part", "Other part"], topic=TopicFactory())
    assert not soup(client.get("/learn/short-read/")).select(".c-contents")


def test_sample_article_has_contents(client):
    html = soup(client.get("/learn/what-is-kap/"))
    anchors = [a["href"][1:] for a in html.select(".c-contents a")]
    assert len(anchors) >= 3
    assert all(html.find(id=anchor) for anchor in anchors)


def test_previous_and_next_stay_within_the_topic(client):
    topic, other = TopicFactory(name="Pager topic"), TopicFactory(name="Other topic")
    _article("pager-a", ["x"], topic=topic, title="Pager A")
    _article("pager-other", ["x"], topic=other, title="Other topic article")
    _article("pager-b", ["x"], topic=topic, title="Pager B")
    _article("pager-c", ["x"], topic=topic, title="Pager C")

    def pager(slug):
        nav = soup(client.get(f"/learn/{slug}/")).select_one("nav.c-pager")
        if nav is None:
            return None
        return {a["rel"][0]: a["href"] for a in nav.select("a")}

    assert pager("pager-a") == {"next": "/learn/pager-b/"}
    assert pager("pager-b") == {"prev": "/learn/pager-a/", "next": "/learn/pager-c/"}
    assert pager("pager-c") == {"prev": "/learn/pager-b/"}
    assert pager("pager-other") is None  # alone in its topic


def test_unpublished_articles_are_skipped_by_the_pager(client):
    topic = TopicFactory()
    _article("first-of-two", ["x"], topic=topic)
    draft = _article("unpublished-middle", ["x"], topic=topic)
    _article("last-of-two", ["x"], topic=topic)
    draft.unpublish()
    html = soup(client.get("/learn/first-of-two/"))
    assert [a["href"] for a in html.select(".c-pager a")] == ["/learn/last-of-two/"]


def test_published_and_updated_dates_beside_the_review_dates(client):
    page = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    review = soup(client.get(page.url)).select_one(".c-review")
    terms = [dt.get_text(strip=True) for dt in review.select("dt")]
    assert "Page last reviewed" in terms
    assert "Published" in terms and "Updated" in terms
    published = review.find("dt", string="Published").find_next("time")
    assert published["datetime"] == localtime(page.first_published_at).date().isoformat()


def test_disclaimer_appears_once(client, site_content):
    disclaimer = ClinicSettings.for_site(site_content).disclaimer
    for url in ("/learn/what-is-kap/", "/learn/faq/"):
        text = soup(client.get(url)).get_text(" ", strip=True)
        assert text.count(disclaimer) == 1, url


def test_breadcrumb_separators_are_drawn_by_css(client):
    crumbs = soup(client.get("/learn/what-is-kap/")).select_one(".c-breadcrumbs")
    assert "›" not in crumbs.get_text()
    assert [li.get_text(strip=True) for li in crumbs.select("li")] == [
        "Home",
        "Learn about KAP",
        "What is ketamine-assisted psychotherapy?",
    ]


def test_previous_next_and_related_stay_in_the_page_language(client, site_content):
    # Topics are translated snippets, but nothing stops an editor choosing the Spanish topic for
    # an English page: a Spanish reader's previous, next and related links still lead to Spanish
    # pages only.
    spanish = ArticlePage.objects.get(locale__language_code="es", slug="que-es-kap")
    stray = _article("stray-english", ["x"], topic=spanish.topic, title="Stray English article")
    html = soup(client.get(spanish.url))
    links = [a["href"] for a in html.select(".c-pager a, .c-related a")]
    assert links and all(href.startswith("/es/") for href in links), links
    stray_links = [a["href"] for a in soup(client.get(stray.url)).select(".c-pager a")]
    assert all(href.startswith("/learn/") for href in stray_links), stray_links
