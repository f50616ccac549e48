"""Validators for what a patient types into the booking form."""

import re
import unicodedata

from django.core.exceptions import ValidationError

CONTROL_MESSAGE = "Remove the hidden control characters from this answer and try again."

# Line breaks and tabs are fine in the multi-line note; nowhere else.
MULTILINE_ALLOWED = {"\n", "\r", "\t"}


def _has_control(value: str, allowed: set[str]) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in value)


def reject_control_characters(value):
    """Single-line answers: no NUL or other control characters; other Unicode is kept as is."""
    if value and _has_control(value, set()):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


def reject_control_characters_multiline(value):
    if value and _has_control(value, MULTILINE_ALLOWED):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


PHONE_ALLOWED = re.compile(r"^[0-9 ()+.\-]+$")
PHONE_MESSAGE = "Enter a US phone number with 10 digits, like 510-555-0123."


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
