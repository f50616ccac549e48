import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from content.booking.models import BookingRequest
from content.booking.notifications import due_for_retry

from .conftest import URL, valid_data

pytestmark = pytest.mark.django_db

FAILING = "tests.booking.failing_email_backend.FailingEmailBackend"


def test_notification_email_contains_no_submitted_values(client, booking_page, settings):
    settings.INTAKE_EMAIL = "intake-team@example.com"
    data = valid_data(
        name="Quinn Lowercase",
        email="quinn.private@example.com",
        phone="(415) 555-0177",
        preferred_times="Thursdays after lunch",
        note="My cousin referred me",
    )
    client.post(URL, data)
    booking = BookingRequest.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["intake-team@example.com"]
    assert message.subject == f"New request {booking.reference}"
    assert f"http://localhost/admin/intake/inspect/{booking.pk}/" in message.body
    everything = " ".join(
        [message.subject, message.body, " ".join(message.to), message.from_email]
        + [str(v) for v in message.extra_headers.values()]
    ).lower()
    for value in [
        "Quinn",
        "Lowercase",
        "quinn.private",
        "555-0177",
        "4155550177",
        "Thursdays",
        "cousin",
        "appointment",
    ]:
        assert value.lower() not in everything
    assert not message.attachments


def test_failing_email_keeps_the_request_and_marks_the_failure(client, booking_page, settings):
    settings.EMAIL_BACKEND = FAILING
    response = client.post(URL, valid_data())
    assert response.status_code == 302  # the patient still gets the confirmation
    booking = BookingRequest.objects.get()
    assert booking.notification_status == "failed"
    assert booking.notification_attempts == 1
    assert booking.notification_error.startswith("SMTPConnectError")
    assert booking.notification_next_attempt_at > timezone.now()

    # The retry job sends it once it is due and mail works again.
    assert call_command_output("retry_booking_notifications") == "Queued 0 notification(s)."
    BookingRequest.objects.filter(pk=booking.pk).update(
        notification_next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert call_command_output("retry_booking_notifications") == "Queued 1 notification(s)."
    booking.refresh_from_db()
    assert booking.notification_status == "sent"
    assert booking.notification_attempts == 2
    assert len(mail.outbox) == 1
    # Sent once: another run sends nothing more.
    assert call_command_output("retry_booking_notifications") == "Queued 0 notification(s)."


def test_retries_stop_after_the_maximum(make_request, settings):
    settings.EMAIL_BACKEND = FAILING
    settings.BOOKING_NOTIFY_MAX_ATTEMPTS = 3
    booking = make_request()
    from content.booking.notifications import retry_due
    from content.booking.tasks import send_booking_notification

    send_booking_notification.enqueue(booking.pk)
    for _ in range(5):
        BookingRequest.objects.filter(
            pk=booking.pk, notification_next_attempt_at__isnull=False
        ).update(notification_next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
        retry_due()
    booking.refresh_from_db()
    assert booking.notification_attempts == 3
    assert booking.notification_status == "failed"
    assert booking.notification_next_attempt_at is None
    assert not due_for_retry().filter(pk=booking.pk).exists()


def test_stuck_pending_notification_is_picked_up(make_request):
    booking = make_request()
    BookingRequest.objects.filter(pk=booking.pk).update(
        notification_updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert call_command_output("retry_booking_notifications") == "Queued 1 notification(s)."
    booking.refresh_from_db()
    assert booking.notification_status == "sent"


def call_command_output(name, *args):
    from io import StringIO

    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue().strip()
