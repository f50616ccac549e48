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


def test_reviewer_without_a_linked_person_cannot_approve(
    client, editor, second_reviewer, draft_article
):
    """A matching e-mail is not a link: the approval would credit whoever the editor picked."""
    client.force_login(editor)
    submit(client, draft_article)
    login_verified(client, second_reviewer)
    page = ArticlePage.objects.get(pk=draft_article.pk)
    # Not offered, and the editor's checks panel says what to do.
    editor_view = client.get(edit_url(page)).content.decode()
    assert "data-approval-blocked" in editor_view
    assert "Ask an administrator" in editor_view
    assert 'value="approve"' not in editor_view
    # Refused through the workflow action URL and through the page editor.
    workflow_action(client, page, "approve")
    from_editor = client.post(
        edit_url(page),
        article_form_data(
            page, **{"action-workflow-action": "1", "workflow-action-name": "approve"}
        ),
    )
    assert "Ask an administrator" in from_editor.content.decode()
    page = ArticlePage.objects.get(pk=draft_article.pk)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").exists()


def test_only_administrators_link_accounts_to_people(client, editor, administrator):
    from content.core.models import Person

    person = Person.objects.create(name="Sample Person for linking")
    url = reverse("wagtailsnippets_core_person:edit", args=(person.pk,))
    client.force_login(editor)
    assert 'name="user"' not in client.get(url).content.decode()
    client.post(url, {"name": person.name, "user": str(editor.pk)})
    assert Person.objects.get(pk=person.pk).user is None
    login_verified(client, administrator)
    assert 'name="user"' in client.get(url).content.decode()


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


def test_request_changes_needs_a_comment(client, editor, reviewer, draft_article):
    client.force_login(editor)
    submit(client, draft_article)
    login_verified(client, reviewer)
    page = ArticlePage.objects.get(pk=draft_article.pk)
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", state.pk))
    modal = client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).json()["html"]
    assert "What should the editor change?" in modal
    refused = client.post(url, {"comment": "  "}, headers={"x-requested-with": "XMLHttpRequest"})
    assert refused.json()["step"] == "action"
    assert "Say what should change, so the editor can fix it." in refused.json()["html"]
    page = ArticlePage.objects.get(pk=draft_article.pk)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
