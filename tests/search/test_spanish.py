"""Site search in Spanish (/es/search/): Spanish pages only, Spanish stemming and stop words,
Spanish synonyms and spelling suggestions; English search lists no Spanish page."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from wagtail.models import Locale

from content.sitesearch.models import SearchSynonym
from content.sitesearch.query import parse
from content.sitesearch.words import content_words, fold, spanish_stem

SPANISH_TABLE = [
    ("efectos secundarios", "seguridad-y-efectos-secundarios"),
    ("efecto secundario", "seguridad-y-efectos-secundarios"),
    ("espray nasal", "formas-de-recibir-ketamina"),
    ("costo", "costo-y-seguro"),
    ("precio", "costo-y-seguro"),
    ("¿cuánto cuesta la KAP?", "costo-y-seguro"),
    ("cuanto cuesta", "costo-y-seguro"),
    ("seguro médico", "costo-y-seguro"),
    ("esketamina", "formas-de-recibir-ketamina"),
    ("Spravato", "formas-de-recibir-ketamina"),
    ("embarazada", "embarazo-lactancia-mayores-y-adolescentes"),
    ("glosario", "glosario"),
    ("suicidio", "ayuda-inmediata"),
]


def search(client, query, path="/es/search/"):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_links(soup):
    links = soup.select(
        ".c-search__promoted .c-search__title a, ol.c-search__list .c-search__title a"
    )
    return [a["href"] for a in links]


def slugs(links, n=3):
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in links][:n]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "slug"), SPANISH_TABLE)
def test_spanish_queries_find_the_spanish_article_in_the_top_3(client, search_index, query, slug):
    links = result_links(search(client, query))
    assert slug in slugs(links), f"{query!r} on {connection.vendor}: top 3 {slugs(links)}"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["efectos secundarios", "espray nasal", "costo", "ketamina"])
def test_spanish_search_lists_only_spanish_pages(client, search_index, query):
    links = result_links(search(client, query))
    assert links
    assert all(href.startswith("/es/") for href in links), links


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ketamine", "side effects", "cost", "kap", "crisis"])
def test_english_search_lists_no_spanish_page(client, search_index, query):
    links = result_links(search(client, query, path="/search/"))
    assert links
    assert not any(href.startswith("/es/") for href in links), links


@pytest.mark.django_db
def test_english_pages_words_do_not_find_spanish_pages_nor_the_reverse(client, search_index):
    # "esketamine" is only on English pages, "secundarios" only on Spanish ones.
    assert all(h.startswith("/es/") for h in result_links(search(client, "secundarios")))
    assert result_links(search(client, "secundarios", path="/search/")) == []


@pytest.mark.django_db
def test_a_promoted_page_is_shown_in_the_readers_language(client, search_index):
    # "crisis" promotes the English help page; Spanish readers get its Spanish translation.
    soup = search(client, "crisis")
    promoted = [a["href"] for a in soup.select(".c-search__promoted .c-search__title a")]
    assert promoted and all(href.startswith("/es/") for href in promoted)
    assert "ayuda-inmediata" in slugs(promoted)


@pytest.mark.django_db
def test_the_spanish_synonyms_are_loaded_with_the_spanish_locale():
    spanish = Locale.objects.get(language_code="es")
    groups = [set(g.term_list()) for g in SearchSynonym.objects.filter(locale=spanish)]
    assert any({"costo", "precio", "seguro"} <= group for group in groups)
    english = [set(g.term_list()) for g in SearchSynonym.objects.filter(locale__language_code="en")]
    assert not any("precio" in group for group in english)


@pytest.mark.django_db
def test_a_spanish_query_uses_spanish_synonyms_and_stop_words():
    spanish = Locale.objects.get(language_code="es")
    parsed = parse("¿Cuánto cuesta la KAP?", spanish)
    assert parsed.language == "es"
    assert parsed.units[0][0] == "cuánto cuesta"
    assert {"costo", "precio"} <= set(parsed.units[0])
    # Without accents, the same group.
    assert "costo" in parse("cuanto cuesta", spanish).units[0]
    # The English groups are not used for Spanish, nor the Spanish ones for English.
    assert parse("price", spanish).units == [["price"]]
    assert parse("precio", Locale.get_default()).units == [["precio"]]


@pytest.mark.django_db
def test_an_editors_spanish_synonym_changes_what_a_spanish_search_finds(client, search_index):
    assert result_links(search(client, "zorblax")) == []
    SearchSynonym.objects.create(
        terms="zorblax, náuseas", locale=Locale.objects.get(language_code="es")
    )
    assert "seguridad-y-efectos-secundarios" in slugs(result_links(search(client, "zorblax")))
    # The Spanish group does nothing for English readers.
    assert result_links(search(client, "zorblax", path="/search/")) == []


@pytest.mark.django_db
def test_a_misspelt_spanish_word_gets_a_spanish_spelling(client, search_index):
    soup = search(client, "efetcos secundarios")
    text = soup.get_text(" ", strip=True)
    links = result_links(soup)
    assert "efectos" in text
    assert links and all(href.startswith("/es/") for href in links)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "ñ",
        "ÑANDÚ año niño",
        "¿¡!?",
        "é",
        "'; DROP TABLE x; --",
        "a & b | !c <-> d:*",
        'efectos "secundarios',
        "de la que el",
        "efectos " * 200,
        "ü" * 5000,
        "🙂 ketamina",
        "(((",
        "%_\\",
    ],
)
def test_nothing_a_reader_types_is_an_error(client, search_index, query):
    for path in ("/es/search/", "/search/"):
        assert client.get(path, {"q": query}).status_code == 200
        assert client.get(path, {"q": query, "page": "ñ"}).status_code == 200


@pytest.mark.django_db
def test_a_control_character_is_refused_not_an_error(client):
    # The security middleware answers control characters with 400 (as for English search).
    assert client.get("/es/search/", {"q": "\x00efectos"}).status_code == 400


@pytest.mark.django_db
def test_the_spanish_vocabulary_is_its_own(client, search_index):
    from content.sitesearch import vocabulary
    from content.sitesearch.models import SearchTerm

    spanish = SearchTerm.objects.filter(locale__language_code="es")
    assert spanish.filter(word="efectos").exists()
    assert not spanish.filter(word__in=["de", "la", "cuando"]).exists()  # Spanish stop words
    spanish_locale = Locale.objects.get(language_code="es")
    assert vocabulary.closest_words(["efetcos"], spanish_locale)["efetcos"][0] == "efectos"
    assert vocabulary._closest_by_edits(spanish, "secundaros")[0][0] == "secundarios"


def test_spanish_words_helpers():
    assert content_words("¿Cuánto cuesta la KAP?", "es") == ["cuánto", "cuesta", "kap"]
    assert content_words("de la", "es") == ["de", "la"]
    assert fold("Depresión") == "Depresion"
    assert fold("año") == "año"
    for a, b in [("efectos", "efecto"), ("reacciones", "reacción"), ("costos", "costo")]:
        assert spanish_stem(a) == spanish_stem(b)
    assert spanish_stem("año") != spanish_stem("ano")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["ketamina", "espray nasal", "zzqxv", "efetcos secundaros esketamna sesion zzqx qwerty"],
)
def test_spanish_search_query_count_is_bounded(
    client, search_index, django_assert_max_num_queries, query
):
    client.get("/es/search/", {"q": query})
    with django_assert_max_num_queries(30):
        client.get("/es/search/", {"q": query})
