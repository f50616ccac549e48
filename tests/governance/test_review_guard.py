"""While a page is in clinical review, nobody publishes or schedules it around the review."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState

from content.articles.models import ArticlePage
from content.governance.review_guard import CANCEL_ACTION

from .conftest import article_form_data, login_verified
from .test_workflow import edit_url, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_in_review(client, editor, draft_article):
    client.force_login(editor)
    assert submit(client, draft_article).status_code == 302
    client.logout()
    page = ArticlePage.objects.get(pk=draft_article.pk)
    assert page.workflow_in_progress
    return page


def action_names(response):
    html = BeautifulSoup(response.content, "html.parser")
    form = html.select_one("form[data-edit-form]") or html
    return {button.get("name") for button in form.select("button[name]")}


def test_publish_is_not_offered_while_in_review(client, administrator, page_in_review):
    login_verified(client, administrator)
    response = client.get(edit_url(page_in_review))
    assert response.status_code == 200
    names = action_names(response)
    assert "action-publish" not in names
    assert "action-cancel-workflow" not in names
    assert reverse("governance_cancel_review", args=(page_in_review.pk,)) in (
        response.content.decode()
    )


def test_publish_is_offered_again_when_not_in_review(client, administrator, draft_article):
    login_verified(client, administrator)
    assert "action-publish" in action_names(client.get(edit_url(draft_article)))


@pytest.mark.parametrize("go_live_days", [None, 3], ids=["publish", "schedule"])
def test_crafted_publish_post_during_review_publishes_nothing(
    client, administrator, page_in_review, go_live_days
):
    login_verified(client, administrator)
    overrides = {"action-publish": "1"}
    if go_live_days:
        go_live = timezone.localtime() + datetime.timedelta(days=go_live_days)
        overrides["go_live_at"] = go_live.strftime("%Y-%m-%d %H:%M")
    response = client.post(
        edit_url(page_in_review), article_form_data(page_in_review, **overrides), follow=True
    )
    assert response.status_code == 200
    assert "cannot be published or scheduled" in response.content.decode()
    page = ArticlePage.objects.get(pk=page_in_review.pk)
    assert not page.live
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_cancel_without_a_reason_is_refused(client, administrator, page_in_review):
    login_verified(client, administrator)
    crafted = client.post(
        edit_url(page_in_review),
        article_form_data(page_in_review, **{"action-cancel-workflow": "1"}),
        follow=True,
    )
    assert "give a reason" in crafted.content.decode()
    url = reverse("governance_cancel_review", args=(page_in_review.pk,))
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200
    assert "Give the reason" in empty.content.decode()
    assert ArticlePage.objects.get(pk=page_in_review.pk).workflow_in_progress


def test_administrator_cancels_with_a_reason_then_publishes(client, administrator, page_in_review):
    login_verified(client, administrator)
    url = reverse("governance_cancel_review", args=(page_in_review.pk,))
    form_page = client.get(url)
    assert form_page.status_code == 200
    assert "Cancel clinical review" in form_page.content.decode()  # the header names the step
    reason = "Urgent correction to the crisis phone number."
    response = client.post(url, {"reason": reason})
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=page_in_review.pk)
    assert not page.workflow_in_progress
    entry = PageLogEntry.objects.get(page=page, action=CANCEL_ACTION)
    assert entry.user == administrator
    assert entry.data["reason"] == reason
    history = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    assert reason in history.content.decode()
    published = client.post(
        edit_url(page), article_form_data(page, **{"action-publish": "1"}), follow=True
    )
    assert published.status_code == 200
    assert ArticlePage.objects.get(pk=page.pk).live


def test_only_the_submitter_reviewers_and_publishers_may_cancel(client, editor, page_in_review):
    from content.governance import setup

    from .conftest import make_user

    url = reverse("governance_cancel_review", args=(page_in_review.pk,))
    other_editor = make_user("olive", setup.GROUP_EDITORS)
    client.force_login(other_editor)
    refused = client.post(url, {"reason": "I would like to publish this myself."})
    # The admin answers PermissionDenied with a redirect to its home and a message.
    assert refused.status_code == 302
    assert refused["Location"] == reverse("wagtailadmin_home")
    assert ArticlePage.objects.get(pk=page_in_review.pk).workflow_in_progress
    # Wagtail lets the editor who sent it withdraw their own submission; the reason is recorded.
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_bulk_publish_skips_pages_in_review(client, administrator, page_in_review):
    login_verified(client, administrator)
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        + f"?id={page_in_review.pk}&next=/admin/"
    )
    response = client.post(url, {"include_descendants": ""}, follow=True)
    assert "Nothing was published" in response.content.decode()
    assert not ArticlePage.objects.get(pk=page_in_review.pk).live


def test_bulk_publish_refusal_never_redirects_to_another_site(
    client, administrator, page_in_review
):
    login_verified(client, administrator)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.post(
        url + f"?id={page_in_review.pk}&next=https://evil.example/", {"include_descendants": ""}
    )
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")
