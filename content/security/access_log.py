"""gunicorn's access log with every logged value escaped, so a request cannot forge log lines.

gunicorn logs `PATH_INFO` (`%(U)s`) percent-decoded: `/a%0d%0afake line` wrote a second,
forged line, and `%00` a raw NUL. gunicorn's parser already refuses literal CR, LF and NUL in
the request line (400, no access-log line); the decoded path, headers and the rest are escaped
here. Used through gunicorn's public `logger_class` setting (kapsite/gunicorn.conf.py).

Escaping: a backslash becomes `\\\\`, anything outside printable ASCII becomes `\\xNN`,
`\\uNNNN` or `\\UNNNNNNNN` (control characters, DEL, non-ASCII, Unicode line separators), and
gunicorn itself turns `"` into `\\"`. One request is always exactly one line.
"""

import re

from gunicorn.glogging import Logger

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
    """The value with backslashes and anything outside printable ASCII escaped."""
    return UNSAFE.sub(_escape_match, value) if UNSAFE.search(value) else value


class EscapingLogger(Logger):
    """gunicorn's Logger whose access-log atoms (path, request line, headers...) are escaped."""

    def atoms(self, resp, req, environ, request_time):
        return {
            key: escape(value) if isinstance(value, str) else value
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }
