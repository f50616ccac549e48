"""A reviewer's "Request changes" comment reaches the editor who last sent the page."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from content.articles.models import ArticlePage
from content.governance import setup

from .conftest import login_verified, make_user
from .test_workflow import edit_url, submit, workflow_action

pytestmark = pytest.mark.django_db


def request_changes(client, reviewer, page, comment):
    login_verified(client, reviewer)
    response = workflow_action(client, ArticlePage.objects.get(pk=page.pk), "reject", comment)
    assert response.status_code in (200, 302)
    client.logout()


def test_comment_reaches_the_editor_who_resubmitted(client, editor, reviewer, draft_article):
    second_editor = make_user("noor", setup.GROUP_EDITORS)
    client.force_login(editor)
    submit(client, draft_article)
    request_changes(client, reviewer, draft_article, "Cite the 2019 FDA label.")

    client.force_login(second_editor)
    assert submit(client, ArticlePage.objects.get(pk=draft_article.pk)).status_code == 302
    client.logout()
    mail.outbox.clear()
    request_changes(client, reviewer, draft_article, "Add the blood pressure warning.")

    rejection_mail = [m for m in mail.outbox if "Add the blood pressure warning." in m.body]
    assert rejection_mail, [m.subject for m in mail.outbox]
    assert {address for m in rejection_mail for address in m.to} == {second_editor.email}

    client.force_login(second_editor)
    edit = BeautifulSoup(client.get(edit_url(draft_article)).content, "html.parser")
    note = edit.select_one("[data-changes-requested]")
    assert note is not None
    assert "Add the blood pressure warning." in note.get_text()
    assert "Cite the 2019 FDA label." not in note.get_text()

    dashboard = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = dashboard.find(id="changes-requested-section")
    assert panel is not None
    assert draft_article.title in panel.get_text()
    assert "Add the blood pressure warning." in panel.get_text()

    # The first editor's dashboard no longer lists it: the page is the second editor's now.
    client.force_login(editor)
    dashboard = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    assert dashboard.find(id="changes-requested-section") is None


def test_no_panel_when_nothing_was_sent_back(client, editor):
    client.force_login(editor)
    dashboard = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    assert dashboard.find(id="changes-requested-section") is None


def test_locked_page_says_who_sent_it_and_since_when(client, editor, reviewer, draft_article):
    editor.first_name, editor.last_name = "Eddie", "Editor"
    editor.save()
    client.force_login(editor)
    submit(client, draft_article)
    page = ArticlePage.objects.get(pk=draft_article.pk)
    started = page.current_workflow_state.current_task_state.started_at
    other = make_user("nadia", setup.GROUP_EDITORS)
    client.force_login(other)
    html = BeautifulSoup(client.get(edit_url(page)).content, "html.parser")
    hold = html.select_one("[data-review-hold]")
    assert hold is not None
    text = " ".join(hold.get_text().split())
    assert "sent by Eddie Editor" in text
    assert f"{timezone.localtime(started):%B %-d, %Y}" in text
    # The reviewer, who may edit it, is not told it is held.
    login_verified(client, reviewer)
    assert (
        BeautifulSoup(client.get(edit_url(page)).content, "html.parser").select_one(
            "[data-review-hold]"
        )
        is None
    )
