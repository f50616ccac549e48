"""How the intake inbox shows stored values to staff: words instead of codes, local times.

Every time is shown in the clinic's time zone (settings.TIME_ZONE) with the zone named, the same
in the list, the detail view and the exports, so nobody has to convert from UTC.
"""

from django.utils import dateformat, timezone

NOT_GIVEN = "Not given"
TIME_FORMAT = "j M Y, H:i T"  # 2 Dec 2026, 09:06 PST


def local_time(value) -> str:
    """'2 Dec 2026, 09:06 PST' in the clinic's time zone, or 'Not given'."""
    if value is None:
        return NOT_GIVEN
    return dateformat.format(timezone.localtime(value), TIME_FORMAT)


def yes_no(value) -> str:
    if value is None:
        return NOT_GIVEN
    return "Yes" if value else "No"


def text_or_not_given(value) -> str:
    return str(value) if value not in (None, "") else NOT_GIVEN


def display_value(booking, field_name: str) -> str:
    """A stored field as staff should read it: choice labels, Yes/No, local times, page titles."""
    if field_name == "preferred_provider":
        provider = booking.preferred_provider
        return provider.title if provider is not None else "No preference"
    value = getattr(booking, field_name)
    label = getattr(booking, f"get_{field_name}_display", None)
    if label is not None:
        return label()
    if isinstance(value, bool):
        return yes_no(value)
    if hasattr(value, "tzinfo"):
        return local_time(value)
    return text_or_not_given(value)
