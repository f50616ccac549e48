"""Production settings refuse to start without secrets, pass check --deploy, and the same gunicorn
command the Dockerfile runs serves the app and hashed, compressed static files."""

import gzip
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.live_server import free_port

ROOT = Path(settings.BASE_DIR)
PROD = {
    "DJANGO_SETTINGS_MODULE": "kapsite.settings.production",
    "SECRET_KEY": "a-long-random-test-key-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,kapsite.example.com",
    "WAGTAILADMIN_BASE_URL": "https://kapsite.example.com",
}


def run_python(args, env_overrides, drop=()):
    env = {**os.environ, **env_overrides}
    # The browser tests allow sync ORM calls in their event loop; a deployment never does.
    for name in (*drop, "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    result = run_python(["manage.py", "check"], PROD, drop=[missing])
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set" in result.stderr


@pytest.mark.parametrize(
    ("base_url", "message"),
    [
        (None, "The environment variable WAGTAILADMIN_BASE_URL must be set"),
        ("http://kapsite.example.com", "WAGTAILADMIN_BASE_URL must be the site's https:// address"),
        ("https://", "WAGTAILADMIN_BASE_URL must be the site's https:// address"),
    ],
)
def test_production_refuses_to_start_without_an_https_base_url(base_url, message):
    if base_url is None:
        result = run_python(["manage.py", "check"], PROD, drop=["WAGTAILADMIN_BASE_URL"])
    else:
        result = run_python(["manage.py", "check"], {**PROD, "WAGTAILADMIN_BASE_URL": base_url})
    assert result.returncode != 0
    assert message in result.stderr


def test_check_deploy_has_no_warnings():
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PROD)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers={"Host": "127.0.0.1", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture(scope="module")
def gunicorn_server(tmp_path_factory, collected_static):
    static_root = collected_static
    env = {
        **PROD,
        "STATIC_ROOT": str(static_root),
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", f"sqlite:///{tmp_path_factory.mktemp('db') / 'db.sqlite3'}"
        ),
    }
    port = free_port()
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    env["GUNICORN_WORKERS"] = "1"
    # The Dockerfile's command: gunicorn -c kapsite/gunicorn.conf.py kapsite.wsgi
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "kapsite/gunicorn.conf.py",
            "kapsite.wsgi",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                fetch(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        yield base, static_root
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_gunicorn_serves_health_check(gunicorn_server):
    base, _ = gunicorn_server
    status, _, body = fetch(base + "/healthz")
    assert status == 200
    assert b'"database": "up"' in body


def test_gunicorn_serves_hashed_compressed_static_files(gunicorn_server):
    base, static_root = gunicorn_server
    hashed = sorted(p.name for p in (static_root / "css").glob("site.*.css") if p.suffix == ".css")
    assert hashed, "collectstatic wrote no hashed site.css"
    status, headers, body = fetch(f"{base}/static/css/{hashed[0]}", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers.get("Content-Encoding") == "gzip"
    assert b"--color-text" in gzip.decompress(body)
    assert "max-age=315360000" in headers.get("Cache-Control", "")
    assert "immutable" in headers.get("Cache-Control", "")


def test_gunicorn_health_check_reports_unreachable_database(collected_static):
    """A real server whose PostgreSQL does not answer says so with a 503 (no mock)."""
    port = free_port()
    env = {
        **os.environ,
        **PROD,
        "STATIC_ROOT": str(collected_static),
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/nothing-listens-here",
        "DB_CONNECT_TIMEOUT": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "kapsite/gunicorn.conf.py",
            "kapsite.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                status, _, body = fetch(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                time.sleep(0.1)
        assert status == 503
        assert b'"database": "down"' in body
    finally:
        process.terminate()
        process.wait(timeout=10)
