"""Editors create, preview, publish, revise, compare, roll back and schedule articles in the admin."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.articles.models import ArticlePage, Topic
from content.core.models import Person
from tests.factories import article_index


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor-admin", "ea@example.com", "x" * 16)
    client.force_login(user)
    return client


def article_form(title, slug, **extra):
    locale = Locale.get_default()
    author = Person.objects.get(name="Jordan Lee (sample)", locale=locale)
    reviewer = Person.objects.get(name="Dr. Rosa Whitfield (sample)", locale=locale)
    data = {
        "title": title,
        "slug": slug,
        "summary": "A short plain summary for readers.",
        "topic": Topic.objects.filter(locale__language_code="en").first().pk,
        "main_points": streamfield([("point", "One clear point.")]),
        "body": streamfield(
            [
                ("heading", {"text": "What is it?", "level": "h2"}),
                ("paragraph", rich_text("<p>Plain words for you.</p>")),
            ]
        ),
        "author": author.pk,
        "clinical_reviewer": reviewer.pk,
        "last_reviewed": "2026-11-01",
        "next_review_due": "2027-11-01",
        "references": streamfield(
            [
                (
                    "reference",
                    {
                        "key": "consensus-2017",
                        "evidence": "guideline",
                        "title": "A consensus statement on ketamine",
                        "source": "JAMA Psychiatry",
                        "year": "2017",
                        "kind": "guideline",
                        "url": "",
                        "doi": "10.1001/jamapsychiatry.2017.0080",
                        "pmid": "28249076",
                    },
                ),
                (
                    "reference",
                    {
                        "key": "fda-news-2019",
                        "evidence": "regulator",
                        "title": "FDA news release",
                        "source": "US Food and Drug Administration",
                        "year": "2019",
                        "kind": "fda",
                        "url": "https://www.fda.gov/",
                        "doi": "",
                        "pmid": "",
                    },
                ),
            ]
        ),
        "related_links": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def as_clinically_reviewed(page):
    """What a clinical reviewer's approval records (content.governance): the editor never types
    it, and a health page is published only once it has been reviewed."""
    draft = page.get_latest_revision_as_object()
    draft.clinical_reviewer = Person.objects.get(
        name="Dr. Rosa Whitfield (sample)", locale=Locale.get_default()
    )
    draft.last_reviewed = datetime.date(2026, 11, 1)
    draft.next_review_due = datetime.date(2027, 11, 1)
    draft.save_revision()


@pytest.mark.django_db
def test_create_preview_publish_revise_compare_rollback(admin_client, client):
    index = article_index()
    add_url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    assert admin_client.get(add_url).status_code == 200

    # Preview before saving.
    form = article_form("Preview me", "preview-me")
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("articles", "articlepage", index.pk)
    )
    assert admin_client.post(preview_url, form).json()["is_valid"] is True
    preview = admin_client.get(preview_url)
    assert preview.status_code == 200
    assert b"Plain words for you." in preview.content

    # Save a draft: not visible to the public.
    response = admin_client.post(add_url, form)
    assert response.status_code == 302
    page = ArticlePage.objects.get(locale__language_code="en", slug="preview-me")
    assert not page.live
    assert client.get("/learn/preview-me/").status_code == 404

    # Publish (once reviewed).
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    refused = admin_client.post(edit_url, {**form, "action-publish": "publish"})
    assert refused.status_code == 200
    assert b"has not been clinically reviewed yet" in refused.content
    as_clinically_reviewed(page)
    response = admin_client.post(edit_url, {**form, "action-publish": "publish"})
    assert response.status_code == 302
    assert client.get("/learn/preview-me/").status_code == 200
    first_revision = page.revisions.order_by("created_at").last()

    # Revise and publish again.
    revised = article_form("Preview me, revised", "preview-me")
    admin_client.post(edit_url, {**revised, "action-publish": "publish"})
    assert b"Preview me, revised" in client.get("/learn/preview-me/").content
    latest_revision = page.revisions.order_by("created_at").last()

    # History and compare.
    assert (
        admin_client.get(reverse("wagtailadmin_pages:history", args=(page.pk,))).status_code == 200
    )
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(page.pk, first_revision.pk, latest_revision.pk),
    )
    compare_response = admin_client.get(compare)
    assert compare_response.status_code == 200
    assert b"Preview me, revised" in compare_response.content

    # Roll back: the revert view loads the old revision into the editor; publishing it restores it.
    revert = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, first_revision.pk))
    revert_response = admin_client.get(revert)
    assert revert_response.status_code == 200
    assert b'value="Preview me"' in revert_response.content
    admin_client.post(
        edit_url, {**form, "action-publish": "publish", "revision": first_revision.pk}
    )
    live = client.get("/learn/preview-me/").content
    assert b"<h1>Preview me</h1>" in live


@pytest.mark.django_db
def test_schedule_publishing(admin_client, client):
    index = article_index()
    add_url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    go_live = (timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    form = article_form("Later", "later", go_live_at=go_live)
    assert admin_client.post(add_url, form).status_code == 302
    page = ArticlePage.objects.get(locale__language_code="en", slug="later")
    as_clinically_reviewed(page)
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = admin_client.post(edit_url, {**form, "action-publish": "publish"})
    assert response.status_code == 302
    page = ArticlePage.objects.get(locale__language_code="en", slug="later")
    assert not page.live
    assert page.scheduled_revision is not None
    assert client.get("/learn/later/").status_code == 404


@pytest.mark.django_db
def test_snippets_and_settings_are_editable(admin_client):
    assert admin_client.get(reverse("wagtailsnippets_core_person:list")).status_code == 200
    assert admin_client.get(reverse("wagtailsnippets_articles_topic:list")).status_code == 200
    settings_url = reverse("wagtailsettings:edit", args=("core", "clinicsettings"))
    assert admin_client.get(settings_url, follow=True).status_code == 200
