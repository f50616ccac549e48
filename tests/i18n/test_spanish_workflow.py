"""Spanish articles go through the same Clinical review workflow as English ones."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, WorkflowPage, WorkflowState

from content.articles.models import ArticleIndexPage, ArticlePage
from content.governance import setup
from tests.factories import ArticlePageFactory, article_index
from tests.governance.conftest import article_form_data

pytestmark = pytest.mark.django_db


def spanish():
    return Locale.objects.get(language_code="es")


def rules(page):
    return set(
        GroupPagePermission.objects.filter(page=page).values_list(
            "group__name", "permission__codename"
        )
    )


def test_spanish_article_index_has_the_workflow_and_permissions():
    english_index = article_index()
    spanish_index = english_index.get_translation(spanish())
    assert spanish_index.url_path.endswith("/aprender/")
    assert WorkflowPage.objects.get(page=spanish_index).workflow.name == setup.WORKFLOW_NAME
    assert rules(spanish_index) == rules(english_index) != set()


def test_spanish_article_submitted_for_moderation_starts_clinical_review(client):
    editor = get_user_model().objects.create_user("eddie", "e@example.com", "a-long-pass-1")
    editor.groups.add(Group.objects.get(name=setup.GROUP_EDITORS))
    article = ArticlePage.objects.get(slug="what-is-kap", locale=Locale.get_default())
    translated = article.get_translation(spanish()).specific
    assert translated.get_workflow().name == setup.WORKFLOW_NAME

    client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=(translated.pk,))
    data = article_form_data(translated, **{"action-submit": "1"})
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    translated.refresh_from_db()
    state = translated.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == setup.WORKFLOW_NAME
    assert state.requested_by == editor
    assert not translated.permissions_for_user(editor).can_publish()


def test_a_page_translated_in_the_admin_keeps_its_sources_rules():
    # As simple_translation's "Translate" does: copy_for_translation on the English page.
    english_index = article_index()
    other = ArticleIndexPage.objects.get(pk=english_index.pk)
    WorkflowPage.objects.filter(page=english_index.get_translation(spanish())).delete()
    GroupPagePermission.objects.filter(page=english_index.get_translation(spanish())).delete()
    english_index.get_translation(spanish()).delete()
    translated = other.copy_for_translation(spanish(), copy_parents=True)
    assert WorkflowPage.objects.get(page=translated).workflow.name == setup.WORKFLOW_NAME
    assert rules(translated) == rules(english_index)


def test_data_migration_step_covers_every_translation_of_the_index():
    english_index = article_index()
    spanish_index = english_index.get_translation(spanish())
    WorkflowPage.objects.filter(page=spanish_index).delete()
    GroupPagePermission.objects.filter(page=spanish_index).delete()
    setup.assign_to_article_index(apps, english_index)
    assert WorkflowPage.objects.filter(page=spanish_index).exists()
    assert rules(spanish_index) == rules(english_index)


def test_new_spanish_article_under_the_spanish_index_uses_clinical_review():
    parent = article_index().get_translation(spanish())
    page = ArticlePageFactory(parent=parent, slug="nuevo-articulo", locale=spanish(), live=False)
    assert page.get_workflow().name == setup.WORKFLOW_NAME
