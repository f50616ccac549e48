import logging

from django.apps import AppConfig
from django.db import DatabaseError
from django.db.models.signals import post_migrate

logger = logging.getLogger(__name__)


def schedule_periodic_tasks(sender, **kwargs):
    """After every migrate (each release): queue the first run of periodic jobs (periodic.py)."""
    from .periodic import schedule_all

    try:
        schedule_all()
    except DatabaseError:
        logger.exception("could not schedule the periodic tasks; run schedule_periodic_tasks")


class CoreConfig(AppConfig):
    name = "content.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self):
        post_migrate.connect(
            schedule_periodic_tasks, sender=self, dispatch_uid="core-schedule-periodic-tasks"
        )
