from django.core.management.base import BaseCommand

from content.sitesearch import vocabulary


class Command(BaseCommand):
    help = "Rebuild site search's spelling vocabulary from the published content now."

    def handle(self, *args, **options):
        count = vocabulary.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search vocabulary rebuilt: {count} words."))
