from django.core.management.base import BaseCommand, CommandError

from content.core.initial_content import FixtureError, load_all


class Command(BaseCommand):
    help = "Build the page tree and sample content from fixtures/ (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Replace existing pages' content with the fixture text (as a new revision).",
        )

    def handle(self, *args, update=False, **options):
        try:
            log = load_all(update=update)
        except FixtureError as exc:
            raise CommandError(f"Initial content has an error: {exc}") from exc
        for line in log:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Initial content ready ({len(log)} items checked)."))
