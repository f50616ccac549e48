"""A health page cannot be published or sent for review until it meets the standard."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from content.articles.models import ArticlePage

from .conftest import article_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, db):
    user = get_user_model().objects.create_superuser("sam", "sam@example.com", "a-long-pass-1")
    client.force_login(user)
    return client


def post(client, page, action, **overrides):
    data = article_form_data(page, **overrides)
    if action:
        data[f"action-{action}"] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


def _one_reference(page):
    from wagtail.test.utils.form_data import streamfield

    return streamfield([("reference", dict(page.references[0].value))])


def _no_primary(page):
    from wagtail.test.utils.form_data import streamfield

    other = {**dict(page.references[1].value), "kind": "official"}
    return streamfield([("reference", other), ("reference", {**other, "title": "Another"})])


MISSING = {
    "author": (lambda p: {"author": ""}, "Choose the author"),
    "clinical_reviewer": (lambda p: {"clinical_reviewer": ""}, "Choose the clinical reviewer"),
    "last_reviewed": (
        lambda p: {"last_reviewed": ""},
        "Enter the date of the last clinical review",
    ),
    "next_review_due": (lambda p: {"next_review_due": ""}, "Enter the date the next review is due"),
    "next_review_too_late": (
        lambda p: {"next_review_due": (p.last_reviewed + datetime.timedelta(days=400)).isoformat()},
        "within 12 months of the last review",
    ),
    "one_reference": (lambda p: {"references": _one_reference(p)}, "This page has 1, 1 primary"),
    "no_primary_reference": (
        lambda p: {"references": _no_primary(p)},
        "This page has 2, 0 primary",
    ),
}


CASES = [("publish", name) for name in MISSING] + [
    ("submit", "clinical_reviewer"),
    ("submit", "no_primary_reference"),
]


@pytest.mark.parametrize(("action", "missing"), CASES)
def test_gate_names_what_is_missing_and_changes_nothing(
    superuser_client, draft_article, action, missing
):
    overrides, message = MISSING[missing]
    revisions = draft_article.revisions.count()
    response = post(superuser_client, draft_article, action, **overrides(draft_article))
    assert response.status_code == 200
    assert message in response.content.decode()
    page = ArticlePage.objects.get(pk=draft_article.pk)
    assert not page.live
    assert page.revisions.count() == revisions
    assert page.current_workflow_state is None


def test_incomplete_draft_can_still_be_saved(superuser_client, draft_article):
    from wagtail.test.utils.form_data import streamfield

    response = post(superuser_client, draft_article, None, author="", references=streamfield([]))
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=draft_article.pk).get_latest_revision_as_object()
    assert page.author is None


def test_next_review_before_last_review_is_refused_even_for_a_draft(
    superuser_client, draft_article
):
    revisions = draft_article.revisions.count()
    before = (draft_article.last_reviewed - datetime.timedelta(days=1)).isoformat()
    response = post(superuser_client, draft_article, None, next_review_due=before)
    assert response.status_code == 200
    assert "The next review must be after the last review." in response.content.decode()
    assert draft_article.revisions.count() == revisions


def test_complete_page_publishes(superuser_client, draft_article):
    assert post(superuser_client, draft_article, "publish").status_code == 302
    assert ArticlePage.objects.get(pk=draft_article.pk).live
