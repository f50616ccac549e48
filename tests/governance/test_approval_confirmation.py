"""Approving says what happened: published now, or scheduled and for when, with the reviewer's
name and today's review date, from the dashboard's approval modal and from the page editor."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from content.articles.models import ArticlePage

from .conftest import article_form_data, later, login_verified
from .test_approval import approve_url
from .test_workflow import edit_url

pytestmark = pytest.mark.django_db
XHR = {"x-requested-with": "XMLHttpRequest"}
TODAY = formats.date_format(timezone.localdate(), "DATE_FORMAT")


def confirm_url(page):
    state = page.current_workflow_task_state
    return reverse("governance_approve", args=(page.pk, state.pk))


def messages_on_dashboard(client):
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_dashboard_modal_posts_to_the_confirming_approval(
    client, reviewer, submitted_with_stale_go_live
):
    login_verified(client, reviewer)
    page = submitted_with_stale_go_live
    html = client.get(approve_url(page), headers=XHR).json()["html"]
    assert f'action="{confirm_url(page)}"' in html


def test_the_page_editor_modal_still_only_collects_the_approval(
    client, reviewer, submitted_with_stale_go_live
):
    login_verified(client, reviewer)
    page = submitted_with_stale_go_live
    state = page.current_workflow_task_state
    collect = reverse(
        "wagtailadmin_pages:collect_workflow_action_data", args=(page.pk, "approve", state.pk)
    )
    html = client.get(collect, headers=XHR).json()["html"]
    assert f'action="{collect}"' in html


def test_approve_is_offered_once_and_always_through_the_form(
    reviewer, submitted_with_stale_go_live
):
    page = submitted_with_stale_go_live
    actions = page.current_workflow_task.get_actions(page, reviewer)
    assert [a for a in actions if a[0] == "approve"] == [("approve", "Approve", True)]


def test_approving_from_the_dashboard_says_it_is_published(
    client, reviewer, submitted_with_stale_go_live
):
    login_verified(client, reviewer)
    page = submitted_with_stale_go_live
    response = client.post(
        confirm_url(page), {"comment": "", "publish_at": "", "next": "/admin/"}, headers=XHR
    )
    assert response.json() == {"step": "success", "redirect": "/admin/"}
    assert ArticlePage.objects.get(pk=page.pk).live
    html = messages_on_dashboard(client)
    assert f"“{page.title}” is approved and published now." in html
    assert (
        f"It names Rita Reviewer (sample), MD as its clinical reviewer, reviewed {TODAY}." in html
    )
    assert "View live" in html


def test_approving_with_a_schedule_says_when(client, reviewer, submitted_with_stale_go_live):
    login_verified(client, reviewer)
    page = submitted_with_stale_go_live
    when = later(3).replace(hour=10, minute=0, second=0, microsecond=0)
    client.post(
        confirm_url(page),
        {"publish_at": when.strftime("%Y-%m-%d %H:%M"), "next": "/admin/"},
        headers=XHR,
    )
    assert not ArticlePage.objects.get(pk=page.pk).live
    html = messages_on_dashboard(client)
    expected = formats.date_format(when, "DATETIME_FORMAT")
    assert f"is approved. It is scheduled to be published on {expected}." in html
    assert "published now" not in html


def test_a_refused_approval_confirms_nothing(client, reviewer, submitted_with_stale_go_live):
    login_verified(client, reviewer)
    page = submitted_with_stale_go_live
    too_late = timezone.localdate() + datetime.timedelta(days=400)
    response = client.post(
        confirm_url(page), {"next_review_due": too_late.isoformat()}, headers=XHR
    )
    assert response.json()["step"] == "action"  # the form again, with its error
    assert not ArticlePage.objects.get(pk=page.pk).live
    assert "is approved" not in messages_on_dashboard(client)


def test_approving_in_the_page_editor_says_it_is_published(
    client, reviewer, submitted_with_stale_go_live
):
    login_verified(client, reviewer)
    page = submitted_with_stale_go_live
    data = article_form_data(
        page,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "", "publish_at": None}),
        },
    )
    response = client.post(edit_url(page), data, follow=True)
    html = response.content.decode()
    assert f"“{page.title}” is approved and published now." in html
    assert f"reviewed {TODAY}" in html
