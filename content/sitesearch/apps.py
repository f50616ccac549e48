from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    """The public site search page (/search/), its synonyms and spelling vocabulary."""

    name = "content.sitesearch"
    label = "sitesearch"
    verbose_name = "Site search"
    default_auto_field = "django.db.models.BigAutoField"
    # Called by `manage.py load_initial_content` (see content.core.initial_content).
    initial_content_loader = "content.sitesearch.initial_content.load"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()
