"""Site-wide periodic jobs (see periodic.py)."""

from datetime import timedelta

from django.core.management import call_command

from .periodic import periodic


@periodic(every=timedelta(minutes=5))
def publish_scheduled_pages() -> None:
    """Publish and unpublish pages whose go-live or expiry time has passed."""
    call_command("publish_scheduled", verbosity=0)
