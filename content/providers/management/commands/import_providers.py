from argparse import RawDescriptionHelpFormatter

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from content.providers.csv_import import ImportFailed, ProviderImporter, columns_help
from content.providers.models import ProviderDirectoryPage


class Command(BaseCommand):
    help = (
        "Import providers from a CSV file (and, optionally, their clinicians from a second CSV).\n"
        "Every row is checked first. If any row has an error, the errors are listed by row and\n"
        "column, nothing is written, and the command exits with status 1. A provider whose slug\n"
        "already exists is updated (a new published revision); clinicians listed for a provider\n"
        "replace that provider's clinicians. Lists inside a cell are separated by ';'.\n\n"
        + columns_help()
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file of providers (UTF-8, header row first).")
        parser.add_argument("--clinicians", help="CSV file of clinicians (one row each).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the files and report; write nothing."
        )

    def handle(self, *args, file, clinicians=None, dry_run=False, **options):
        directory = ProviderDirectoryPage.objects.filter(locale=Locale.get_default()).first()
        if directory is None:
            raise CommandError("There is no provider directory page yet. Create it first.")
        importer = ProviderImporter(directory, file, clinicians)
        try:
            result = importer.run(dry_run=dry_run)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(exc.errors)} error(s) found. Nothing was imported. Fix the rows above "
                "and run the command again."
            ) from exc
        prefix = "Dry run, nothing written: would create" if dry_run else "Created"
        self.stdout.write(
            f"{prefix} {len(result.created)} provider(s), "
            f"{'update' if dry_run else 'updated'} {len(result.updated)}, "
            f"with {result.clinicians} clinician(s)."
        )
        for slug in result.created:
            self.stdout.write(f"  new: {slug}")
        for slug in result.updated:
            self.stdout.write(f"  updated: {slug}")
