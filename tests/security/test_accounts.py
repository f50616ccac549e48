"""Sessions, logout, deactivation and password rules."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client

from content.security.middleware import LAST_SEEN_KEY
from content.security.signals import LOGIN_AT_KEY

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("staffer", "staff@example.com", PASSWORD)


def log_in(client):
    client.get("/admin/login/")
    response = client.post("/admin/login/", {"username": "staffer", "password": PASSWORD})
    assert response.status_code == 302
    return client.session.session_key


def age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_session_limits_in_settings(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_ABSOLUTE_SECONDS <= 12 * 3600
    assert settings.SESSION_ADMIN_IDLE_SECONDS <= 30 * 60


def test_login_gives_a_new_session_key(staff):
    client = Client()
    session = client.session
    session["visitor_note"] = "before login"
    session.save()
    before = session.session_key
    after = log_in(client)
    assert after and after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_logout_ends_the_session_on_the_server(staff):
    client = Client()
    key = log_in(client)
    assert Session.objects.filter(session_key=key).exists()
    client.post("/admin/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/admin/").status_code == 302


def test_deactivating_a_user_ends_all_their_sessions(staff):
    first, second, other = Client(), Client(), Client()
    keys = [log_in(first), log_in(second)]
    get_user_model().objects.create_superuser("other", "other@example.com", PASSWORD)
    other.post("/admin/login/", {"username": "other", "password": PASSWORD})
    other_key = other.session.session_key
    staff.is_active = False
    staff.save()
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert Session.objects.filter(session_key=other_key).exists()
    assert first.get("/admin/").status_code == 302


def test_saving_an_active_user_keeps_their_sessions(staff):
    client = Client()
    key = log_in(client)
    staff.first_name = "Sam"
    staff.save()
    assert Session.objects.filter(session_key=key).exists()


def test_admin_session_ends_after_30_idle_minutes(staff):
    client = Client()
    log_in(client)
    assert client.get("/admin/").status_code == 200
    age_session(client, **{LAST_SEEN_KEY: 29 * 60})
    assert client.get("/admin/").status_code == 200
    age_session(client, **{LAST_SEEN_KEY: 31 * 60})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_session_ends_12_hours_after_login_even_when_active(staff):
    client = Client()
    log_in(client)
    age_session(client, **{LOGIN_AT_KEY: 11 * 3600, LAST_SEEN_KEY: 60})
    assert client.get("/admin/").status_code == 200
    age_session(client, **{LOGIN_AT_KEY: 12 * 3600 + 60, LAST_SEEN_KEY: 60})
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "password", ["short-pw-1", "password1234", "123456789012", "staff@example.com"]
)
def test_weak_passwords_are_rejected(password, staff):
    with pytest.raises(ValidationError):
        validate_password(password, user=staff)


def test_a_long_uncommon_password_is_accepted(staff):
    validate_password("quiet-lantern-river-42", user=staff)


def test_password_validators_in_settings(settings):
    names = {v["NAME"].rsplit(".", 1)[-1]: v for v in settings.AUTH_PASSWORD_VALIDATORS}
    assert names["MinimumLengthValidator"]["OPTIONS"]["min_length"] >= 12
    assert "CommonPasswordValidator" in names
