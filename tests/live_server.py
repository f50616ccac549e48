"""Starting the site as production runs it, for the tests and the benchmarks (bench/ puts the
project folder on sys.path to import this): a free local port, and gunicorn with the
Dockerfile's command (`gunicorn -c kapsite/gunicorn.conf.py kapsite.wsgi`)."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A local port nothing listens on right now (connections to it are refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthz_answers(base: str) -> bool:
    """Started: /healthz answers (raises OSError until it does)."""
    urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310  loopback
    return True


def start_gunicorn(
    env,
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
    is_up=healthz_answers,
    wait=60,
    python=sys.executable,
    extra_args=(),
):
    """Start gunicorn on a free port; `stdout` receives its access log, `stderr` the
    application's log; `is_up(base)` says when it serves (raising OSError until then).
    Returns (process, base URL)."""
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603
        [
            python,
            "-m",
            "gunicorn",
            "-c",
            "kapsite/gunicorn.conf.py",
            "--no-control-socket",
            *extra_args,
            "kapsite.wsgi",
        ],
        cwd=ROOT,
        env=dict(env, GUNICORN_BIND=f"127.0.0.1:{port}"),
        stdout=stdout,
        stderr=stderr,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            if is_up(base):
                return proc, base
        except OSError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.3)
    proc.terminate()
    raise AssertionError("gunicorn did not start")
