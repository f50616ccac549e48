"""Documents in a restricted collection are never cacheable (content/security/documents.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Files on disk, as in production without object storage (tests use memory storage)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def make_document(title, restriction_type=None, **restriction):
    collection = Collection.get_first_root_node().add_child(name=f"{title} collection")
    if restriction_type:
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=restriction_type, **restriction
        )
    document = get_document_model()(title=title, collection=collection)
    document.file.save(f"{title}.txt", ContentFile(b"clinic handout"), save=False)
    document.save()
    return document


@pytest.fixture
def staff_user():
    return get_user_model().objects.create_user("reader", "reader@example.com", "x" * 16)


def test_restricted_document_served_to_a_signed_in_user_is_private_no_store(client, staff_user):
    document = make_document("staff-only", CollectionViewRestriction.LOGIN)
    client.force_login(staff_user)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"clinic handout"
    assert cache_directives(response) == {"private", "no-store"}


def test_anonymous_request_for_a_restricted_document_goes_to_sign_in_and_is_not_cacheable(client):
    document = make_document("staff-only", CollectionViewRestriction.LOGIN)
    response = client.get(document.url)
    assert response.status_code == 302
    assert "/login/?next=/documents/" in response["Location"]
    assert cache_directives(response) == {"private", "no-store"}


def test_document_below_a_restricted_collection_is_private_too(client, staff_user):
    parent = make_document("parent", CollectionViewRestriction.LOGIN).collection
    child = parent.add_child(name="Nested")
    document = get_document_model()(title="nested", collection=child)
    document.file.save("nested.txt", ContentFile(b"nested"), save=False)
    document.save()
    assert cache_directives(client.get(document.url)) == {"private", "no-store"}
    client.force_login(staff_user)
    response = client.get(document.url)
    assert response.status_code == 200
    assert cache_directives(response) == {"private", "no-store"}


def test_group_restricted_document_is_private_for_members_and_others(client, staff_user):
    intake = Group.objects.create(name="Document readers")
    document = make_document("group-only", CollectionViewRestriction.GROUPS)
    CollectionViewRestriction.objects.get(collection=document.collection).groups.set([intake])
    client.force_login(staff_user)
    refused = client.get(document.url)
    assert refused.status_code == 302
    assert cache_directives(refused) == {"private", "no-store"}
    staff_user.groups.add(intake)
    served = client.get(document.url)
    assert served.status_code == 200
    assert cache_directives(served) == {"private", "no-store"}


def test_password_restricted_document_form_and_file_are_private(client):
    document = make_document(
        "password-only", CollectionViewRestriction.PASSWORD, password="open-sesame-123"
    )
    form = client.get(document.url)
    assert form.status_code == 200
    assert cache_directives(form) == {"private", "no-store"}
    restriction = CollectionViewRestriction.objects.get(collection=document.collection)
    sent = client.post(
        f"/documents/authenticate_with_password/{restriction.id}/",
        {"password": "open-sesame-123", "return_url": document.url},
    )
    assert sent.status_code == 302
    assert cache_directives(sent) == {"private", "no-store"}
    served = client.get(document.url)
    assert served.status_code == 200
    assert cache_directives(served) == {"private", "no-store"}


def test_public_document_may_be_cached_briefly(client, settings):
    document = make_document("public-leaflet")
    response = client.get(document.url)
    assert response.status_code == 200
    assert cache_directives(response) == {
        "public",
        f"max-age={settings.KAPSITE_PUBLIC_DOCUMENT_MAX_AGE}",
    }
    assert response.has_header("ETag")


def test_documents_are_always_served_through_the_restriction_check(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_unknown_document_is_a_plain_404(client):
    assert client.get("/documents/999999/nothing.txt").status_code == 404
