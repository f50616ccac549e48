"""Opening hours: reading the CSV import's text form, and grouping rows for display.

Hours are stored as rows (``OpeningHours``: day, opens, closes). The import format is
'Monday to Friday, 9am to 5pm; Saturday, 9:30am to 1pm': a part that does not follow it is an
error for the person importing, never silently dropped.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_DAY_RE = "|".join(DAYS)
# What a patient reads (DAYS above is the import format, always English).
DAY_LABELS = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]
_TIME_RE = r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)"
_PART_RE = re.compile(
    rf"^\s*(?P<first>{_DAY_RE})(?:\s+(?:to|-|–)\s+(?P<last>{_DAY_RE}))?\s*[,:]?\s*"
    rf"(?P<opens>{_TIME_RE})\s*(?:to|-|–)\s*(?P<closes>{_TIME_RE})\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    """Days (1 = Monday ... 7 = Sunday) with the same hours."""

    days: tuple[int, ...]
    opens: datetime.time
    closes: datetime.time

    @property
    def day_label(self) -> str:
        first, last = DAY_LABELS[self.days[0] - 1], DAY_LABELS[self.days[-1] - 1]
        if len(self.days) == 1:
            return str(first)
        return _("%(first)s to %(last)s") % {"first": first, "last": last}

    @property
    def time_label(self) -> str:
        return _("%(opens)s to %(closes)s") % {
            "opens": format_time(self.opens),
            "closes": format_time(self.closes),
        }


def format_time(value: datetime.time) -> str:
    """9:00 -> '9am', 13:30 -> '1:30pm', 0:00 -> 'midnight', 12:00 -> 'noon'."""
    if value.minute == 0 and value.hour in (0, 12):
        return _("midnight") if value.hour == 0 else _("noon")
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def _to_time(text: str) -> datetime.time:
    hour, minute, half = re.fullmatch(_TIME_RE, text.strip(), re.IGNORECASE).groups()
    hour = int(hour)
    if not 1 <= hour <= 12 or int(minute or 0) > 59:
        raise ValueError(f"“{text.strip()}” is not a time on a 12-hour clock.")
    return datetime.time(hour % 12 + (12 if half.lower() == "pm" else 0), int(minute or 0))


def parse(text: str) -> list[tuple[int, datetime.time, datetime.time]]:
    """(day, opens, closes) rows from the import's text form; ValueError says which part is wrong."""
    rows = []
    for part in re.split(r"[;\n]", text or ""):
        if not part.strip():
            continue
        match = _PART_RE.match(part)
        if not match:
            raise ValueError(
                f"Could not read “{part.strip()}”. Write hours like "
                "“Monday to Friday, 9am to 5pm; Saturday, 9am to 1pm”."
            )
        first = DAYS.index(match["first"].title())
        last = DAYS.index(match["last"].title()) if match["last"] else first
        span = range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
        opens, closes = _to_time(match["opens"]), _to_time(match["closes"])
        rows += [(day + 1, opens, closes) for day in span]
    return rows


def spans(rows) -> list[Span]:
    """Rows with ``day``, ``opens``, ``closes``, grouped into runs of consecutive days with the
    same hours, in week order (Monday first)."""
    ordered = sorted(rows, key=lambda row: (row.day, row.opens))
    grouped: list[Span] = []
    for row in ordered:
        last = grouped[-1] if grouped else None
        if (
            last is not None
            and (last.opens, last.closes) == (row.opens, row.closes)
            and last.days[-1] == row.day - 1
        ):
            grouped[-1] = Span((*last.days, row.day), row.opens, row.closes)
        else:
            grouped.append(Span((row.day,), row.opens, row.closes))
    return grouped
