"""A health page cannot be published or sent for review until it meets the standard."""

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
    return streamfield(
        [("reference", other), ("reference", {**other, "title": "Another", "key": "another"})]
    )


MISSING = {
    "author": (lambda p: {"author": ""}, "Choose the author"),
    "one_reference": (lambda p: {"references": _one_reference(p)}, "This page has 1, 1 primary"),
    "no_primary_reference": (
        lambda p: {"references": _no_primary(p)},
        "This page has 2, 0 primary",
    ),
}


CASES = [("publish", name) for name in MISSING] + [
    ("submit", "author"),
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


@pytest.fixture
def never_reviewed(draft_article):
    ArticlePage.objects.filter(pk=draft_article.pk).update(
        clinical_reviewer=None, last_reviewed=None, next_review_due=None
    )
    page = ArticlePage.objects.get(pk=draft_article.pk)
    page.save_revision()
    return page


def test_a_never_reviewed_page_cannot_be_published_directly(superuser_client, never_reviewed):
    response = post(superuser_client, never_reviewed, "publish")
    assert response.status_code == 200
    assert "has not been clinically reviewed yet" in response.content.decode()
    assert not ArticlePage.objects.get(pk=never_reviewed.pk).live


def test_a_never_reviewed_page_can_be_sent_for_review(superuser_client, never_reviewed):
    assert post(superuser_client, never_reviewed, "submit").status_code == 302
    assert ArticlePage.objects.get(pk=never_reviewed.pk).workflow_in_progress


def test_editors_cannot_type_the_reviewer_or_review_dates(client, editor, never_reviewed, db):
    from content.core.models import Person

    someone = Person.objects.exclude(user__isnull=False).first()
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(never_reviewed.pk,)))
    html = edit.content.decode()
    for name in ("clinical_reviewer", "last_reviewed", "next_review_due"):
        assert f'name="{name}"' not in html
    post(
        client,
        never_reviewed,
        None,
        clinical_reviewer=someone.pk,
        last_reviewed="2026-11-01",
        next_review_due="2027-11-01",
    )
    saved = ArticlePage.objects.get(pk=never_reviewed.pk).get_latest_revision_as_object()
    assert saved.clinical_reviewer is None and saved.last_reviewed is None


def test_incomplete_draft_can_still_be_saved(superuser_client, draft_article):
    from wagtail.test.utils.form_data import streamfield

    response = post(superuser_client, draft_article, None, author="", references=streamfield([]))
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=draft_article.pk).get_latest_revision_as_object()
    assert page.author is None


def test_complete_page_publishes(superuser_client, draft_article):
    assert post(superuser_client, draft_article, "publish").status_code == 302
    assert ArticlePage.objects.get(pk=draft_article.pk).live


def test_preview_of_a_never_reviewed_page_names_no_reviewer(never_reviewed):
    html = never_reviewed.make_preview_request().content.decode()
    assert "Not yet clinically reviewed" in html
    assert "Clinically reviewed by" not in html
