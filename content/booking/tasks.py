"""Background tasks (django-tasks): run by `manage.py db_worker` in production, inline in tests."""

from datetime import timedelta

from django_tasks import task

from content.core.periodic import periodic

from . import notifications, retention


@task()
def send_booking_notification(request_pk: int) -> str:
    return notifications.notify(request_pk)


@periodic(every=timedelta(minutes=10))
def retry_booking_notifications() -> int:
    return notifications.retry_due()


@periodic(every=timedelta(days=1))
def purge_expired_booking_requests() -> int:
    return retention.purge_expired()
