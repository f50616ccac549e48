"""Retention: delete requests after BOOKING_RETENTION_DAYS; find one person's requests."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from .models import SUBMITTED_FIELDS, BookingRequest, retention_days
from .validators import phone_digits

logger = logging.getLogger(__name__)

# One person's requests, as given to them: what they submitted, their consent and our handling.
EXPORT_FIELDS = [
    *(f"{name}_id" if name == "preferred_provider" else name for name in SUBMITTED_FIELDS),
    "consent_to_contact",
    "privacy_acknowledged",
    "acknowledge_by_email",
    "status",
    "status_changed_at",
    "staff_notes",
]


def expired(now=None, days=None):
    now = now or timezone.now()
    days = retention_days() if days is None else days
    return BookingRequest.objects.filter(created_at__lt=now - datetime.timedelta(days=days))


@transaction.atomic
def purge_expired(now=None, days=None) -> int:
    deleted, _ = expired(now, days).delete()
    logger.info("purged %s booking request(s) older than the retention period", deleted)
    return deleted


def for_person(email: str = "", phone: str = ""):
    """Requests matching an email address (any case) or a phone number (any format)."""
    qs = BookingRequest.objects.none()
    if email:
        qs = qs | BookingRequest.objects.filter(email__iexact=email.strip())
    digits = phone_digits(phone)
    if len(digits) == 10:
        # Stored numbers are normalized by the form, e.g. "(510) 555-0142".
        qs = qs | BookingRequest.objects.filter(phone=f"({digits[:3]}) {digits[3:6]}-{digits[6:]}")
    return qs.distinct().order_by("created_at")


def export_rows(queryset):
    rows = []
    for values in queryset.values(*EXPORT_FIELDS):
        for key in ("created_at", "status_changed_at"):
            if values[key] is not None:
                values[key] = values[key].isoformat()
        rows.append(values)
    return rows
