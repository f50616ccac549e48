"""Which page types site search lists: those that declare a ``site_search_label``.

Page types opt in with model attributes (see ``content.core.models.BasePage``), so this app
never names another app's models.
"""

from django.apps import apps
from wagtail.models import Page


def searchable_models() -> list[type[Page]]:
    """Concrete page types with a site search label, in rank order."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and getattr(model, "site_search_label", "")
    ]
    return sorted(models, key=lambda m: (m.site_search_rank, m._meta.label))
