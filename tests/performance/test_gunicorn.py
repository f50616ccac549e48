"""The Dockerfile's server command: gunicorn -c kapsite/gunicorn.conf.py kapsite.wsgi."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.live_server import start_gunicorn

ROOT = Path(settings.BASE_DIR)


def _production_env(**extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kapsite.settings.production",
        SECRET_KEY="test-only-" + os.urandom(8).hex(),
        ALLOWED_HOSTS="localhost,127.0.0.1",
        SITE_URL="https://kapsite.example.com",
        SECURE_SSL_REDIRECT="False",
        LOG_LEVEL="WARNING",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2",
    )
    env.update(extra)
    return env


def get(url, headers=None):
    request = urllib.request.Request(url, headers={"Host": "localhost", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


SHARED_SECRET_KEY = "two-instance-test-only-" + "k" * 40
BOOKING_URL = "/request-an-appointment/"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_booking(base, n, body=False):
    """Fetch the form from this instance (its CSRF cookie), then send a valid request with a
    start token signed as the form would sign it 30 seconds ago."""
    from django.core import signing

    from content.booking.spam import TOKEN_SALT

    with urllib.request.urlopen(  # noqa: S310  loopback only
        urllib.request.Request(base + BOOKING_URL, headers={"Host": "localhost"}), timeout=10
    ) as response:
        cookies = [value.split(";", 1)[0] for value in response.headers.get_all("Set-Cookie") or []]
    csrf = next(c.split("=", 1)[1] for c in cookies if "csrftoken=" in c)
    data = {
        "csrfmiddlewaretoken": csrf,
        "name": f"Two Instances {n}",
        "email": f"two-instances-{n}@example.com",
        "contact_method": "email",
        "kind": "question",
        "consent_to_contact": "on",
        "privacy_acknowledged": "on",
        "website": "",
        "started": signing.dumps(
            round(time.time() - 30, 3), key=SHARED_SECRET_KEY, salt=TOKEN_SALT
        ),
    }
    request = urllib.request.Request(
        base + BOOKING_URL,
        data=urllib.parse.urlencode(data).encode(),
        headers={"Host": "localhost", "Cookie": "; ".join(cookies)},
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        status, text = exc.code, exc.read().decode()
    return (status, text) if body else status


def test_collected_static_files_are_hashed_compressed_and_cached_forever(tmp_path):
    env = _production_env(STATIC_ROOT=str(tmp_path / "static"))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    css = next((tmp_path / "static" / "css").glob("site.*.css"))
    assert (css.parent / (css.name + ".br")).exists() and (css.parent / (css.name + ".gz")).exists()
    proc, base = start_gunicorn(env)
    try:
        status, headers, _ = get(f"{base}/static/css/{css.name}", {"Accept-Encoding": "br"})
        assert status == 200
        assert headers["Content-Encoding"] == "br"
        assert (
            "max-age=315360000" in headers["Cache-Control"]
            and "immutable" in headers["Cache-Control"]
        )
        status, headers, _ = get(f"{base}/static/css/{css.name}", {"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_instances_share_the_page_cache_purges_and_booking_rate_limit(load_content, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    import redis

    redis_url = os.environ.get("TWO_INSTANCE_REDIS_URL", "redis://127.0.0.1:6379/9")
    redis.Redis.from_url(redis_url).flushdb()
    db = settings.DATABASES["default"]
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = _production_env(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        STATIC_ROOT=str(tmp_path / "static"),
        SECRET_KEY=SHARED_SECRET_KEY,
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    a, base_a = start_gunicorn(env)
    b, base_b = start_gunicorn(env)
    try:
        url = "/learn/what-is-kap/"
        assert get(base_b + url)[1]["X-Page-Cache"] == "miss"
        assert get(base_a + url)[1]["X-Page-Cache"] == "hit"  # shared through Redis

        # An editor's draft is published by another process of the same app (as the worker's
        # publish_scheduled job would), with the same settings, PostgreSQL and Redis.
        publish = (
            "from content.articles.models import ArticlePage;"
            "p = ArticlePage.objects.get(slug='what-is-kap');"
            "p.title = 'What KAP is (published elsewhere)';"
            "p.save_revision().publish()"
        )
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", publish], cwd=ROOT, env=env, check=True
        )
        status, headers, body = get(base_b + url)
        assert headers["X-Page-Cache"] == "miss"
        assert b"What KAP is (published elsewhere)" in body
        assert get(base_a + url)[1]["X-Page-Cache"] == "hit"

        # The booking rate limit (5 an hour per client) is counted in the same Redis: five
        # requests accepted through A and B together, the sixth refused by either.
        statuses = [post_booking(base, n) for n, base in enumerate([base_a, base_b] * 2 + [base_a])]
        assert statuses == [302] * 5, statuses
        for base in (base_b, base_a):
            status, body = post_booking(base, 99, body=True)
            assert status == 429, status
            assert "You have sent several requests in the last hour" in body
        stored = (
            "from content.booking.models import BookingRequest;"
            "print(BookingRequest.objects.filter(email__startswith='two-instances').count())"
        )
        out = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", stored],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        assert out.stdout.strip().splitlines()[-1] == "5"
    finally:
        for proc in (a, b):
            proc.terminate()
            proc.wait(timeout=30)
