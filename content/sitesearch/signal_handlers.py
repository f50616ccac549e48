"""Keep the spelling vocabulary in step with the content: rebuilt in the background after a
searchable page is published, unpublished or deleted, or a vocabulary snippet changes."""

import time

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .searchable import searchable_models
from .vocabulary import vocabulary_models


def queue_rebuild(**kwargs):
    from .tasks import rebuild_vocabulary

    requested_at = time.time()
    transaction.on_commit(lambda: rebuild_vocabulary.enqueue(requested_at))


def page_changed(sender, instance, **kwargs):
    page_type = instance.specific_class
    if page_type is not None and issubclass(page_type, tuple(searchable_models())):
        queue_rebuild()


def register():
    page_published.connect(page_changed, dispatch_uid="sitesearch-vocabulary-published")
    page_unpublished.connect(page_changed, dispatch_uid="sitesearch-vocabulary-unpublished")
    post_delete.connect(
        page_changed, sender=Page, dispatch_uid="sitesearch-vocabulary-page-deleted"
    )
    for model in vocabulary_models():
        uid = f"sitesearch-vocabulary-{model._meta.label_lower}"
        post_save.connect(queue_rebuild, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(queue_rebuild, sender=model, dispatch_uid=f"{uid}-deleted")
