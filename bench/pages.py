#!/usr/bin/env python3
"""Page-speed benchmark: production settings on PostgreSQL and Redis, measured with wrk.

    .venv/bin/python bench/pages.py            # defaults below, or set the env vars
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/kap_perf \
    BENCH_REDIS_URL=redis://127.0.0.1:6379/8 .venv/bin/python bench/pages.py

It migrates the benchmark database, loads the sample content, adds articles until there are 50,
collects static files, starts gunicorn with kapsite/gunicorn.conf.py (the Dockerfile's command)
and runs wrk against each public page type and one static CSS file served by the same gunicorn.
Then, through Django's test client, it counts the queries per page type: cold (every cache
empty), miss (not in the page cache, shared fragments warm: a page just published) and hit. This is a measurement, not a test: it prints a table and the targets.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from database import ensure_database  # bench/database.py (this script's folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.live_server import healthz_answers, start_gunicorn  # noqa: E402  (shared with tests)

PYTHON = str(ROOT / ".venv" / "bin" / "python")
if not Path(PYTHON).exists():
    PYTHON = sys.executable

ARTICLES = 50
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
DURATION = os.environ.get("BENCH_DURATION", "5s")


def bench_env(static_root: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kapsite.settings.production",
        DATABASE_URL=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kap_perf"
        ),
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8"),
        SECRET_KEY="bench-only-" + os.urandom(16).hex(),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SITE_URL="https://kapsite.example.com",
        SECURE_SSL_REDIRECT="False",
        STATIC_ROOT=static_root,
        LOG_LEVEL="WARNING",
        GUNICORN_WORKERS=os.environ.get("GUNICORN_WORKERS", "2"),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


# Runs inside Django (production settings): seed 50 articles, list URLs, count queries.
DJANGO_PART = r"""
import gzip, json, sys
import brotli
import django
django.setup()
from django.core.cache import caches
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from content.articles.models import ArticleIndexPage, ArticlePage, Topic
from content.core.models import Person

index = ArticleIndexPage.objects.get(locale__language_code="en")  # the Spanish one is es/
have = ArticlePage.objects.count()
topics = list(Topic.objects.filter(locale__language_code="en"))
people = list(Person.objects.filter(locale__language_code="en"))
for n in range(have, %(articles)d):
    page = ArticlePage(
        title=f"Benchmark article {n}", slug=f"bench-article-{n}",
        summary="A sample article added by the benchmark.",
        topic=topics[n %% len(topics)], author=people[0], clinical_reviewer=people[1],
        main_points=[{"type": "point", "value": "One main point."}],
        body=[{"type": "paragraph", "value": "<p>Some plain text for the reader.</p>" * 20}],
    )
    index.add_child(instance=page)
    page.save_revision().publish()

urls = {"home": "/", "article index": index.url,
        "article": ArticlePage.objects.live().get(slug="what-is-kap", locale__language_code="en").url}
def by_model(app_label, model):
    from django.apps import apps
    try:
        cls = apps.get_model(app_label, model)
    except LookupError:
        return None
    page = cls.objects.live().filter(locale__language_code="en").first()
    return page.url if page else None
for name, app, model in [("faq", "articles", "FAQPage"), ("standard page", "core", "StandardPage"),
                         ("directory", "providers", "ProviderDirectoryPage"),
                         ("provider", "providers", "ProviderPage"), ("search", None, None)]:
    url = by_model(app, model) if app else None
    if url:
        urls[name] = url
faq = ArticlePage.objects.live().filter(slug="faq", locale__language_code="en").first()
if faq:
    urls["faq"] = faq.url
if "directory" in urls:
    urls["directory (filtered)"] = urls["directory"] + "?location=94612"

from content.performance import page_cache

client = Client()
counts = {}
def queries(url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, HTTP_HOST="localhost")
    return len(ctx.captured_queries), response
for url in urls.values():
    client.get(url, HTTP_HOST="localhost")  # per-process caches (content types)
for name, url in urls.items():
    caches["default"].clear()  # the same Redis database: pages, fragments, Wagtail's caches
    cold, _ = queries(url)  # every cache empty
    hit, _ = queries(url)  # served from the page cache
    page_cache.purge_all()
    miss, response = queries(url)  # page cache miss, shared fragments warm (after a publish)
    counts[name] = {"cold": cold, "miss": miss, "warm": hit, "status": response.status_code,
                    "gzip": len(gzip.compress(response.content)), "bytes": len(response.content),
                    # what the compression middleware sends a browser (quality 4, its default)
                    "br": len(brotli.compress(response.content, quality=4))}
