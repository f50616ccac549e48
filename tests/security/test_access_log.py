"""A request cannot forge lines in gunicorn's access log (content/security/access_log.py).

The server is the Dockerfile's command (kapsite/gunicorn.conf.py), with one worker and one
thread so requests, and their log lines, come strictly one after another."""

import socket
import time
from urllib.parse import urlsplit

import pytest

from content.security.escaping import escape
from tests.live_server import start_gunicorn
from tests.performance.test_gunicorn import _production_env

FORGED = '127.0.0.1 "GET /admin/ HTTP/1.1" 200 0 1ms'


def test_escape_leaves_plain_paths_alone_and_escapes_everything_else():
    assert escape("/learn/what-is-kap/") == "/learn/what-is-kap/"
    assert escape("/a\r\nb") == "/a\\x0d\\x0ab"
    assert escape("/a\x00b\x1b\x7f\x85") == "/a\\x00b\\x1b\\x7f\\x85"
    assert escape("/a\u2028b\u00e9") == "/a\\u2028b\\xe9"
    assert escape("/\U0001f600") == "/\\U0001f600"
    # A literal backslash is doubled, so "\x0a" typed in a path never looks like an escape.
    assert escape("/a\\x0a") == "/a\\\\x0a"


@pytest.fixture
def server(tmp_path, collected_static):
    log_path = tmp_path / "access.log"
    env = _production_env(
        STATIC_ROOT=str(collected_static),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        GUNICORN_THREADS="1",
    )
    with open(log_path, "wb") as log:
        proc, base = start_gunicorn(env, stdout=log)
    try:
        yield urlsplit(base).port, log_path
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def send_raw(port, target: bytes) -> bytes:
    """Send one request line as given (no client library cleans it) and return the status line."""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(
            b"GET " + target + b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        response = b""
        while chunk := sock.recv(65536):
            response += chunk
    return response.split(b"\r\n", 1)[0]


def lines_after_marker(port, log_path, marker: str) -> list[bytes]:
    """Send a marker request and return the log lines written since the previous marker,
    once the marker's own line is there (one thread: every earlier line is written by then)."""
    assert send_raw(port, marker.encode()).startswith(b"HTTP/1.1 ")
    deadline = time.monotonic() + 30
    while marker.encode() not in log_path.read_bytes():
        assert time.monotonic() < deadline, "the marker request was never logged"
        time.sleep(0.05)
    return log_path.read_bytes().split(b"\n")


def test_encoded_line_breaks_and_nul_in_the_path_stay_on_one_line(server):
    port, log_path = server
    targets = [
        b"/a%0d%0a" + FORGED.replace(" ", "%20").replace('"', "%22").encode(),
        b"/b%0ac",
        b"/c%0dd",
        b"/d%00e",
        b"/e%E2%80%A8f",  # U+2028 LINE SEPARATOR, a line break for str.splitlines()
        b"/f%1b%5b2J",  # terminal escape sequence
    ]
    before = lines_after_marker(port, log_path, "/marker-0")
    for n, target in enumerate(targets, start=1):
        status = send_raw(port, target)
        # 404, or 503 from this server's empty database: never a 500.
        assert status.startswith(b"HTTP/1.1 ") and b" 500 " not in status, status
        after = lines_after_marker(port, log_path, f"/marker-{n}")
        # Exactly two new lines: the request's own and the marker's.
        assert len(after) - len(before) == 2, after[len(before) - 1 :]
        before = after
    log = log_path.read_bytes()
    assert b"\r" not in log and b"\x00" not in log and b"\x1b" not in log
    text = log.decode("ascii")  # everything outside printable ASCII is escaped
    assert not any(line.startswith(FORGED) for line in text.splitlines())
    assert '"GET /a\\x0d\\x0a127.0.0.1 \\"GET /admin/ HTTP/1.1\\" 200 0 1ms"' in text
    assert '"GET /d\\x00e"' in text
    assert '"GET /e\\u2028f"' in text


@pytest.mark.parametrize("raw", [b"\r", b"\n", b"\x00"], ids=["CR", "LF", "NUL"])
def test_literal_control_bytes_in_the_request_line_are_refused_and_not_logged(server, raw):
    port, log_path = server
    before = lines_after_marker(port, log_path, "/marker-0")
    status = send_raw(port, b"/a" + raw + FORGED.replace(" ", "%20").encode())
    assert status == b"HTTP/1.1 400 Bad Request"
    after = lines_after_marker(port, log_path, "/marker-1")
    assert len(after) - len(before) == 1  # the marker's line only
    assert b"\x00" not in log_path.read_bytes()
