"""Periodic jobs scheduled in the database task queue and run by the real db_worker."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from content.booking.models import BookingRequest
from content.core.periodic import REGISTRY, schedule_all

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PURGE = "content.booking.tasks.purge_expired_booking_requests"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def waiting(path):
    return DBTaskResult.objects.filter(task_path=path, status=TaskResultStatus.READY)


@pytest.mark.django_db
def test_every_periodic_job_is_queued_once(database_tasks):
    schedule_all()
    assert {
        PURGE,
        "content.booking.tasks.retry_booking_notifications",
        "content.governance.tasks.send_review_reminders",
        "content.core.tasks.publish_scheduled_pages",
    } <= set(REGISTRY)
    for path, (_, every) in REGISTRY.items():
        (row,) = waiting(path)
        due_in = row.run_after - timezone.now()
        assert every - datetime.timedelta(minutes=1) < due_in <= every, path
    assert schedule_all() == []  # nothing is queued twice
    assert DBTaskResult.objects.count() == len(REGISTRY)


@pytest.mark.django_db
def test_the_command_reports_each_job(database_tasks, capsys):
    call_command("schedule_periodic_tasks")
    out = capsys.readouterr().out
    assert f"{PURGE}: every 1 day, 0:00:00 (queued now)" in out
    call_command("schedule_periodic_tasks")
    assert f"{PURGE}: every 1 day, 0:00:00 (already waiting)" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_immediate_backend_schedules_nothing():
    assert schedule_all() == []
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_due_job_and_queues_its_next_run(database_tasks):
    old = BookingRequest(
        name="Old Request",
        email="old@example.com",
        contact_method="email",
        kind="question",
        consent_to_contact=True,
        privacy_acknowledged=True,
    ).save_with_new_reference()
    BookingRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    schedule_all()
    waiting(PURGE).update(run_after=timezone.now() - datetime.timedelta(seconds=1))  # now due

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)

    assert not BookingRequest.objects.filter(pk=old.pk).exists()
    done = DBTaskResult.objects.get(task_path=PURGE, status=TaskResultStatus.SUCCESSFUL)
    assert done.return_value == 1
    (next_run,) = waiting(PURGE)
    assert next_run.run_after > timezone.now() + datetime.timedelta(hours=23)
