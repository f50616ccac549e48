from django.core.management.base import BaseCommand, CommandError

from content.booking.models import retention_days
from content.booking.retention import expired, purge_expired


class Command(BaseCommand):
    help = (
        "Delete booking requests older than BOOKING_RETENTION_DAYS (default 90). "
        "Run daily from cron or a timer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Override the retention period in days.")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would go.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = retention_days() if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least 1 day.")
        if dry_run:
            self.stdout.write(f"{expired(days=days).count()} request(s) older than {days} days.")
            return
        deleted = purge_expired(days=days)
        self.stdout.write(f"Deleted {deleted} request(s) older than {days} days.")
