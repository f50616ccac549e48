"""Text that goes into a log line: one line, printable ASCII, unambiguous."""

import re

UNSAFE = re.compile(r"[^\x20-\x5b\x5d-\x7e]")  # printable ASCII except the backslash


def _escape_match(match: re.Match) -> str:
    character = match.group()
    if character == "\\":
        return "\\\\"
    code = ord(character)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escape(value: str) -> str:
    r"""The value with `\` doubled and anything outside printable ASCII (CR, LF, NUL, other
    control characters, DEL, non-ASCII, Unicode line separators) as `\xNN`, `\uNNNN` or
    `\UNNNNNNNN`."""
    return UNSAFE.sub(_escape_match, value) if UNSAFE.search(value) else value
