"""Uploaded media served by the site itself when they are on local disk (no object storage).

What may be served from MEDIA_ROOT, and how:
- `images/` (renditions) and `original_images/`: public, `Cache-Control: public,
  max-age=KAPSITE_MEDIA_MAX_AGE` with Last-Modified (a browser or CDN revalidates with
  If-Modified-Since). Not "immutable": Wagtail can reuse a file name after an image is replaced.
- everything else, `documents/` above all, is 404: documents go through Wagtail's document view
  (/documents/<id>/<name>, content/security/documents.py), which checks collection view
  restrictions. A raw /media/documents/ URL would skip that check.
With object storage (AWS_STORAGE_BUCKET_NAME) media have the bucket's URLs and this view only
answers 404. Django's `django.views.static.serve` does the file work (path traversal refused,
conditional GET); fine for a clinic's traffic, and a CDN in front takes the repeats.
"""

import posixpath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views.static import serve

PUBLIC_PREFIXES = ("images/", "original_images/")


def serve_media(request, path):
    # Checked on the normalised path: "images/../documents/x.pdf" is a document.
    path = posixpath.normpath(path).lstrip("/")
    if (
        not path.startswith(PUBLIC_PREFIXES)
        or ".." in path.split("/")
        or not isinstance(default_storage, FileSystemStorage)
    ):
        raise Http404("Not a public media file.")
    response = serve(request, path, document_root=default_storage.location)
    patch_cache_control(response, public=True, max_age=settings.KAPSITE_MEDIA_MAX_AGE)
    return response
