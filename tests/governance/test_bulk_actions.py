"""Bulk "Publish" and "Unpublish" of pages are offered only to people who may publish, and a
hand-made request from anyone else publishes nothing."""

import pytest
from django.urls import reverse

from content.articles.models import ArticlePage
from tests.factories import article_index

from .conftest import login_verified

pytestmark = pytest.mark.django_db

PUBLISH_LABEL = 'aria-label="Publish selected pages"'
UNPUBLISH_LABEL = 'aria-label="Unpublish selected pages"'
DELETE_LABEL = 'aria-label="Delete selected pages"'


def listing(client):
    response = client.get(reverse("wagtailadmin_explore", args=(article_index().pk,)))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["editor", "reviewer"])
def test_people_who_cannot_publish_are_not_offered_bulk_publishing(
    client, request, who, draft_article
):
    login_verified(client, request.getfixturevalue(who))
    html = listing(client)
    assert DELETE_LABEL in html  # the actions they may take are still offered
    assert PUBLISH_LABEL not in html
    assert UNPUBLISH_LABEL not in html


def test_administrators_are_offered_bulk_publishing(client, administrator, draft_article):
    login_verified(client, administrator)
    html = listing(client)
    assert PUBLISH_LABEL in html
    assert UNPUBLISH_LABEL in html


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_a_crafted_bulk_publish_by_an_editor_changes_nothing(client, editor, draft_article, action):
    live = ArticlePage.objects.live().filter(path__startswith=article_index().path).first()
    target = draft_article if action == "publish" else live
    login_verified(client, editor)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
    response = client.post(
        url + f"?id={target.pk}&next=/admin/", {"include_descendants": ""}, follow=True
    )
    assert "You cannot publish or unpublish pages yourself" in response.content.decode()
    assert ArticlePage.objects.get(pk=target.pk).live == target.live
