import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.log_actions import log

from content.booking.retention import export_rows, for_person


class Command(BaseCommand):
    help = (
        "Export (as JSON) or delete every booking request from one person, "
        "found by email address and/or phone number."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--export", action="store_true", help="Print the requests as JSON.")
        action.add_argument("--delete", action="store_true", help="Delete the requests.")
        parser.add_argument("--output", help="Write the export to this file instead of stdout.")

    def handle(self, *args, email="", phone="", export=False, delete=False, output=None, **opts):
        if not email and not phone:
            raise CommandError("Give --email or --phone (or both).")
        requests = for_person(email=email, phone=phone)
        if export:
            payload = json.dumps(export_rows(requests), indent=2, ensure_ascii=False)
            if output:
                with open(output, "w", encoding="utf-8") as fh:
                    fh.write(payload + "\n")
                self.stderr.write(f"Wrote {requests.count()} request(s) to the file.")
            else:
                self.stdout.write(payload)
            return
        with transaction.atomic():
            items = list(requests)
            for booking in items:
                log(instance=booking, action="wagtail.delete")
                booking.delete()
        self.stdout.write(f"Deleted {len(items)} request(s).")