print("JSON" + json.dumps({"urls": urls, "queries": counts}))
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk not found: installing it with apt-get", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)  # noqa: S607
    return shutil.which("wrk") or "wrk"


def parse_ms(text: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    if not match:
        raise SystemExit(f"could not read a latency from wrk: {text!r}")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def connections_per_worker(port: int) -> str:
    """How wrk's keep-alive connections are spread over the gunicorn worker processes, e.g. "4/4"
    or "8/0": a connection stays with the worker that accepted it for the whole run."""
    ss = shutil.which("ss")
    if not ss:
        return "?"
    out = subprocess.run(  # noqa: S603
        [ss, "-Htnp", "state", "established", f"( sport = :{port} )"],
        capture_output=True,
        text=True,
    ).stdout
    counts: dict[str, int] = {}
    for pid in re.findall(r"pid=(\d+)", out):
        counts[pid] = counts.get(pid, 0) + 1
    return "/".join(str(n) for n in sorted(counts.values(), reverse=True)) or "?"


def run_wrk(wrk: str, url: str, port: int | None = None) -> dict:
    command = [
        wrk,
        "-t2",
        f"-c{CONCURRENCY}",
        f"-d{DURATION}",
        "--latency",
        "-H",
        "Host: localhost",
        "-H",
        "Accept-Encoding: gzip, br",  # as browsers send it: public pages come back in brotli
        url,
    ]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # noqa: S603
    spread = "?"
    if port is not None:
        time.sleep(1)
        spread = connections_per_worker(port)
    out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"wrk failed for {url} (exit {proc.returncode})")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    if "Latency Distribution" not in out:
        raise SystemExit(f"wrk gave no latency figures for {url}:\n{out}")
    p50 = parse_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = parse_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "non2xx": int(errors.group(1)) if errors else 0,
        "spread": spread,
    }


def main() -> None:
    wrk = ensure_wrk()
    static_root = tempfile.mkdtemp(prefix="kapsite-bench-static-")
    env = bench_env(static_root)
    ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_initial_content", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    seeded = subprocess.run(
        [PYTHON, "-c", DJANGO_PART % {"articles": ARTICLES}],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if seeded.returncode:
        sys.stderr.write(seeded.stderr)
        raise SystemExit("seeding/query counting failed")
    data = json.loads(seeded.stdout.split("JSON", 1)[1])
    urls, queries = data["urls"], data["queries"]

    server, base = start_gunicorn(
        env,
        python=PYTHON,
        extra_args=("--access-logfile", "/dev/null"),
        is_up=healthz_answers,
        wait=30,
    )
    port = int(base.rsplit(":", 1)[1])
    try:
        css = next(Path(static_root, "css").glob("site.*.css"))
        targets = {"static css": "/static/css/" + css.name, **urls}
        results = {}
        for name, path in targets.items():
            run_wrk(wrk, base + path) if name != "static css" else None  # warm the page cache
            results[name] = run_wrk(wrk, base + path, port)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)

    static_rps = results["static css"]["rps"]
    print(f"\nwrk -t2 -c{CONCURRENCY} -d{DURATION}, gunicorn {env['GUNICORN_WORKERS']} workers")
    print(
        f"{'page':22} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs css':>7} {'non2xx':>6} "
        f"{'q cold':>6} {'q miss':>6} {'q hit':>6} {'KB':>6} {'KB gz':>6} {'KB br':>6} {'conns':>6}"
    )
    for name, r in results.items():
        q = queries.get(name, {})
        print(
            f"{name:22} {r['rps']:8.0f} {r['p50']:8.2f} {r['p99']:8.2f} "
            f"{r['rps'] / static_rps:7.0%} {r['non2xx']:6d} {q.get('cold', '-'):>6} "
            f"{q.get('miss', '-'):>6} {q.get('warm', '-'):>6} {q.get('bytes', 0) / 1024:6.1f} "
            f"{q.get('gzip', 0) / 1024:6.1f} {q.get('br', 0) / 1024:6.1f} "
            f"{r['spread']:>6}"
        )
    print(
        "conns: wrk's connections per gunicorn worker process during the run (a keep-alive "
        "connection stays with the worker that accepted it)."
    )
    article = results["article"]
    print("\nTargets:")
    print(f"  cached article >= 50% of static: {article['rps'] / static_rps:.0%}")
    print(
        f"  uncached article <= 10 queries:  {queries['article']['miss']} "
        f"(page-cache miss; {queries['article']['cold']} with every cache empty)"
    )
    print(f"  p99 < 50 ms at c={CONCURRENCY}:          {article['p99']:.2f} ms")
    print(f"  article HTML < 40 KB gzipped:    {queries['article']['gzip'] / 1024:.1f} KB")


if __name__ == "__main__":
    main()
