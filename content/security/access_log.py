r"""gunicorn's access log with every logged value escaped, so a request cannot forge log lines.

gunicorn logs `PATH_INFO` (`%(U)s`) percent-decoded: `/a%0d%0afake line` wrote a second,
forged line, and `%00` a raw NUL. gunicorn's parser already refuses literal CR, LF and NUL in
the request line (400, no access-log line); the decoded path, headers and the rest are escaped
here (content/security/escaping.py; gunicorn itself turns `"` into `\"`). One request is always
exactly one line. Used through gunicorn's public `logger_class` setting (kapsite/gunicorn.conf.py).
"""

from gunicorn.glogging import Logger

from .escaping import escape


class EscapingLogger(Logger):
    """gunicorn's Logger whose access-log atoms (path, request line, headers...) are escaped."""

    def atoms(self, resp, req, environ, request_time):
        return {
            key: escape(value) if isinstance(value, str) else value
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }
