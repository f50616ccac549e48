from django.core.management.base import BaseCommand

from content.core.periodic import REGISTRY, schedule_all


class Command(BaseCommand):
    help = (
        "Queue the first run of every periodic task that has none waiting (migrate does this "
        "too). The db_worker then runs each one on its schedule."
    )

    def handle(self, *args, **options):
        queued = schedule_all()
        for path, (_, every) in sorted(REGISTRY.items()):
            state = "queued now" if path in queued else "already waiting"
            self.stdout.write(f"{path}: every {every} ({state})")
