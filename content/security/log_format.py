"""Log format for events a stranger can trigger at will (LOGGING in kapsite/settings/base.py).

A request with a Host header not in ALLOWED_HOSTS, and Django's other "suspicious operation"
events (`django.security.*`), are logged as one short, escaped line: no traceback (it says
nothing about the site, only that someone sent a bad request) and nothing that could start a
second line.
"""

import logging

from .escaping import escape


class OneLineFormatter(logging.Formatter):
    def format(self, record):
        short = logging.makeLogRecord(record.__dict__)
        short.exc_info = short.exc_text = short.stack_info = None
        return escape(super().format(short))
