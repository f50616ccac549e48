"""Signing staff in from tests, including the second factor some groups must use.

Two ways:

- ``sign_in`` / ``enrol_authenticator`` / ``totp_code``: the real journey through the admin's
  forms (password, then a code computed from the authenticator key the enrolment page shows).
  Tests about signing in use these (tests/governance/test_two_factor_sign_in.py).
- ``login_verified``: a shortcut that writes a verified device into the session. Only for tests
  that are *not* about signing in (permissions, workflow, the booking inbox); it proves nothing
  about the sign-in forms. tests/governance/test_two_factor_sign_in.py shows the real path works.
"""

import base64
import re
import time
from html import unescape
from urllib.parse import parse_qs, urlparse

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a-long-test-password"
CONFIG_URL = re.compile(r"otpauth://totp/[^<\s\"]+")


def login_verified(client, user):
    """Not for sign-in tests: logs in and marks the session verified the way django-otp records it
    (the Clinical reviewers, Intake and Administrators groups need that to open the admin)."""
    device = TOTPDevice.objects.filter(
        user=user, confirmed=True
    ).first() or TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def key_from_config_url(config_url):
    """The secret key in an ``otpauth://`` URL, as an authenticator app reads it."""
    secret = parse_qs(urlparse(unescape(config_url)).query)["secret"][0]
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def current_step():
    """The number of the 30-second step an authenticator app is in now."""
    return int(time.time()) // 30


def totp_code(key, steps_ahead=0, step=None):
    """The code an authenticator app shows now (or ``steps_ahead`` 30-second steps later), or
    the code of a given ``step``."""
    totp = TOTP(key, step=30, t0=0, digits=6)
    totp.time = 30 * step if step is not None else time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


class Authenticator:
    """An authenticator app as set up: its key and the step of the code that confirmed it.

    ``code(1)`` is the code the app shows one step (30 s) after that. Counting from the enrolment
    step rather than from "now" keeps the codes inside the server's window (it accepts one step
    either side, and remembers any clock offset it saw) even when a step boundary passes mid-test.
    """

    def __init__(self, key, step):
        self.key = key
        self.step = step

    def code(self, later=0):
        return totp_code(self.key, step=self.step + later)


def sign_in(client, username, password=PASSWORD):
    """The admin's password form; returns the response after following redirects."""
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": reverse("wagtailadmin_home")},
        follow=True,
    )


def enter_code(client, code, **extra):
    return client.post(
        reverse("wagtail_2fa_auth"),
        {"otp_token": code, "next": reverse("wagtailadmin_home"), **extra},
        follow=True,
    )


def enrol_authenticator(client, password=PASSWORD, name="My phone"):
    """Sets up an authenticator through wagtail-2fa's device form (an Authenticator back)."""
    page = client.get(reverse("wagtail_2fa_device_new"))
    assert page.status_code == 200
    key = key_from_config_url(CONFIG_URL.search(page.content.decode()).group(0))
    step = current_step()
    response = client.post(
        reverse("wagtail_2fa_device_new"),
        {"name": name, "otp_token": totp_code(key, step=step), "password": password},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Authenticator(key, step)
