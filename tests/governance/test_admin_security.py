"""Admin accounts: password validation, login throttling and two-factor authentication."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory, override_settings
from django.urls import reverse

from content.core.client_ip import client_ip
from tests.auth import enrol_authenticator

from .conftest import make_user

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


def test_weak_passwords_are_refused():
    for weak in ["short1", "password1234", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("calm-river-stone-42")


def test_repeated_failures_lock_out_then_correct_password_is_refused(client):
    make_user("lena", "Editors")
    for _ in range(4):
        response = client.post(LOGIN, {"username": "lena", "password": "wrong-password"})
        assert response.status_code == 200  # the login form again, with its error
    locked = client.post(LOGIN, {"username": "lena", "password": "wrong-password"})
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    # Even the right password is refused while locked out.
    response = client.post(LOGIN, {"username": "lena", "password": "a-long-test-password"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_user_and_address(client):
    make_user("lena", "Editors")
    for _ in range(5):
        client.post(LOGIN, {"username": "lena", "password": "wrong"}, REMOTE_ADDR="203.0.113.7")
    ok = client.post(
        LOGIN, {"username": "lena", "password": "a-long-test-password"}, REMOTE_ADDR="203.0.113.8"
    )
    assert ok.status_code == 302


def test_client_ip_ignores_forwarded_header_without_trusted_proxy():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.2"
    with override_settings(TRUSTED_PROXY_COUNT=1):
        spoofed = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9"
        )
        assert client_ip(spoofed) == "198.51.100.9"


@pytest.mark.parametrize(
    ("group", "required"),
    [
        ("Editors", False),
        ("Clinical reviewers", True),
        ("Intake", True),
        ("Administrators", True),
    ],
)
def test_two_factor_required_by_group(client, group, required):
    user = make_user("gus", group)
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    if required:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtail_2fa_device_new"))
        # Once an authenticator is set up through the form (which verifies the session), it opens.
        enrol_authenticator(client)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    else:
        assert response.status_code == 200


def test_superuser_outside_groups_not_forced(client):
    user = get_user_model().objects.create_superuser("admin2", "a@example.com", "a-long-pass-1")
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_two_factor_available_to_editors_and_enforced_once_set_up(client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = make_user("eve", "Editors")
    client.force_login(user)
    assert client.get(reverse("wagtail_2fa_device_new")).status_code == 200
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtail_2fa_auth"))
