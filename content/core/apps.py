from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "content.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self):
        from .site_url import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="core.sync_site_url")
