"""The e-mail to the intake address: 'new request', its reference and an admin link. Nothing else.

Retry design (bounded): a failed send marks the request ``failed`` (shown in the inbox), records
the error class only, and, when the task backend can defer, enqueues one more attempt after
2, 4, 8, 16... minutes, up to ``BOOKING_NOTIFY_MAX_ATTEMPTS`` (default 5) in all.
``manage.py retry_booking_notifications`` (run from cron, see README) re-enqueues requests whose
notification is still pending or failed and due, so a lost task or a stopped worker cannot
leave one unsent.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .models import BookingRequest

logger = logging.getLogger(__name__)

NS = BookingRequest.NotificationStatus
# A task that was claimed but never finished (worker killed) is retried after this long.
STALE_AFTER = datetime.timedelta(minutes=15)
# A pending notification whose task never ran (queue down) is retried after this long.
PENDING_GRACE = datetime.timedelta(minutes=10)


def max_attempts() -> int:
    return int(settings.BOOKING_NOTIFY_MAX_ATTEMPTS)


def backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(minutes=2**attempts)


def admin_url(request_pk) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("booking_requests:inspect", args=[request_pk])


def build_message(booking: BookingRequest) -> tuple[str, str]:
    subject = f"New request {booking.reference}"
    body = (
        "A new request has come in through the website.\n\n"
        f"Reference: {booking.reference}\n"
        f"Open it in the intake inbox (sign-in needed): {admin_url(booking.pk)}\n\n"
        "For privacy, this email does not contain any details from the request.\n"
    )
    return subject, body


def claim(pk) -> BookingRequest | None:
    """Mark the request as being sent, unless it was sent already or another worker has it."""
    now = timezone.now()
    claimed = (
        BookingRequest.objects.filter(pk=pk)
        .filter(
            Q(notification_status__in=[NS.PENDING, NS.FAILED])
            | Q(notification_status=NS.SENDING, notification_updated_at__lt=now - STALE_AFTER)
        )
        .update(notification_status=NS.SENDING, notification_updated_at=now)
    )
    if not claimed:
        return None
    return BookingRequest.objects.get(pk=pk)


def notify(pk) -> str:
    """Send the notification for one request. Returns the resulting status."""
    booking = claim(pk)
    if booking is None:
        return "skipped"
    subject, body = build_message(booking)
    attempts = booking.notification_attempts + 1
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [settings.INTAKE_EMAIL])
    except Exception as exc:  # any mail failure: keep the request, mark it, retry later
        now = timezone.now()
        next_at = now + backoff(attempts) if attempts < max_attempts() else None
        BookingRequest.objects.filter(pk=pk).update(
            notification_status=NS.FAILED,
            notification_attempts=attempts,
            notification_error=f"{type(exc).__name__} at {now:%Y-%m-%d %H:%M}"[:200],
            notification_updated_at=now,
            notification_next_attempt_at=next_at,
        )
        # The reference and error class only: the exception text could echo addresses.
        logger.warning(
            "booking notification failed for %s (attempt %s): %s",
            booking.reference,
            attempts,
            type(exc).__name__,
        )
        if next_at is not None:
            schedule_retry(pk, next_at)
        return NS.FAILED
    BookingRequest.objects.filter(pk=pk).update(
        notification_status=NS.SENT,
        notification_attempts=attempts,
        notification_error="",
        notification_updated_at=timezone.now(),
        notification_next_attempt_at=None,
    )
    return NS.SENT


def schedule_retry(pk, when):
    """Enqueue a later attempt when the backend supports run_after (the database backend does)."""
    from .tasks import send_booking_notification

    backend = send_booking_notification.get_backend()
    if not backend.supports_defer:
        return False  # e.g. the immediate backend in tests: the retry command takes over
    try:
        send_booking_notification.using(run_after=when).enqueue(pk)
    except Exception as exc:
        logger.warning("could not schedule a notification retry: %s", type(exc).__name__)
        return False
    return True


def due_for_retry(now=None):
    """Requests whose notification should be attempted again now."""
    now = now or timezone.now()
    return BookingRequest.objects.filter(
        Q(notification_status=NS.PENDING, notification_updated_at__lt=now - PENDING_GRACE)
        | Q(notification_status=NS.SENDING, notification_updated_at__lt=now - STALE_AFTER)
        | Q(
            notification_status=NS.FAILED,
            notification_attempts__lt=max_attempts(),
            notification_next_attempt_at__lte=now,
        )
    )


def retry_due(now=None) -> int:
    """Enqueue a notification task for every request that is due. Returns how many."""
    from .tasks import send_booking_notification

    count = 0
    for pk in due_for_retry(now).values_list("pk", flat=True):
        send_booking_notification.enqueue(pk)
        count += 1
    return count
