from django.core.management.base import BaseCommand

from content.booking.notifications import retry_due


class Command(BaseCommand):
    help = (
        "Queue the intake notification again for requests whose e-mail failed (up to "
        "BOOKING_NOTIFY_MAX_ATTEMPTS) or never left the queue. Run every few minutes from cron."
    )

    def handle(self, *args, **options):
        count = retry_due()
        self.stdout.write(f"Queued {count} notification(s).")
