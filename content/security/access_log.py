r"""gunicorn's access log with every logged value escaped, so a request cannot forge log lines.

gunicorn logs `PATH_INFO` (`%(U)s`) percent-decoded: `/a%0d%0afake line` wrote a second,
forged line, and `%00` a raw NUL. gunicorn's parser already refuses literal CR, LF and NUL in
the request line (400, no access-log line); the values the format reads (decoded path, headers
and the rest) are escaped here (content/security/escaping.py, then `"` as `\"` as gunicorn
does). One request is always exactly one line. Used through gunicorn's public `logger_class`
setting (kapsite/gunicorn.conf.py).
"""

from gunicorn.glogging import Logger, SafeAtoms

from .escaping import escape


class EscapedAtoms(SafeAtoms):
    """gunicorn's atoms mapping, escaping a value when the log format reads it (only the few
    atoms in access_log_format, not every header and environ entry of the request)."""

    def __init__(self, atoms):
        dict.__init__(self, atoms)  # raw values; SafeAtoms would quote-escape them all here

    def __getitem__(self, key):
        value = super().__getitem__(key)
        return escape(value).replace('"', '\\"') if isinstance(value, str) else value


class EscapingLogger(Logger):
    """gunicorn's Logger whose access-log values are escaped."""

    atoms_wrapper_class = EscapedAtoms
