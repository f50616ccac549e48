from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    """The public site search page (/search/) and the header search box."""

    name = "content.sitesearch"
    label = "sitesearch"
    verbose_name = "Site search"
