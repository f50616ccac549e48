"""Page previews can be framed by the admin's side panel, and only by the site itself; every
other public response keeps `frame-ancestors 'none'`."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from content.articles.models import ArticlePage
from tests.governance.conftest import article_form_data, make_user

from .test_headers import csp_directives

PAGE_TYPES = [
    "homepage",
    "articleindexpage",
    "articlepage",
    "standardpage",
    "providerdirectorypage",
    "providerpage",
    "bookingpage",
]


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_TYPES)
def test_every_page_type_previews_with_the_public_policy_framed_by_the_site(model):
    page = Page.objects.live().filter(content_type__model=model).first()
    assert page is not None, f"the sample content has a {model}"
    # What the admin's preview view does: a dummy request through the whole middleware chain.
    response = page.specific.make_preview_request()
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-src"] == ["'none'"]


@pytest.mark.django_db
def test_public_pages_still_refuse_frames(client):
    for model in PAGE_TYPES:
        page = Page.objects.live().filter(content_type__model=model).first()
        response = client.get(page.url, secure=True)
        assert response.status_code == 200, page.url
        assert csp_directives(response["Content-Security-Policy"])["frame-ancestors"] == [
            "'none'"
        ], page.url


@pytest.mark.django_db
def test_editor_preview_panel_response_can_be_framed(client):
    draft_article = Page.objects.live().type(ArticlePage).first().specific
    editor = make_user("preview-editor", "Editors")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(draft_article.pk,))
    assert client.post(url, article_form_data(draft_article)).json()["is_valid"]
    response = client.get(url, {"mode": ""}, secure=True)
    assert response.status_code == 200
    assert draft_article.title in response.content.decode()
    assert csp_directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
