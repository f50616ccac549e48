"""Validators for what a patient types into the booking form."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CONTROL_MESSAGE = _("Remove the hidden control characters from this answer and try again.")

# Line breaks and tabs are fine in the multi-line note; nowhere else.
MULTILINE_ALLOWED = frozenset({"\n", "\r", "\t"})


def reject_control_characters_in(value: str, allowed: frozenset[str] = frozenset()) -> None:
    """No NUL or other control characters (except those allowed); other Unicode is kept as is.
    Called on the raw answer by content.booking.fields, before any stripping."""
    if any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


PHONE_ALLOWED = re.compile(r"^[0-9 ()+.\-]+$")
PHONE_MESSAGE = _("Enter a US phone number with 10 digits, like 510-555-0123.")


def normalize_phone(value: str) -> str:
    """'+1 510.555.0142' -> '(510) 555-0142'. Raises ValidationError when it is not a US number."""
    value = (value or "").strip()
    if not PHONE_ALLOWED.match(value):
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10 or digits[0] in "01" or digits[3] in "01":
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


def phone_digits(value: str) -> str:
    """The ten digits of a phone number, for matching (used by the per-person command)."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits
