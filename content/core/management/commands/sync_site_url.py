"""Give the default Wagtail Site the host name and port of SITE_URL (content/core/site_url.py).

`migrate` does the same at every release; run this after changing SITE_URL without a migrate.
"""

from django.core.management.base import BaseCommand

from content.core.site_url import public_root, sync_default_site


class Command(BaseCommand):
    help = "Set the default site's host name and port from SITE_URL."

    def handle(self, *args, **options):
        change = sync_default_site()
        self.stdout.write(change or f"The default site already matches SITE_URL ({public_root()}).")
