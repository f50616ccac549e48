#!/usr/bin/env python3
"""Lighthouse scores (mobile preset) for each page type against a production-settings server.

    .venv/bin/python bench/lighthouse.py                 # the default page types
    .venv/bin/python bench/lighthouse.py / /learn/        # chosen paths

What it does: installs the `lighthouse` npm package into .lighthouse/ (once), builds a throwaway
SQLite database with the sample content (or uses DATABASE_URL if set), runs collectstatic, starts
gunicorn with kapsite/gunicorn.conf.py and production settings on 127.0.0.1, runs Lighthouse with
Debian's Chromium (CHROME_PATH) for every path and prints the four category scores.
Not part of CI: it needs the npm registry once and takes a few minutes.
"""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess  # noqa: S404
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.live_server import free_port  # noqa: E402  (one helper for tests and benches)

LIGHTHOUSE_VERSION = "12.8.2"  # the last major that runs on Node 20 (13.x needs Node 22.19+)
LH_DIR = ROOT / ".lighthouse"
LH_BIN = LH_DIR / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "test-artifacts" / "lighthouse"  # full JSON reports (gitignored)
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage"
)
DEFAULT_PATHS = {
    "home": "/",
    "article index": "/learn/",
    "article": "/learn/what-is-kap/",
    "FAQ article": "/learn/faq/",
    "standard page": "/about/",
    "directory": "/find-a-provider/",
    "directory (filtered)": "/find-a-provider/?location=94612",
    "provider": "/find-a-provider/chelsea-kap-new-york/",
    "booking": "/request-an-appointment/",
    "search": "/search/?q=ketamine",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable


def run(cmd, env=None, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603


def ensure_lighthouse():
    if LH_BIN.exists():
        return
    LH_DIR.mkdir(exist_ok=True)
    print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {LH_DIR.name}/ ...", flush=True)
    run(
        ["npm", "install", "--prefix", str(LH_DIR), "--no-audit", "--no-fund", "--silent",
         f"lighthouse@{LIGHTHOUSE_VERSION}"],
    )  # fmt: skip


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer {url} within {timeout}s")


def server_env(workdir, port):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kapsite.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL="https://kapsite.example.com",
        SECURE_SSL_REDIRECT="False",  # plain HTTP on the loopback interface
        STATIC_ROOT=str(workdir / "static"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        LOG_LEVEL="WARNING",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'lighthouse.sqlite3'}")
    return env


def lighthouse(url, out, attempts=3):
    env = dict(os.environ, CHROME_PATH=CHROME)
    for attempt in range(1, attempts + 1):
        try:
            run(
                [str(LH_BIN), url, "--quiet", "--output=json", f"--output-path={out}",
                 f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
                 "--max-wait-for-load=60000"],
                env=env,
            )  # fmt: skip
            break
        except subprocess.CalledProcessError:
            # Lighthouse sometimes loses the trace (NO_NAVSTART); a new run usually works.
            if attempt == attempts:
                raise
            print(f"  Lighthouse failed on attempt {attempt}; trying again", flush=True)
    report = json.loads(Path(out).read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    metrics = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
               "cumulative-layout-shift", "speed-index")  # fmt: skip
    scores["metrics"] = ", ".join(
        f"{m.split('-')[0][:1].upper()}{''.join(w[0].upper() for w in m.split('-')[1:])} "
        f"{report['audits'][m]['displayValue']}"
        for m in metrics
    )
    failing = [
        f"{a['id']} ({a['score']})"
        for a in report["audits"].values()
        if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"
    ]
    return scores, failing


def main(argv):
    paths = {p: p for p in argv} if argv else DEFAULT_PATHS
    ensure_lighthouse()
    workdir = Path(tempfile.mkdtemp(prefix="kapsite-lighthouse-"))
    REPORTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = server_env(workdir, port)
    manage = [PYTHON, "manage.py"]
    quiet = {"stdout": subprocess.DEVNULL}
    print("Preparing database and static files ...", flush=True)
    run([*manage, "migrate", "--noinput", "-v0"], env=env, **quiet)
    run([*manage, "load_initial_content", "-v0"], env=env, **quiet, stderr=subprocess.DEVNULL)
    run([*manage, "collectstatic", "--noinput", "-v0"], env=env, **quiet)
    server = subprocess.Popen(  # noqa: S603
        [PYTHON, "-m", "gunicorn", "-c", "kapsite/gunicorn.conf.py", "kapsite.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        wait_for(base + "/healthz")
        for name, path in paths.items():
            print(f"Lighthouse: {path} ...", flush=True)
            slug = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "home"
            scores, failing = lighthouse(base + path, REPORTS / f"{slug}.json")
            rows.append((name, path, scores, failing))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\nLighthouse {LIGHTHOUSE_VERSION}, mobile preset, Chromium at {CHROME}\n")
    print("| Page type | Path | Performance | Accessibility | Best practices | SEO | Metrics |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, path, s, _ in rows:
        print(f"| {name} | {path} | {' | '.join(str(s[c]) for c in CATEGORIES)} | {s['metrics']} |")
    for name, _, _, failing in rows:
        if failing:
            print(f"\n{name}: failing audits: {', '.join(failing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
