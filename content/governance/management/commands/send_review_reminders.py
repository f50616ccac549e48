from django.core.management.base import BaseCommand

from content.governance.tasks import send_review_reminders


class Command(BaseCommand):
    help = "Queue the e-mail reminders to owners of health pages due for clinical review (daily)."

    def handle(self, *args, **options):
        result = send_review_reminders.enqueue()
        self.stdout.write(f"Review reminders queued (task {result.id}).")
