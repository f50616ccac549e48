import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from content.articles.models import ArticlePage
from content.core.review import one_year_after
from content.governance import setup
from tests.auth import login_verified  # noqa: F401 - re-exported for governance tests
from tests.factories import ArticlePageFactory, PersonFactory, article_index


def make_user(username, group=None, **extra):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password="a-long-test-password", **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return make_user("eddie", setup.GROUP_EDITORS)


@pytest.fixture
def reviewer(db):
    user = make_user("rita", setup.GROUP_REVIEWERS)
    PersonFactory(name="Rita Reviewer (sample)", credentials="MD", user=user)
    return user


@pytest.fixture
def second_reviewer(db):
    user = make_user("ravi", setup.GROUP_REVIEWERS)
    PersonFactory(name="Ravi Reviewer (sample)", credentials="PsyD", email=user.email)
    return user


@pytest.fixture
def administrator(db):
    return make_user("ada", setup.GROUP_ADMINISTRATORS)


@pytest.fixture
def draft_article(db):
    """A complete health article that has never been published."""
    today = timezone.localdate()
    page = ArticlePageFactory(
        parent=article_index(),
        live=False,
        title="Sample draft on sleep",
        slug="sample-draft-on-sleep",
        last_reviewed=today - datetime.timedelta(days=10),
        next_review_due=one_year_after(today) - datetime.timedelta(days=20),
    )
    page.save_revision()
    return page


def later(days):
    return timezone.localtime() + datetime.timedelta(days=days)


@pytest.fixture
def submitted_with_stale_go_live(client, editor, draft_article):
    """An editor left a go-live date on the draft a week ahead, then sent it for review."""
    client.force_login(editor)
    go_live = later(7).strftime("%Y-%m-%d %H:%M")
    data = article_form_data(draft_article, go_live_at=go_live, **{"action-submit": "1"})
    edit = reverse("wagtailadmin_pages:edit", args=(draft_article.pk,))
    assert client.post(edit, data).status_code == 302
    page = ArticlePage.objects.get(pk=draft_article.pk)
    assert page.get_latest_revision_as_object().go_live_at is not None
    client.logout()
    return page


def article_form_data(page, **overrides):
    """The page editor's POST data for an article, from the page's current values."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "topic": page.topic_id or "",
        "main_points": streamfield([("point", str(p.value)) for p in page.main_points]),
        "body": streamfield(
            [
                ("heading", {"text": "A section", "level": "h2"}),
                ("paragraph", rich_text("<p>Some plain text for the reader.</p>")),
            ]
        ),
        "author": page.author_id or "",
        "clinical_reviewer": page.clinical_reviewer_id or "",
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else "",
        "next_review_due": page.next_review_due.isoformat() if page.next_review_due else "",
        "references": streamfield([("reference", dict(r.value)) for r in page.references]),
        "related_links": {
            "TOTAL_FORMS": 0,
            "INITIAL_FORMS": 0,
            "MIN_NUM_FORMS": 0,
            "MAX_NUM_FORMS": 1000,
        },
        "comments": {
            "TOTAL_FORMS": 0,
            "INITIAL_FORMS": 0,
            "MIN_NUM_FORMS": 0,
            "MAX_NUM_FORMS": 1000,
        },
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)
