"""Load test for the booking form against a real gunicorn on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kap_booking \\
    REDIS_URL=redis://127.0.0.1:6379/3 \\
    .venv/bin/python bench/booking_load.py -n 200 -c 20

Without --url it migrates the database, loads the initial content, collects static files into
a temporary folder and starts gunicorn (kapsite/gunicorn.conf.py, production settings,
TRUSTED_PROXY_COUNT=1). Each simulated visitor loads the form, waits past the minimum fill
time, and sends it with its own X-Forwarded-For address (so the 5-per-hour limit applies per
visitor, as behind a proxy). Finally it counts the rows stored since the start.
"""

import argparse
import os
import re
import secrets
import subprocess  # noqa: S404 - starts our own gunicorn and manage.py
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPRedirectHandler, Request, build_opener

import psycopg
from database import ensure_database  # bench/database.py (this script's folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
PATH = "/request-an-appointment/"


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = build_opener(_NoRedirect)


def server_env(args, static_root):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kapsite.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL="https://kapsite.example.com",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=args.database_url,
        TRUSTED_PROXY_COUNT="1",
        STATIC_ROOT=static_root,
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
        GUNICORN_WORKERS=str(args.workers),
        EMAIL_URL="consolemail://",
        LOG_LEVEL="WARNING",
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def start_server(args):
    static_root = tempfile.mkdtemp(prefix="kapsite-static-")
    env = server_env(args, static_root)
    python = sys.executable
    ensure_database(args.database_url)
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_initial_content"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        done = subprocess.run(  # noqa: S603
            [python, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if done.returncode:
            sys.stderr.write(done.stderr[-3000:])
            raise SystemExit(f"manage.py {command[0]} failed (exit {done.returncode})")
    gunicorn = [python, "-m", "gunicorn", "-c", "kapsite/gunicorn.conf.py", "kapsite.wsgi"]
    proc = subprocess.Popen(  # noqa: S603
        gunicorn, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{args.port}"
    for _ in range(100):
        try:
            OPENER.open(base + "/healthz", timeout=2)
            return proc, base
        except Exception:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("gunicorn did not start")


SAME_ADDRESS = False  # --same-address: every visitor behind one address (the rate limit applies)


def visitor_address(i):
    if SAME_ADDRESS:
        return "198.18.0.1"
    return f"198.18.{i // 250}.{i % 250 + 1}"


def http_request(url, **kwargs):
    if not url.startswith(("http://", "https://")):
        raise SystemExit("The target URL must start with http:// or https://")
    return Request(url, **kwargs)  # noqa: S310 - scheme checked above


def load_form(base, i):
    request = http_request(base + PATH, headers={"X-Forwarded-For": visitor_address(i)})
    with OPENER.open(request, timeout=30) as response:
        html = response.read().decode()
        cookie = response.headers.get("Set-Cookie", "")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    started = re.search(r'name="started" value="([^"]+)"', html).group(1)
    # "__Host-csrftoken" under production settings: send it back under the name it came with.
    name, value = re.search(r"((?:__Host-)?csrftoken)=([^;]+)", cookie).groups()
    return csrf, started, f"{name}={value}"


def submit(base, i, form):
    csrf, started, cookie = form
    data = {
        "csrfmiddlewaretoken": csrf,
        "started": started,
        "name": f"Load Test {i}",
        "email": f"load{i}@example.com",
        "contact_method": "email",
        "kind": "question",
        "consent_to_contact": "on",
        "privacy_acknowledged": "on",
    }
    request = http_request(
        base + PATH,
        data=urlencode(data).encode(),
        headers={
            "Cookie": cookie,
            "X-Forwarded-For": visitor_address(i),
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with OPENER.open(request, timeout=60) as response:
            return response.status
    except HTTPError as exc:
        return exc.code
    except Exception as exc:
        return type(exc).__name__


def count_rows(database_url, since):
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT count(*), count(DISTINCT reference) FROM booking_bookingrequest "
            "WHERE created_at >= %s",
            (since,),
        ).fetchone()
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=200, help="requests to submit")
    parser.add_argument("-c", "--concurrency", type=int, default=20)
    parser.add_argument("--url", help="target a running server instead of starting one")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument(
        "--same-address",
        action="store_true",
        help="send every request from one address: exactly the limit (5) must be stored",
    )
    args = parser.parse_args()
    global SAME_ADDRESS
    SAME_ADDRESS = args.same_address
    if not args.database_url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL (or --database-url) to a PostgreSQL database.")

    proc = None
    if args.url:
        base = args.url.rstrip("/")
    else:
        proc, base = start_server(args)
    try:
        with psycopg.connect(args.database_url) as conn:
            since = conn.execute("SELECT now()").fetchone()[0]
        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            forms = list(pool.map(lambda i: load_form(base, i), range(args.n)))
            time.sleep(3.2)  # past the minimum fill time
            statuses = list(pool.map(lambda i: submit(base, i, forms[i]), range(args.n)))
        elapsed = time.monotonic() - began
        stored, unique = count_rows(args.database_url, since)
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=20)
    errors = {s: statuses.count(s) for s in set(statuses) if s != 302}
    print(f"submitted: {args.n}")
    print(f"accepted (302): {statuses.count(302)}")
    print(f"stored rows: {stored} (unique references: {unique})")
    print(f"errors: {errors or 0}")
    print(f"time: {elapsed:.1f}s for GET+POST of {args.n} (concurrency {args.concurrency})")
    if args.same_address:
        limit = min(args.n, 5)
        return 0 if stored == unique == limit and errors == {429: args.n - limit} else 1
    return 0 if stored == args.n == unique and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
