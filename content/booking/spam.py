"""Bot checks that cost a real person nothing: a hidden honeypot field and a signed start time.

Nothing a person sends is dropped on the strength of these checks: a form that fails one is
shown again with its answers and a plain message (views.py), never answered with a confirmation.
"""

import time
from enum import Enum

from django.conf import settings
from django.core import signing

TOKEN_SALT = "content.booking.form-started"  # noqa: S105 - a signing salt, not a secret
# A meaningless name: browser autofill and password managers recognise names such as
# "website", "url" or "company" and would fill a hidden field of that name for a real person.
HONEYPOT_FIELD = "zx9k"


class TokenVerdict(Enum):
    OK = "ok"
    TOO_FAST = "too_fast"  # sent sooner than a person could fill the form in
    EXPIRED = "expired"  # the page was left open too long: ask the person to send again
    INVALID = "invalid"  # missing or tampered with


def min_fill_seconds() -> float:
    return float(settings.BOOKING_MIN_FILL_SECONDS)


def max_form_age_seconds() -> int:
    return int(settings.BOOKING_FORM_MAX_AGE_SECONDS)


def new_form_token(now: float | None = None) -> str:
    """A signed note of when the form was shown, put in a hidden field."""
    return signing.dumps(round(now if now is not None else time.time(), 3), salt=TOKEN_SALT)


def resubmit_token() -> str:
    """The token for a form shown again after a POST: the person has already spent time on it,
    so sending it straight back is never 'too fast'."""
    return new_form_token(time.time() - min_fill_seconds())


def check_form_token(token: str | None) -> TokenVerdict:
    if not token or len(token) > 200:
        return TokenVerdict.INVALID
    try:
        started = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return TokenVerdict.INVALID
    if not isinstance(started, int | float):
        return TokenVerdict.INVALID
    age = time.time() - started
    if age < min_fill_seconds():
        return TokenVerdict.TOO_FAST
    if age > max_form_age_seconds():
        return TokenVerdict.EXPIRED
    return TokenVerdict.OK


def honeypot_filled(data) -> bool:
    return bool(data.get(HONEYPOT_FIELD))
