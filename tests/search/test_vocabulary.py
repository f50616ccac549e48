"""The spelling vocabulary and "Did you mean": words from titles, headings, glossary terms and
taxonomy names; trigram similarity on PostgreSQL, edit distance elsewhere."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from content.sitesearch import vocabulary
from content.sitesearch.models import SearchTerm
from content.sitesearch.tasks import rebuild_vocabulary
from tests.factories import ArticlePageFactory, article_index


def page_soup(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def known_words():
    return set(SearchTerm.objects.values_list("word", flat=True))


@pytest.mark.django_db
def test_vocabulary_comes_from_titles_headings_glossary_and_taxonomies():
    words = known_words()
    assert "ketamine" in words  # page titles
    assert "dissociation" in words  # a glossary term (a heading in the glossary)
    assert "medicaid" in words  # an insurance option
    assert "cantonese" in words  # a language
    assert not {"does", "what", "the"} & words  # no stop words
    assert "nausea" not in words  # body text is not in the vocabulary


@pytest.mark.django_db
def test_closest_words_on_this_database():
    closest = vocabulary.closest_words(["sprvato", "ketmaine", "ketamine", "xq"])
    assert closest["sprvato"][0] == "spravato"
    assert closest["ketmaine"][0] == "ketamine"
    assert closest["ketamine"] == []  # known words are not corrected
    assert closest["xq"] == []  # too short to guess


@pytest.mark.django_db
def test_the_edit_distance_fallback_finds_the_same_words():
    terms = SearchTerm.objects.filter(locale__language_code="en")
    assert vocabulary._closest_by_edits(terms, "sprvato")[0][0] == "spravato"
    assert vocabulary._closest_by_edits(terms, "efects")[0][0] == "effects"
    assert vocabulary._closest_by_edits(terms, "zzqxvw") == []


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_uses_trigram_similarity():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()
    rows = vocabulary._closest_by_trigrams(SearchTerm.objects.all(), "sprvato")
    assert rows[0][0] == "spravato"


@pytest.mark.django_db
def test_no_results_shows_the_closest_spelling_results_and_says_so(client, search_index):
    soup = page_soup(client, "sprvato")
    notice = soup.select_one(".c-search__notice").get_text(" ", strip=True)
    assert "no pages for “sprvato”" in notice and "spravato" in notice
    titles = [a.get_text(strip=True) for a in soup.select("ol.c-search__list .c-search__title a")]
    assert "How is ketamine given? IV, shots, nasal spray and tablets compared" in titles[:3]


@pytest.mark.django_db
def test_few_results_offer_a_did_you_mean_link_that_runs_that_search(client, search_index):
    ArticlePageFactory(
        parent=article_index(),
        title="A page with a typo",
        body=[{"type": "paragraph", "value": "<p>Our ketamne notes.</p>"}],
    )
    soup = page_soup(client, "ketamne")
    assert soup.select_one(".c-search__count").get_text(strip=True).startswith("1 result")
    link = soup.select_one(".c-search__suggestions a")
    assert link.get_text() == "ketamine"
    assert link["href"] == "/search/?q=ketamine"
    followed = page_soup(client, "ketamine")
    assert len(followed.select("ol.c-search__list .c-search__result")) == 10


@pytest.mark.django_db
def test_nothing_close_gives_advice_not_a_guess(client, search_index):
    soup = page_soup(client, "zzqxv")
    assert not soup.select(".c-search__suggestions, .c-search__notice")
    assert "Check the spelling" in soup.select_one(".c-search__empty").get_text()


@pytest.mark.django_db
def test_publishing_a_page_rebuilds_the_vocabulary(django_capture_on_commit_callbacks):
    assert "quillwortish" not in known_words()
    with django_capture_on_commit_callbacks(execute=True):
        page = ArticlePageFactory(parent=article_index(), title="Quillwortish rooms")
        page.save_revision().publish()
    assert "quillwortish" in known_words()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "quillwortish" not in known_words()


@pytest.mark.django_db
def test_a_rebuild_requested_before_the_last_one_started_is_skipped():
    vocabulary.rebuild()
    assert rebuild_vocabulary.call(requested_at=1.0) == -1
    assert rebuild_vocabulary.call() > 100
