"""Every page type renders in a fixed number of queries, whatever the number of articles."""

import pytest

from tests.factories import ArticlePageFactory, article_index

# Budgets measured on the sample content plus 50 extra articles; they must not grow with content.
BUDGETS = {
    # The footer links (Clinic settings pages, issue 19); the home sections look up their chosen
    # pages (cards, finder, Learn page) and list every topic's articles in one query: constant,
    # whatever the number of articles.
    # +1 since the Spanish edition: the page's translations (its language link and hreflang).
    "/": 18,
    "/learn/": 18,
    "/learn/what-is-kap/": 24,
    "/learn/faq/": 28,
    "/learn/glossary/": 22,
    "/about/": 15,
    # Spanish pages (issue 22): 3 more than their English twins as measured (home, Learn, About;
    # the FAQ the same), and constant however many pages there are.
    "/es/": 21,
    "/es/aprender/": 21,
    "/es/aprender/que-es-kap/": 22,
    "/es/aprender/preguntas-frecuentes/": 28,
    "/es/sobre-nosotros/": 18,
}


@pytest.fixture
def fifty_more_articles(db):
    index = article_index()
    for i in range(50):
        ArticlePageFactory(parent=index, slug=f"extra-{i}", title=f"Extra article {i}")


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "budget"), BUDGETS.items())
def test_query_budget_with_fifty_articles(
    client, fifty_more_articles, url, budget, django_assert_max_num_queries
):
    client.get(url)  # warm per-process caches (content types, locales)
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", BUDGETS)
def test_query_count_does_not_grow_with_articles(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    index = article_index()
    for i in range(10):
        ArticlePageFactory(parent=index, slug=f"growth-{i}", title=f"Growth {i}")
    client.get(url)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) <= len(before.captured_queries)
