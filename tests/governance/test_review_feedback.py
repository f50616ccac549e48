"""A reviewer's "Request changes" comment reaches the editor who last sent the page."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

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
