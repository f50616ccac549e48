"""Database outages: a calm 503 with Retry-After, no stack trace, nothing submitted in the logs,
and recovery on the first request after the database returns."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from tests.live_server import free_port

from .conftest import ROOT

SECRET = "marker-Zq7-never-logged"


@pytest.fixture
def database_down(monkeypatch):
    """Every new query fails the way it does when PostgreSQL is unreachable."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused (simulated outage)")

    monkeypatch.setattr(connection, "create_cursor", refuse)
    monkeypatch.setattr(connection, "ensure_connection", refuse)


def assert_outage_page(response, heading):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert heading in html
    assert "(510) 555-0142" in html
    for leak in ("Traceback", "OperationalError", "simulated outage", "site-packages"):
        assert leak not in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/learn/what-is-kap/", "/about/", "/no-such-page/"])
def test_public_pages_answer_503_when_the_database_is_down(client, database_down, url):
    started = time.monotonic()
    response = client.get(url)
    assert time.monotonic() - started < 4
    assert_outage_page(response, "temporarily unavailable")
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_form_posts_answer_503_with_the_clinic_phone_and_log_nothing_submitted(
    client, database_down, caplog
):
    caplog.set_level("DEBUG")
    response = client.post(
        f"/learn/what-is-kap/?q={SECRET}-query",
        {"name": f"{SECRET}-name", "email": "someone@example.com", "message": SECRET},
    )
    assert_outage_page(response, "We could not save your request, please call")
    assert SECRET not in caplog.text
    assert "Database unavailable" in caplog.text


@pytest.mark.django_db
def test_the_site_recovers_when_the_database_returns(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused (simulated outage)")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "create_cursor", refuse)
        assert client.get("/learn/what-is-kap/").status_code == 503
    assert client.get("/learn/what-is-kap/").status_code == 200


# --- The real thing: stop and start PostgreSQL under a running gunicorn (CI, PostgreSQL) ----


def _pg_ctl(action: str):
    version = (
        os.environ.get("KAPSITE_FAULT_PG_VERSION") or sorted(os.listdir("/etc/postgresql"))[-1]
    )
    cluster = os.environ.get("KAPSITE_FAULT_PG_CLUSTER", "main")
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, action],
        check=True,
        capture_output=True,
        timeout=60,
    )


def _wait_for_postgres(host, port, up=True, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((host, port), timeout=1).close()
            if up:
                return
        except OSError:
            if not up:
                return
        time.sleep(0.3)
    raise AssertionError(f"PostgreSQL did not come {'up' if up else 'down'} in {seconds}s")


class _Browser:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)  # noqa: S310  loopback only
        if data is not None:
            req.add_header("Referer", self.base + path)
        started = time.monotonic()
        try:
            with self.opener.open(req, timeout=10) as resp:
                return resp.status, dict(resp.headers), resp.read().decode(), started
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read().decode(), started


@pytest.mark.postgres
@pytest.mark.skipif(
    os.environ.get("KAPSITE_FAULT_TESTS") != "1",
    reason="stops the real PostgreSQL: set KAPSITE_FAULT_TESTS=1 (CI does on its PostgreSQL run)",
)
def test_real_postgres_outage_under_gunicorn(load_content, tmp_path: Path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    db = connection.settings_dict
    host, pg_port = db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kapsite.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{host}:{pg_port}/{db['NAME']}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
    }
    log_path = tmp_path / "gunicorn.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "kapsite/gunicorn.conf.py",
            "--no-control-socket",
            "kapsite.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    browser = _Browser(f"http://127.0.0.1:{port}")
    article = "/learn/what-is-kap/"
    stopped = False
    try:
        for _ in range(60):
            try:
                if browser.request("/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        assert browser.request(article)[0] == 200
        status, _, login_form, _ = browser.request("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_form).group(1)

        connection.close()
        _pg_ctl("stop")
        stopped = True
        _wait_for_postgres(host, pg_port, up=False)

        status, headers, body, started = browser.request(article)
        assert time.monotonic() - started < 4
        assert status == 503
        assert int(headers["Retry-After"]) > 0
        assert "temporarily unavailable" in body and "Traceback" not in body

        status, headers, body, started = browser.request(
            article + f"?q={SECRET}",
            {"csrfmiddlewaretoken": token, "name": SECRET, "message": SECRET},
        )
        assert time.monotonic() - started < 4
        assert status == 503
        assert "We could not save your request, please call" in body
        assert "(510) 555-0142" in body
        assert "Traceback" not in body

        _pg_ctl("start")
        stopped = False
        _wait_for_postgres(host, pg_port, up=True)
        time.sleep(1)  # accepting connections, not just listening
        assert browser.request(article)[0] == 200, "first request after the database returns"
    finally:
        if stopped:
            _pg_ctl("start")
            _wait_for_postgres(host, pg_port, up=True)
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        connection.close()
    logged = log_path.read_text()
    assert SECRET not in logged
    assert "Database unavailable" in logged


# --- The booking form when the database is down ------------------------------------------


def _booking_submission():
    from tests.booking.conftest import valid_data

    return valid_data(
        name=f"{SECRET}-name",
        email="secret.person@example.com",
        phone="510-555-0177",
        preferred_times=f"{SECRET}-times",
        note=f"{SECRET}-note",
    )


def _booking_url():
    from content.booking.models import BookingPage

    return BookingPage.objects.live().get(locale__language_code="en").url


@pytest.mark.django_db
def test_booking_form_answers_503_with_the_clinic_phone_when_the_database_is_down(
    client, monkeypatch, caplog
):
    from django.core.cache import cache

    from content.booking.models import BookingRequest

    url = _booking_url()
    cache.clear()
    caplog.set_level("DEBUG")
    with monkeypatch.context() as patch:
        patch.setattr(connection, "create_cursor", _refuse)
        patch.setattr(connection, "ensure_connection", _refuse)
        response = client.post(url, _booking_submission())
    assert_outage_page(response, "We could not save your request, please call")
    _assert_nothing_submitted_in(caplog.text)
    assert not BookingRequest.objects.filter(email="secret.person@example.com").exists()


@pytest.mark.django_db
def test_booking_form_answers_503_when_only_the_insert_fails(client, caplog):
    """The page loads but saving the request fails (database read-only or full): the form
    comes back with a 503, the clinic phone and the values kept, and nothing is logged."""
    from django.core.cache import cache

    from content.booking.models import BookingRequest

    url = _booking_url()
    cache.clear()
    caplog.set_level("DEBUG")

    def refuse_booking_inserts(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and "booking_bookingrequest" in sql:
            raise OperationalError("could not write (simulated outage)")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_booking_inserts):
        response = client.post(url, _booking_submission())
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "We could not save your request, please call us at (510) 555-0142" in html
    assert f'value="{SECRET}-name"' in html  # the patient does not have to type it again
    for leak in ("Traceback", "OperationalError", "simulated outage"):
        assert leak not in html
    _assert_nothing_submitted_in(caplog.text)
    assert "booking request could not be saved: OperationalError" in caplog.text
    assert not BookingRequest.objects.exists()


def _refuse(*args, **kwargs):
    raise OperationalError("connection refused (simulated outage)")


def _assert_nothing_submitted_in(log_text):
    for value in (SECRET, "secret.person", "555-0177", "5550177"):
        assert value not in log_text, value
