from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "kapsite-local-demo"  # noqa: S105 - local development only, refused when DEBUG is off


class Command(BaseCommand):
    help = "Create a local-only superuser for the demo site and print its login (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_demo_admin only runs with DEBUG on (local development).")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"email": "admin@example.com", "is_staff": True, "is_superuser": True},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login for local use: http://127.0.0.1:8000/admin/  "
                f"username '{DEMO_USERNAME}'  password '{DEMO_PASSWORD}'"
                + ("" if created else " (unchanged if you changed it)")
            )
        )
