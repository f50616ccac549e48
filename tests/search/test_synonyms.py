"""Search synonyms: editors manage them in the admin, and searches use them."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale

from content.sitesearch.models import SearchSynonym
from content.sitesearch.query import parse
from tests.auth import login_verified


def result_titles(client, query):
    soup = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("ol.c-search__list .c-search__title a")]


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="eddie", password="a-long-test-password")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.mark.django_db
def test_the_issue_synonym_groups_are_in_the_sample_content():
    groups = [set(g.term_list()) for g in SearchSynonym.objects.all()]
    for wanted in (
        {"esketamine", "spravato", "nasal spray"},
        {"kap", "ketamine assisted psychotherapy"},
        {"trd", "treatment resistant depression"},
        {"cost", "price", "insurance"},
    ):
        assert any(wanted <= group for group in groups), wanted


@pytest.mark.django_db
def test_a_query_word_is_expanded_to_its_group_longest_phrase_first():
    parsed = parse("is nasal spray safe")
    assert parsed.units[0][0] == "nasal spray"
    assert {"esketamine", "spravato"} <= set(parsed.units[0])
    assert parsed.units[1] == ["safe"]


@pytest.mark.django_db
def test_an_editors_synonym_changes_what_a_search_finds(client, search_index):
    assert result_titles(client, "zorblax") == []
    SearchSynonym.objects.create(terms="zorblax, nausea", locale=Locale.get_default())
    assert "Is KAP safe? Side effects and who should not have it" in result_titles(
        client, "zorblax"
    )


@pytest.mark.django_db
def test_trd_finds_pages_about_treatment_resistant_depression(client, search_index):
    titles = result_titles(client, "TRD")
    assert "Which conditions is KAP used for, and how strong is the evidence?" in titles


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ("spravato", "at least two"),
        ("spravato, Spravato", "at least two"),
        ("a, b, c, d, e, f, g, h, i", "at most 8"),
        ("spravato, <script>", "letters, numbers"),
        ("kap, one two three four five", "4 words"),
    ],
)
@pytest.mark.django_db
def test_synonym_groups_are_checked(terms, message):
    group = SearchSynonym(terms=terms, locale=Locale.get_default())
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert message in str(error.value)


@pytest.mark.django_db
def test_editors_add_synonyms_in_the_admin(client, editor):
    login_verified(client, editor)
    index = client.get(reverse("wagtailsnippets_sitesearch_searchsynonym:list"))
    assert index.status_code == 200
    add_url = reverse("wagtailsnippets_sitesearch_searchsynonym:add")
    refused = client.post(add_url, {"terms": "only-one", "note": ""})
    assert refused.status_code == 200
    assert "Enter at least two different terms" in refused.content.decode()
    created = client.post(add_url, {"terms": "drip, IV", "note": "Plain words"})
    assert created.status_code == 302
    assert SearchSynonym.objects.filter(terms="drip, IV").exists()


@pytest.mark.django_db
def test_editors_manage_promoted_results(client, editor):
    login_verified(client, editor)
    assert client.get(reverse("wagtailsearchpromotions:index")).status_code == 200
