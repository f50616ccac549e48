"""Background tasks (django-tasks): run by `manage.py db_worker` in production, inline in tests."""

from django_tasks import task

from . import acknowledgements, notifications


@task()
def send_booking_notification(request_pk: int) -> str:
    return notifications.notify(request_pk)


@task()
def send_booking_acknowledgement(request_pk: int) -> str:
    return acknowledgements.send(request_pk)
