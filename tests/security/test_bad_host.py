"""A request for a host name the site does not serve: 400 and one short log line, no traceback
(content/security/middleware.py, views.bad_request, log_format.py, LOGGING in base.py)."""

import logging
import socket
from urllib.parse import urlsplit

import pytest

from content.security.log_format import OneLineFormatter
from tests.live_server import start_gunicorn
from tests.performance.test_gunicorn import _production_env


@pytest.fixture
def all_records(caplog):
    """caplog sees the loggers that do not propagate to the root logger too."""
    caplog.set_level(logging.INFO)
    names = ("django.security", "django.request")
    for name in names:
        logging.getLogger(name).addHandler(caplog.handler)
    yield caplog
    for name in names:
        logging.getLogger(name).removeHandler(caplog.handler)


def security_handler():
    handlers = logging.getLogger("django.security").handlers
    return next(h for h in handlers if isinstance(h.formatter, OneLineFormatter))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/learn/", "/search/?q=x", "/healthz"])
@pytest.mark.parametrize("host", ["evil.example", "evil.example\u2028forged line", "127.0.0.2"])
def test_disallowed_host_is_400_with_one_short_security_line(client, all_records, path, host):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 400
    assert b"<h1>Sorry, we could not understand that request</h1>" in response.content
    logged = [r for r in all_records.records if r.levelno >= logging.WARNING]
    assert [r.name for r in logged] == ["django.security.DisallowedHost"]
    line = security_handler().format(logged[0])
    assert "\n" not in line and "\u2028" not in line and "Traceback" not in line
    escaped_host = repr(host).replace("\\", "\\\\")
    assert f"ERROR django.security.DisallowedHost Invalid HTTP_HOST header: {escaped_host}." in line


def test_production_server_logs_one_line_for_a_bad_host(tmp_path, collected_static):
    env = _production_env(
        STATIC_ROOT=str(collected_static), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"
    )
    with open(tmp_path / "stderr.log", "wb") as errors:
        proc, base = start_gunicorn(env, stderr=errors)
    try:
        before = (tmp_path / "stderr.log").read_bytes()
        with socket.create_connection(("127.0.0.1", urlsplit(base).port), timeout=15) as sock:
            sock.sendall(b"GET /learn/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
            response = b""
            while chunk := sock.recv(65536):
                response += chunk
        assert response.startswith(b"HTTP/1.1 400 ")
        # Django logs before it answers, and the handler flushes each line.
        added = (tmp_path / "stderr.log").read_bytes()[len(before) :].decode()
        assert added.count("\n") == 1, added
        assert (
            "ERROR django.security.DisallowedHost Invalid HTTP_HOST header: 'evil.example'" in added
        )
        assert "Traceback" not in added
    finally:
        proc.terminate()
        proc.wait(timeout=30)
