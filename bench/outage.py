#!/usr/bin/env python3
"""Outage figures: every public page type with Redis refusing connections and with Redis hanging,
and the database black-holed at 16 concurrent requests. Production settings under gunicorn
(kapsite/gunicorn.conf.py: 2 workers x 4 threads), PostgreSQL for the content.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/kap_b .venv/bin/python bench/outage.py

Redis "closed" is a local port nothing listens on; Redis "hanging" and the black-holed database
are a local socket that accepts connections and never answers (held by this script). For each
page type: the first request of a fresh server (it meets the failure) and then the median and
slowest of REQUESTS sequential requests. With BENCH_NO_BREAKER=1 the circuit breakers are off
(cool-down 0) to show what they save. This is a measurement, not a test.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from database import ensure_database  # bench/database.py (this script's folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
if not Path(PYTHON).exists():
    PYTHON = sys.executable
sys.path.insert(0, str(ROOT))
from tests.live_server import free_port  # noqa: E402  (one helper for tests and benches)

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "10"))
NO_BREAKER = os.environ.get("BENCH_NO_BREAKER") == "1"
SECRET_KEY = "bench-outage-" + os.urandom(16).hex()
PAGES = {
    "home": "/",
    "article index": "/learn/",
    "article": "/learn/what-is-kap/",
    "faq": "/learn/faq/",
    "standard page": "/about/",
    "directory": "/find-a-provider/",
    "directory (filtered)": "/find-a-provider/?location=94612",
    "provider": "/find-a-provider/chelsea-kap-new-york/",
    "search": "/search/?q=ketamine",
    "booking form": "/request-an-appointment/",
}


class Hanging:
    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1024)
        self.port = self.sock.getsockname()[1]


def base_env(static_root: str, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="kapsite.settings.production",
        DATABASE_URL=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kap_b"
        ),
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL="https://localhost",
        SECURE_SSL_REDIRECT="False",
        STATIC_ROOT=static_root,
        LOG_LEVEL="ERROR",
    )
    if NO_BREAKER:
        env.update(REDIS_CIRCUIT_SECONDS="0", DB_CIRCUIT_SECONDS="0")
    env.update(extra)
    return env


def start(env):
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603
        [PYTHON, "-m", "gunicorn", "-c", "kapsite/gunicorn.conf.py", "--no-control-socket"]
        + ["--access-logfile", "/dev/null", "kapsite.wsgi"],
        cwd=ROOT,
        env=dict(env, GUNICORN_BIND=f"127.0.0.1:{port}"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:  # TRACE: refused before any cache or database call
        try:
            trace = urllib.request.Request(base + "/", method="TRACE")  # noqa: S310  loopback
            urllib.request.urlopen(trace, timeout=5)  # noqa: S310  loopback
        except urllib.error.HTTPError:
            time.sleep(2)  # let the second worker finish booting too
            return proc, base
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def stop(proc):
    proc.terminate()
    proc.wait(timeout=30)


def fetch(url, data=None, headers=None):
    headers = {"Host": "localhost", **(headers or {})}
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310  loopback
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310  loopback
            status, head, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        status, head, body = exc.code, exc.headers, exc.read()
    return status, head, body, time.monotonic() - started


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_booking(base, n):
    """GET the form (its CSRF cookie), POST a valid request, follow to the confirmation."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(SECRET_KEY=SECRET_KEY)
    from django.core import signing

    from content.booking.spam import HONEYPOT_FIELD, TOKEN_SALT

    status, head, body, _ = fetch(base + PAGES["booking form"])
    cookie = "; ".join(c.split(";", 1)[0] for c in head.get_all("Set-Cookie") or [])
    csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    data = {
        "csrfmiddlewaretoken": csrf,
        "name": f"Outage Bench {n}",
        "email": f"outage-bench-{n}@example.com",
        "contact_method": "email",
        "kind": "question",
        "consent_to_contact": "on",
        "privacy_acknowledged": "on",
        HONEYPOT_FIELD: "",
        "started": signing.dumps(round(time.time() - 30, 3), salt=TOKEN_SALT),
    }
    request = urllib.request.Request(  # noqa: S310  loopback
        base + PAGES["booking form"],
        data=urllib.parse.urlencode(data).encode(),
        headers={"Host": "localhost", "Cookie": cookie},
    )
    started = time.monotonic()
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=120) as response:
            status, location = response.status, response.headers.get("Location")
    except urllib.error.HTTPError as exc:
        status, location = exc.code, exc.headers.get("Location")
    seconds = time.monotonic() - started
    confirmed = None
    if status == 302 and location:
        confirmed = fetch(urllib.parse.urljoin(base, location), headers={"Cookie": cookie})[0]
    return status, confirmed, seconds


def pages_under(label, env):
    proc, base = start(env)
    try:
        first = fetch(base + PAGES["home"])
        print(f"\n{label}: first request of a fresh server (home) {first[3]:.3f}s -> {first[0]}")
        print(f"{'page':24} {'status':>8} {'first':>8} {'median':>8} {'slowest':>8}")
        for name, url in PAGES.items():
            runs = [fetch(base + url) for _ in range(REQUESTS)]
            statuses = sorted({r[0] for r in runs})
            times = [r[3] for r in runs]
            print(
                f"{name:24} {','.join(map(str, statuses)):>8} {times[0]:8.3f} "
                f"{statistics.median(times):8.3f} {max(times):8.3f}"
            )
        results = [post_booking(base, n) for n in range(3)]
        for status, confirmed, seconds in results:
            print(f"{'booking POST':24} {status:>8} {seconds:8.3f}  confirmation {confirmed}")
    finally:
        stop(proc)


def database_black_holed(static_root):
    hole = Hanging()
    env = base_env(static_root, DATABASE_URL=f"postgres://postgres@127.0.0.1:{hole.port}/kapsite")
    proc, base = start(env)
    try:
        for wave in ("first 16 (fresh server)", "next 16"):
            with concurrent.futures.ThreadPoolExecutor(16) as pool:
                runs = list(pool.map(lambda _: fetch(base + PAGES["article"]), range(16)))
            times = [r[3] for r in runs]
            statuses = sorted({r[0] for r in runs})
            retry = {r[1].get("Retry-After") for r in runs}
            print(
                f"database black-holed, {wave}: status {statuses} Retry-After {retry} "
                f"median {statistics.median(times):.3f}s slowest {max(times):.3f}s"
            )
    finally:
        stop(proc)


def main():
    static_root = tempfile.mkdtemp(prefix="kapsite-outage-static-")
    env = base_env(static_root)
    ensure_database(env["DATABASE_URL"])
    for command in (["migrate", "--noinput", "-v0"], ["load_initial_content", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    print(f"breakers {'OFF' if NO_BREAKER else 'on'}; {REQUESTS} requests per page; seconds")
    closed = free_port()
    pages_under("Redis closed", base_env(static_root, REDIS_URL=f"redis://127.0.0.1:{closed}/0"))
    hanging = Hanging()
    pages_under(
        "Redis hanging", base_env(static_root, REDIS_URL=f"redis://127.0.0.1:{hanging.port}/0")
    )
    database_black_holed(static_root)


if __name__ == "__main__":
    main()
