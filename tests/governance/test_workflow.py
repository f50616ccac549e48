"""The Clinical review workflow, driven through the admin as each group."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState

from content.articles.models import ArticlePage
from content.core.review import one_year_after
from content.governance.models import ClinicalReviewTask

from .conftest import article_form_data, login_verified

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def submit(client, page, **overrides):
    return client.post(
        edit_url(page), article_form_data(page, **overrides, **{"action-submit": "1"})
    )


def workflow_action(client, page, action, comment=""):
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    return client.post(url, {"comment": comment})


def test_article_index_uses_the_clinical_review_workflow(draft_article):
    workflow = draft_article.get_workflow()
    assert workflow.name == "Clinical review"
    task = workflow.tasks.get().specific
    assert isinstance(task, ClinicalReviewTask)
    assert list(task.groups.values_list("name", flat=True)) == ["Clinical reviewers"]


def test_editor_submits_and_cannot_publish(client, editor, draft_article):
    client.force_login(editor)
    response = submit(client, draft_article)
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=draft_article.pk)
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    assert not page.live
    # Editors have no publish permission: the publish button is not theirs to press.
    assert not page.permissions_for_user(editor).can_publish()


def test_reviewer_requests_changes(client, editor, reviewer, draft_article):
    client.force_login(editor)
    submit(client, draft_article)
    login_verified(client, reviewer)
    page = ArticlePage.objects.get(pk=draft_article.pk)
    response = workflow_action(client, page, "reject", comment="Please cite the 2023 FDA notice.")
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    page.refresh_from_db()
    assert not page.live
    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert entry.user == reviewer


def test_reviewer_approves_records_review_and_publishes(client, editor, reviewer, draft_article):
    client.force_login(editor)
    submit(client, draft_article)
    login_verified(client, reviewer)
    page = ArticlePage.objects.get(pk=draft_article.pk)
    response = workflow_action(client, page, "approve", comment="Checked against the label.")
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=draft_article.pk)
    today = timezone.localdate()
    assert page.live
    assert page.clinical_reviewer.user == reviewer
    assert page.last_reviewed == today
    assert today < page.next_review_due <= one_year_after(today)
    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.approve")
    assert entry.user == reviewer
    assert entry.data["comment"] == "Checked against the label."
    # The public page now names the approving reviewer.
    assert "Rita Reviewer (sample)" in client.get(page.url).content.decode()


def test_reviewer_matched_by_email_when_not_linked(client, editor, second_reviewer, draft_article):
    client.force_login(editor)
    submit(client, draft_article)
    login_verified(client, second_reviewer)
    workflow_action(client, ArticlePage.objects.get(pk=draft_article.pk), "approve")
    page = ArticlePage.objects.get(pk=draft_article.pk)
    assert page.clinical_reviewer.name == "Ravi Reviewer (sample)"


def test_reviewer_cannot_approve_own_submission(client, reviewer, draft_article):
    login_verified(client, reviewer)
    assert submit(client, draft_article).status_code == 302
    page = ArticlePage.objects.get(pk=draft_article.pk)
    revisions_before = page.revisions.count()
    task = page.current_workflow_task
    assert [a[0] for a in task.get_actions(page, reviewer)] == ["reject"]

    # Through the editor's "Approve" action: a clear message, nothing saved.
    data = article_form_data(
        page, **{"action-workflow-action": "1", "workflow-action-name": "approve"}
    )
    response = client.post(edit_url(page), data)
    assert response.status_code == 200
    assert "another clinical reviewer must approve it" in response.content.decode()
    # Through the workflow action URL: refused (Wagtail's "no permission" redirect).
    refused = workflow_action(client, page, "approve")
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")

    page = ArticlePage.objects.get(pk=draft_article.pk)
    assert not page.live
    assert page.revisions.count() == revisions_before
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").exists()
    # The editor panel explains why there is no approve button.
    assert "data-own-submission" in client.get(edit_url(page)).content.decode()


def test_administrator_publishes_directly(client, administrator, draft_article):
    login_verified(client, administrator)
    response = client.post(
        edit_url(draft_article), article_form_data(draft_article, **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=draft_article.pk).live


def test_intake_cannot_edit_pages(client, draft_article, db):
    from .conftest import make_user

    intake = make_user("ivy", "Intake")
    login_verified(client, intake)
    response = client.get(edit_url(draft_article))
    assert response.status_code in (302, 403)
    assert not draft_article.permissions_for_user(intake).can_edit()
