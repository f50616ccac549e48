"""Audit-log entries for the intake inbox (Wagtail's audit log, shown in Site history).

One entry per action a person takes: one per list page shown (who, when, which filters, which
references were on screen), one per export, one per detail view, status change or note. Entries
never hold what a patient typed: the free-text search is recorded only as "a search was used",
because staff search by name, e-mail or phone.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry

from .models import BookingRequest

# List and export entries are about the inbox, not one request. They carry the booking content
# type (so only people with booking permissions see them in Site history) and an object id that
# no request has (ids start at 1).
INBOX_OBJECT_ID = "0"
INBOX_LABEL = "Intake inbox"
SEARCH_PARAMETER = "q"
NOT_FILTERS = {SEARCH_PARAMETER, "export", "p"}


def filters_used(query_dict) -> dict:
    """The filters and ordering of a list request, without the search text."""
    used = {
        key: ", ".join(v for v in query_dict.getlist(key) if v)
        for key in sorted(query_dict)
        if key not in NOT_FILTERS
    }
    used = {key: value for key, value in used.items() if value}
    if query_dict.get(SEARCH_PARAMETER, "").strip():
        used["search"] = "used (the words are not recorded)"
    return used


def log_inbox_action(request, action, bookings, *, page=None):
    data = {
        "filters": filters_used(request.GET),
        "count": len(bookings),
        "references": [booking.reference for booking in bookings],
    }
    if page is not None:
        data["page"] = page
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(BookingRequest),
        object_id=INBOX_OBJECT_ID,
        label=INBOX_LABEL,
        action=action,
        user=request.user,
        timestamp=timezone.now(),
        data=data,
    )


class InboxActionFormatter(LogFormatter):
    """'Listed 3 requests (filters: status=new)' in Site history."""

    verb = "Listed"

    def format_message(self, log_entry):
        data = log_entry.data or {}
        filters = data.get("filters") or {}
        described = "; ".join(f"{key}: {value}" for key, value in filters.items())
        count = data.get("count", 0)
        noun = "request" if count == 1 else "requests"
        return f"{self.verb} {count} {noun} ({described or 'no filters'})"


class ListFormatter(InboxActionFormatter):
    label = "View inbox list"
    verb = "Listed"


class ExportFormatter(InboxActionFormatter):
    label = "Export requests"
    verb = "Exported"
