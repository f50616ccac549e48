"""Site search: results, ranking, snippets, pagination, promotions, empty state and bad input."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from content.sitesearch.words import MAX_QUERY_LENGTH, clean_query
from tests.factories import ArticlePageFactory, article_index

BODY_WORD = "ironwood"


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".c-search__result .c-search__title a")]


def body_with(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.mark.django_db
def test_finds_a_sample_article_by_a_word_in_its_body(client, search_index):
    # "nausea" appears in the safety article's body, not in its title or summary.
    soup = search(client, "nausea")
    assert "Is KAP safe? Side effects and who should not have it" in result_titles(soup)


@pytest.mark.django_db
def test_finds_a_new_article_by_a_body_word_and_ranks_a_title_match_first(client, search_index):
    body_only = ArticlePageFactory(
        parent=article_index(),
        title="Planning your day",
        body=body_with(f"Bring a book about {BODY_WORD} trees. {BODY_WORD.title()} grows slowly."),
    )
    titled = ArticlePageFactory(
        parent=article_index(),
        title=f"Why we named a room {BODY_WORD.title()}",
        body=body_with("A short note about our rooms."),
    )
    titles = result_titles(search(client, BODY_WORD))
    assert titles[:2] == [titled.title, body_only.title]


@pytest.mark.django_db
def test_snippet_shows_the_summary_with_the_words_marked(client, search_index):
    soup = search(client, "ketamine")
    snippets = soup.select(".c-search__snippet")
    assert snippets and any(s.find("mark") for s in snippets)
    assert all(m.get_text().lower() == "ketamine" for s in snippets for m in s.find_all("mark"))


@pytest.mark.django_db
def test_only_articles_faq_and_providers_are_searched(client, search_index):
    # "Accessibility statement" is a standard page: not part of site search.
    assert "Accessibility statement" not in result_titles(search(client, "accessibility"))


@pytest.mark.django_db
def test_results_are_paginated(client, search_index):
    for n in range(12):
        ArticlePageFactory(parent=article_index(), title=f"Quillwort note {n}")
    first = search(client, "quillwort")
    assert len(result_titles(first)) == 10
    assert "12 results" in first.select_one(".c-search__count").get_text()
    next_link = first.find("a", rel="next")
    assert next_link and next_link["href"] == "/search/?q=quillwort&page=2"
    second = search(client, "quillwort", page=2)
    assert len(result_titles(second)) == 2
    assert second.find("a", rel="prev")
    assert set(result_titles(first)).isdisjoint(result_titles(second))


@pytest.mark.django_db
def test_editor_promoted_result_comes_first_without_logging_queries(client, search_index):
    about = Page.objects.get(locale__language_code="en", slug="about")
    query = Query.objects.create(query_string="who writes this")
    SearchPromotion.objects.create(query=query, page=about, description="Meet our writers.")
    queries_before = Query.objects.count()
    soup = search(client, "Who  writes THIS")
    promoted = soup.select_one(".c-search__promoted")
    assert promoted and promoted.find("a", href="/about/")
    assert "Meet our writers." in promoted.get_text()
    search(client, "my name is Alex Doe and I take sertraline")
    assert Query.objects.count() == queries_before
    assert not Query.objects.filter(query_string__icontains="sertraline").exists()


@pytest.mark.django_db
def test_search_results_are_never_stored_in_shared_caches(client, search_index):
    with_query = client.get("/search/", {"q": "ketamine"})
    assert "private" in with_query["Cache-Control"] and "no-store" in with_query["Cache-Control"]
    assert with_query.get("X-Page-Cache", "").upper() != "HIT"
    again = client.get("/search/", {"q": "ketamine"})
    assert again.get("X-Page-Cache", "").upper() != "HIT"
    assert "no-store" not in client.get("/search/").get("Cache-Control", "")


@pytest.mark.django_db
def test_empty_state_suggests_the_faq_articles_and_crisis_help(client, search_index):
    from content.articles.models import ArticlePage

    faq = ArticlePage.objects.live().filter(slug="faq").first() or ArticlePageFactory(
        parent=article_index(), title="Common questions", slug="faq"
    )
    soup = search(client, "zzqxv")
    empty = soup.select_one(".c-search__empty")
    assert empty is not None and "could not find" in empty.get_text()
    assert empty.find("a", href=faq.url) and empty.find("a", href="/learn/")
    assert soup.select_one(".c-search").find("a", href="tel:988")
    assert soup.select_one(".c-search").find("a", href="tel:911")


@pytest.mark.django_db
def test_every_page_has_a_search_box_that_works_without_javascript(client):
    soup = BeautifulSoup(client.get("/learn/what-is-kap/").content, "html.parser")
    form = soup.select_one("header form[role=search]")
    assert form["action"] == "/search/" and form["method"] == "get"
    field = form.find("input", attrs={"name": "q"})
    assert soup.find("label", attrs={"for": field["id"]})


BAD_INPUTS = [
    "",
    "   ",
    "k" * 1000,
    "ketamine " * 200,
    "'; DROP TABLE wagtailcore_page; --",
    '" OR 1=1 --',
    "ketamine' UNION SELECT password FROM auth_user --",
    "()&|!:*<>\\",
    'NEAR( "unbalanced',
    "ｋｅｔａｍｉｎｅ",
    "кетамин 氯胺酮 كيتامين",
    "🧠💊🙂",
    "\u202eenimatek\u200b\u200d",
    "<script>alert(1)</script>",
    "%00%27",
    "x" * 10_000,
    "side effects " * 800,
    "\u202eside effects\u202c",
    "‏ketamine‎",
    "\U0001f9e0 ketamine \U0001f48a",
    "'ketamine'",
    '"side effects"',
    "ketamine\\",
    "1; SELECT pg_sleep(5)",
    "* OR 1",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", BAD_INPUTS)
def test_bad_input_gets_a_normal_page(client, search_index, query):
    soup = search(client, query)
    assert soup.find("h1")
    assert len(soup.select("form[role=search]")) == 1
    assert not soup.select(".c-search script")
    value = soup.select_one("header form[role=search] input[name=q]")["value"]
    assert len(value) <= MAX_QUERY_LENGTH and "\x00" not in value
    assert Page.objects.filter(depth=1).exists()  # the SQL-looking text changed nothing


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ket\x00amine", "\x00", "a\x1bb"])
def test_control_characters_get_a_clear_message(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 400
    assert "hidden control characters" in response.content.decode()


@pytest.mark.django_db
def test_invalid_utf8_in_the_query_string_gets_a_normal_page(client, search_index):
    response = client.get("/search/?q=%ED%A0%80%FF%C0%AF&page=%C0")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select_one("form[role=search]")


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999", "2.5", ""])
def test_bad_page_numbers_get_a_normal_page(client, search_index, page):
    soup = search(client, "ketamine", page=page)
    assert result_titles(soup)


@pytest.mark.django_db
def test_full_width_letters_are_normalised(client, search_index):
    assert clean_query("ｋｅｔａｍｉｎｅ") == "ketamine"
    assert result_titles(search(client, "ｋｅｔａｍｉｎｅ"))


def test_clean_query_strips_control_characters_and_limits_length():
    assert clean_query("a\x00b\tc\u200bd") == "a b c d"
    assert len(clean_query("x" * 5000)) == MAX_QUERY_LENGTH
    assert clean_query(None) == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "ketamine",
        "spravato",
        "sprvato",
        "zzqxv",
        "nausea",
        "sprvato ketmaine efects nasl dosng sesion zzqx qwerty",
        "spravato iv infusion oral ketamine integration therapy",
    ],
)
def test_search_page_query_count_is_bounded(
    client, search_index, django_assert_max_num_queries, query
):
    # ketamine: many results; spravato: practices listed too; sprvato: a corrected spelling;
    # zzqxv: nothing; nausea: few results (spellings are tried).
    client.get("/search/", {"q": query})
    with django_assert_max_num_queries(30):
        client.get("/search/", {"q": query})


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_uses_full_text_search(client, search_index):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    assert type(get_search_backend()).__name__ == "PostgresSearchBackend"
    assert "Is KAP safe? Side effects and who should not have it" in result_titles(
        search(client, "nausea")
    )


@pytest.mark.django_db
def test_sqlite_uses_fts(client, search_index):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert type(get_search_backend()).__name__ == "SQLiteSearchBackend"
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'wagtailsearch_indexentry_fts'")
        assert "porter" in cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "indexed"), [("side effect", "side effects"), ("driving", "drive")]
)
def test_stemming_finds_other_forms_of_a_word(client, search_index, typed, indexed):
    ArticlePageFactory(
        parent=article_index(),
        title="Planning a calm day",
        body=body_with(f"Notes about {indexed} for {BODY_WORD}."),
    )
    assert "Planning a calm day" in result_titles(search(client, f"{typed} {BODY_WORD}"))


@pytest.mark.django_db
def test_postgresql_search_uses_the_english_configuration(settings):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "english"


def result_labels(soup):
    return [p.get_text(strip=True) for p in soup.select("ol.c-search__list .c-search__label")]


@pytest.mark.django_db
def test_results_are_labelled_and_articles_come_before_practices(client, search_index):
    labels = result_labels(search(client, "ketamine"))
    assert labels[0] == "Article"
    assert "Practice" not in labels[: labels.count("Article")]
    more = search(client, "ketamine", page=3)
    assert "Practice" in result_labels(more)


@pytest.mark.django_db
def test_a_practice_result_shows_its_city_and_services(client, search_index):
    soup = search(client, "Lakeside Ketamine Therapy")
    first = soup.select_one("ol.c-search__list .c-search__result")
    assert first.select_one(".c-search__label").get_text(strip=True) == "Practice"
    details = [p.get_text(strip=True) for p in first.select(".c-search__detail")]
    assert details[0] == "Oakland, CA"
    assert details[1].startswith("Offers: ") and "Ketamine infusion (IV)" in details[1]


@pytest.mark.django_db
def test_an_article_result_shows_its_summary(client, search_index):
    from content.articles.models import ArticlePage

    soup = search(client, "pregnant")
    first = soup.select_one("ol.c-search__list .c-search__result")
    assert first.select_one(".c-search__label").get_text(strip=True) == "Article"
    title = first.select_one(".c-search__title a").get_text(strip=True)
    summary = ArticlePage.objects.get(title=title).summary
    assert summary and first.select_one(".c-search__snippet").get_text() == summary


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["spravato", "nasal spray", "esketamine"])
def test_a_query_naming_a_treatment_lists_the_practices_offering_it(client, search_index, query):
    from content.providers.models import ProviderPage, Treatment

    treatment = Treatment.objects.get(locale__language_code="en", slug="esketamine-nasal")
    offering = set(
        ProviderPage.objects.live().filter(treatments=treatment).values_list("title", flat=True)
    )
    soup = search(client, query)
    listing = soup.select_one(".c-search__listing")
    assert listing is not None
    assert listing.find("h2").get_text(strip=True) == f"Providers that offer {treatment.name}"
    listed = {a.get_text(strip=True) for a in listing.select(".c-search__title a")}
    assert listed and listed <= offering
    more = listing.find("a", href=lambda h: h and "treatment=" in h)
    assert more["href"] == "/find-a-provider/?treatment=esketamine-nasal"
    directory = BeautifulSoup(client.get(more["href"]).content, "html.parser").get_text()
    assert all(title in directory for title in listed)


@pytest.mark.django_db
def test_a_topic_query_lists_no_practices_by_treatment(client, search_index):
    assert not search(client, "side effects").select(".c-search__listing")
    assert not search(client, "ketamine").select(".c-search__listing")


@pytest.mark.django_db
def test_the_results_page_has_one_search_box_showing_the_query(client, search_index):
    soup = search(client, "side effects")
    forms = soup.select("form[role=search]")
    assert len(forms) == 1 and forms[0].find_parent("header")
    assert forms[0].find("input", attrs={"name": "q"})["value"] == "side effects"
    assert soup.find("h1").get_text(strip=True) == "Search results for “side effects”"
    assert re.match(r"^\d+ results?\b", soup.select_one(".c-search__count").get_text())


@pytest.mark.django_db
def test_other_pages_header_box_is_empty(client):
    soup = BeautifulSoup(client.get("/learn/faq/").content, "html.parser")
    assert soup.select_one("header input[name=q]")["value"] == ""


@pytest.mark.django_db
def test_searchable_page_types_are_chosen_by_a_model_attribute():
    from django.apps import apps
    from wagtail.models import Page as WagtailPage

    from content.articles.models import ArticlePage
    from content.core.models import StandardPage
    from content.providers.models import ProviderPage
    from content.sitesearch import searchable

    assert searchable.searchable_models() == [ArticlePage, ProviderPage]
    labelled = {
        m
        for m in apps.get_models()
        if issubclass(m, WagtailPage) and m.__dict__.get("site_search_label")
    }
    assert labelled == {ArticlePage, ProviderPage}
    assert StandardPage not in searchable.searchable_models()


@pytest.mark.django_db
def test_queries_are_not_logged(client, search_index, caplog):
    caplog.set_level("DEBUG")
    search(client, "my name is Alex Doe and I take sertraline")
    search(client, "sertralinee")
    assert "sertraline" not in caplog.text.lower()
