"""The directory runs in a fixed number of queries, however many providers or filters."""

import pytest

from content.providers.models import ProviderPage

from .bulk import create_providers

QUERIES = [
    {},
    {"location": "94612", "radius": "100"},
    {"location": "94612", "radius": "50", "treatment": "iv-ketamine", "page": "2"},
    {
        "location": "Oakland, CA",
        "radius": "100",
        "treatment": "iv-ketamine",
        "condition": "ptsd",
        "insurance": "self-pay",
        "language": "english",
        "visit": "in_person",
        "accepting": "yes",
    },
    {"location": "99999", "treatment": "nope", "page": "x", "language": "english"},
]
MAX_QUERIES = 26


@pytest.mark.django_db
def test_query_budget_with_2000_providers(
    client, django_assert_max_num_queries, empty_directory, known_providers
):
    client.get("/find-a-provider/")  # warm the site and page caches
    # With the seven known providers every search below has results, so the counts compare.
    small = []
    for params in QUERIES:
        with django_assert_max_num_queries(MAX_QUERIES) as captured:
            assert client.get("/find-a-provider/", params).status_code == 200
        small.append(len(captured))

    create_providers(2000, directory=empty_directory)
    assert ProviderPage.objects.live().count() == 2007
    large = []
    for params in QUERIES:
        with django_assert_max_num_queries(MAX_QUERIES) as captured:
            response = client.get("/find-a-provider/", params)
        assert response.status_code == 200
        large.append(len(captured))
    assert large == small
    # Distance-sorted searches over the generated providers fill a page of 10.
    response = client.get("/find-a-provider/", QUERIES[1])
    assert response.content.count(b'class="c-card c-provider-card"') == 10


@pytest.mark.django_db
def test_provider_page_query_budget(client, django_assert_max_num_queries):
    url = "/find-a-provider/lakeside-kap-oakland/"
    client.get(url)
    with django_assert_max_num_queries(24):
        assert client.get(url).status_code == 200
