"""Jobs that run on a schedule through the task queue itself, so the `db_worker` process a
deployment already runs is all they need (each job is also a command, for cron if preferred).

A periodic task queues its own next run each time it starts, ``every`` later. The first run is
queued by ``schedule_all()``: after every ``manage.py migrate`` (so each release), and by
``manage.py schedule_periodic_tasks``. Nothing is queued twice: a job that already has a run
waiting is left alone. Backends that cannot run a task later (the immediate backend in tests)
schedule nothing.
"""

from __future__ import annotations

import functools
import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# task module path -> (task, interval)
REGISTRY: dict[str, tuple[object, timedelta]] = {}


def periodic(every: timedelta):
    """``@periodic(every=timedelta(days=1))`` on a function with no arguments: a task that,
    once queued, keeps itself queued."""

    def decorate(func):
        @functools.wraps(func)
        def run():
            schedule(REGISTRY[path][0], every)
            return func()

        periodic_task = task()(run)
        path = periodic_task.module_path
        REGISTRY[path] = (periodic_task, every)
        return periodic_task

    return decorate


def _waiting(periodic_task) -> bool:
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=periodic_task.module_path, status=TaskResultStatus.READY
    ).exists()


def schedule(periodic_task, every: timedelta) -> bool:
    """Queue the next run unless one is already waiting. True when a run was queued."""
    if not periodic_task.get_backend().supports_defer:
        return False
    if _waiting(periodic_task):
        return False
    periodic_task.using(run_after=timezone.now() + every).enqueue()
    return True


def schedule_all() -> list[str]:
    """Queue the first run of every periodic job that has none waiting; their paths."""
    _import_task_modules()
    queued = [path for path, (t, every) in REGISTRY.items() if schedule(t, every)]
    for path in queued:
        logger.info("scheduled periodic task %s", path)
    return queued


def _import_task_modules() -> None:
    """Periodic tasks register themselves when their app's tasks module is imported."""
    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    for config in apps.get_app_configs():
        if config.name.startswith("content.") and module_has_submodule(config.module, "tasks"):
            __import__(f"{config.name}.tasks")
