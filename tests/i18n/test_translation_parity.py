"""The English and Spanish editions mirror each other: the sitemap and every page's <head> name
each page's translation, both ways; the Spanish pages are as easy to read as the English ones;
each Spanish article names its translator and its clinical review; unknown language prefixes
are ordinary 404s."""

import pytest
from django.utils import translation
from wagtail.models import Locale, Page

from content.articles.models import ArticlePage
from content.core.models import StandardPage
from content.core.readability import (
    SPANISH_FERNANDEZ_HUERTA_MIN,
    SPANISH_SZIGRISZT_MIN,
    html_to_text,
    spanish_banned_phrases,
    spanish_scores,
)
from content.core.translation import HREFLANG
from content.performance import page_cache
from tests.factories import ArticlePageFactory, article_index

from .conftest import head_alternates, path_of, sitemap, soup_of

pytestmark = pytest.mark.django_db

EN, ES = HREFLANG["en"], HREFLANG["es"]


def is_spanish(url: str) -> bool:
    return path_of(url).startswith("/es/")


# -- (a) the sitemap --------------------------------------------------------------------------


def test_sitemap_lists_both_editions_with_reciprocal_alternates(client):
    entries = sitemap(client)
    english = [loc for loc in entries if not is_spanish(loc)]
    spanish = [loc for loc in entries if is_spanish(loc)]
    indexable = {
        page.get_full_url()
        for page in Page.objects.live().public().filter(depth__gt=1).specific()
        if not page.robots_noindex(None)
    }
    assert set(entries) == indexable  # both editions, nothing else
    assert len(spanish) == len(english) >= 40  # every English page has a Spanish twin

    for loc, alternates in entries.items():
        # Each entry names itself, the other language and x-default (the English page).
        own, other = (ES, EN) if is_spanish(loc) else (EN, ES)
        assert set(alternates) == {EN, ES, "x-default"}, loc
        assert alternates[own] == loc, loc
        assert alternates["x-default"] == alternates[EN], loc
        assert is_spanish(alternates[ES]) and not is_spanish(alternates[EN]), loc
        # The other language's page is listed too, and points back here.
        assert alternates[other] in entries, (loc, alternates[other])
        assert entries[alternates[other]][own] == loc, (loc, alternates[other])
        assert entries[alternates[other]] == alternates, loc

    for loc in english:
        response = client.get(path_of(entries[loc][ES]))
        assert response.status_code == 200, (loc, entries[loc][ES])
    for loc in spanish:
        response = client.get(path_of(entries[loc][EN]))
        assert response.status_code == 200, (loc, entries[loc][EN])


def _add_translated_articles(count, start):
    spanish = Locale.objects.get(language_code="es")
    for number in range(start, start + count):
        page = ArticlePageFactory(parent=article_index(), slug=f"extra-article-{number}")
        page.save_revision().publish()
        translated = page.copy_for_translation(spanish)
        translated.slug = f"articulo-extra-{number}"
        translated.save_revision().publish()


def test_sitemap_queries_do_not_grow_with_the_number_of_pages(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sitemap(client)  # warm per-process caches (content types, site root paths)
    page_cache.purge_all()
    with CaptureQueriesContext(connection) as before:
        assert len(sitemap(client)) >= 90
    _add_translated_articles(15, start=1)
    page_cache.purge_all()
    with django_assert_max_num_queries(len(before)):
        entries = sitemap(client)
    assert "http://localhost/learn/extra-article-15/" in entries
    assert entries["http://localhost/learn/extra-article-15/"][ES].endswith(
        "/es/aprender/articulo-extra-15/"
    )


# -- (b) hreflang in each page's <head> --------------------------------------------------------


def test_head_hreflang_links_are_reciprocal_and_match_the_sitemap(client):
    entries = sitemap(client)
    heads = {}
    for loc in entries:
        response = client.get(path_of(loc))
        assert response.status_code == 200, loc
        heads[loc] = head_alternates(response)
    for loc, alternates in heads.items():
        assert alternates, f"{loc}: no hreflang links"
        assert alternates == entries[loc], loc  # the <head> and the sitemap agree
        for hreflang, target in alternates.items():
            assert target in heads, (loc, hreflang, target)
            back = {lang for lang, href in heads[target].items() if href == loc}
            assert back, f"{target} does not point back to {loc}"
            assert (ES if is_spanish(loc) else EN) in back, (loc, target, back)


# -- (c) Spanish readability ------------------------------------------------------------------


def _spanish_pages():
    spanish = Locale.objects.get(language_code="es")
    pages = [
        *ArticlePage.objects.live().filter(locale=spanish).order_by("path"),
        *StandardPage.objects.live().filter(locale=spanish).order_by("path"),
    ]
    assert len(pages) >= 20
    return pages


def _body_text(page) -> str:
    with translation.override("es"):
        return html_to_text(str(page.body.render_as_block()))


def test_spanish_bodies_and_summaries_are_easy_to_read():
    hard = []
    for page in _spanish_pages():
        for part, text in (("summary", page.summary), ("body", _body_text(page))):
            assert text.strip(), (page.url_path, part)
            szigriszt, fernandez = spanish_scores(text)
            if szigriszt < SPANISH_SZIGRISZT_MIN or fernandez < SPANISH_FERNANDEZ_HUERTA_MIN:
                hard.append((page.url_path, part, round(szigriszt, 1), round(fernandez, 1)))
    assert hard == [], (
        f"below Szigriszt-Pazos {SPANISH_SZIGRISZT_MIN} or Fernández-Huerta "
        f"{SPANISH_FERNANDEZ_HUERTA_MIN}: {hard}"
    )


def test_spanish_pages_use_no_banned_phrases(client):
    found = []
    for page in _spanish_pages():
        soup = soup_of(client.get(page.url))
        main = soup.select_one("main")
        refs = main.select_one(".c-references")
        if refs:
            refs.decompose()  # titles of cited papers are quoted, not our claims
        for text in (main.get_text(" "), page.summary):
            if spanish_banned_phrases(text):
                found.append((page.url_path, spanish_banned_phrases(text)))
    assert found == []


# -- (e) translator and clinical review on Spanish articles -----------------------------------


def test_each_spanish_article_shows_translator_reviewer_and_dates(client):
    spanish = Locale.objects.get(language_code="es")
    articles = ArticlePage.objects.live().filter(locale=spanish)
    assert articles.count() >= 16
    for article in articles:
        assert article.translator and article.clinical_reviewer and article.last_reviewed
        review = soup_of(client.get(article.url)).select_one(".c-review")
        assert review is not None, article.url
        text = review.get_text(" ")
        translator = review.select_one("[data-translator]")
        assert translator is not None and article.translator.name in translator.get_text(), (
            article.url
        )
        assert article.clinical_reviewer.name in text, article.url
        dates = {time["datetime"] for time in review.find_all("time")}
        assert article.last_reviewed.isoformat() in dates, article.url
        assert article.next_review_due.isoformat() in dates, article.url


def test_english_articles_name_no_translator(client):
    review = soup_of(client.get("/learn/what-is-kap/")).select_one(".c-review")
    assert review.select_one("[data-translator]") is None


# -- (f) unknown language prefixes ------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/fr/", "/de/learn/", "/es/no-existe/", "/es/aprender/no-existe/"]
)
def test_unknown_language_prefix_or_spanish_page_is_a_site_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    soup = soup_of(response)
    assert soup.find("h1") and soup.find("main", id="main"), path
    assert soup.select_one(".c-crisis"), "site design with crisis strip"
    assert "Traceback" not in response.content.decode()
