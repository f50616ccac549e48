"""Approve means publish now, unless the reviewer schedules it in the approval itself."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from content.articles.models import ArticlePage

from .conftest import article_form_data, later, login_verified
from .test_workflow import edit_url

pytestmark = pytest.mark.django_db


def approve_url(page):
    state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))


def test_modal_shows_the_draft_go_live_date(client, reviewer, submitted_with_stale_go_live):
    login_verified(client, reviewer)
    page = submitted_with_stale_go_live
    response = client.get(approve_url(page), headers={"x-requested-with": "XMLHttpRequest"})
    html = response.json()["html"]
    assert "data-draft-go-live" in html
    assert "Publish at" in html


def test_approval_publishes_now_despite_a_stale_go_live(
    client, reviewer, submitted_with_stale_go_live
):
    login_verified(client, reviewer)
    page = submitted_with_stale_go_live
    client.post(approve_url(page), {"comment": "Checked.", "publish_at": ""})
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.go_live_at is None
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_approval_can_schedule_when_the_reviewer_chooses(
    client, reviewer, submitted_with_stale_go_live
):
    login_verified(client, reviewer)
    page = submitted_with_stale_go_live
    when = later(3).replace(second=0, microsecond=0)
    client.post(approve_url(page), {"comment": "", "publish_at": when.strftime("%Y-%m-%d %H:%M")})
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    scheduled = page.revisions.get(approved_go_live_at__isnull=False)
    assert scheduled.approved_go_live_at == when


def test_approval_from_the_page_editor_publishes_now(
    client, reviewer, submitted_with_stale_go_live
):
    login_verified(client, reviewer)
    page = submitted_with_stale_go_live
    data = article_form_data(
        page,
        go_live_at=page.get_latest_revision_as_object().go_live_at.strftime("%Y-%m-%d %H:%M"),
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": "", "publish_at": null}',
        },
    )
    assert client.post(edit_url(page), data).status_code == 302
    assert ArticlePage.objects.get(pk=page.pk).live


def test_reviewer_may_shorten_the_next_review_within_twelve_months(
    client, reviewer, submitted_with_stale_go_live
):
    login_verified(client, reviewer)
    page = submitted_with_stale_go_live
    today = timezone.localdate()
    too_late = today + datetime.timedelta(days=400)
    refused = client.post(
        approve_url(page),
        {"next_review_due": too_late.isoformat()},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert "within 12 months" in refused.json()["html"]
    assert not ArticlePage.objects.get(pk=page.pk).live
    sooner = today + datetime.timedelta(days=90)
    client.post(approve_url(page), {"next_review_due": sooner.isoformat()})
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.last_reviewed == today
    assert page.next_review_due == sooner
