"""Wagtail's document views with a cache policy (README, Security).

A document in a collection with a view restriction (login, groups or password) is answered
`Cache-Control: private, no-store`, whatever the answer is: the file itself, the redirect to
the sign-in page or the password form. A shared cache or CDN must never keep it, and a browser
must not keep a copy after sign-out. A public document may be cached for
KAPSITE_PUBLIC_DOCUMENT_MAX_AGE seconds (Wagtail adds an ETag, so a browser revalidates cheaply).

Wired in kapsite/urls.py under the URL names Wagtail's own views have, so `document.url` and
rich-text document links are unchanged. WAGTAILDOCS_SERVE_METHOD is "serve_view" (security.py):
every download goes through this view and its restriction check, never a direct storage URL.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views import serve as wagtail_serve

PRIVATE = "private, no-store"


def is_restricted(document_id) -> bool:
    """True when the document's collection, or one above it, has a view restriction."""
    document = (
        get_document_model().objects.filter(pk=document_id).select_related("collection").first()
    )
    return document is not None and document.collection.get_view_restrictions().exists()


def serve(request, document_id, document_filename):
    response = wagtail_serve.serve(request, document_id, document_filename)
    if is_restricted(document_id):
        response["Cache-Control"] = PRIVATE
    elif response.status_code == 200 and "Cache-Control" not in response:
        patch_cache_control(response, public=True, max_age=settings.KAPSITE_PUBLIC_DOCUMENT_MAX_AGE)
    return response


def authenticate_with_password(request, restriction_id):
    """The password form of a restricted collection: always private."""
    response = wagtail_serve.authenticate_with_password(request, restriction_id)
    response["Cache-Control"] = PRIVATE
    return response
