"""Signing in with a second factor, as a person does: password form, then code form.

Codes are computed from the key the enrolment page shows (django-otp's TOTP), never written into
the session. Each test runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import resolve, reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from content.governance.otp_sign_in import SignInCodeView
from tests.auth import enrol_authenticator, enter_code, sign_in, totp_code

from .conftest import make_user

pytestmark = pytest.mark.django_db
HOME = "/admin/"


def sign_out(client):
    client.post(reverse("wagtailadmin_logout"))
    assert "_auth_user_id" not in client.session


def enrolled(client, username="ida", group="Intake"):
    """A colleague in a group that must use 2FA signs in for the first time and sets up an
    authenticator (which verifies that session), then signs out. Returns the Authenticator."""
    make_user(username, group)
    response = sign_in(client, username)
    assert response.redirect_chain[-1][0].startswith(reverse("wagtail_2fa_device_new"))
    app = enrol_authenticator(client)
    assert client.get(HOME).status_code == 200
    sign_out(client)
    return app


def backup_codes(client):
    response = client.post(reverse("governance:backup_codes"), {"password": "a-long-test-password"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


def test_our_code_form_answers_wagtail_2fa_url():
    assert resolve(reverse("wagtail_2fa_auth")).func.view_class is SignInCodeView


def test_enrol_sign_out_sign_in_with_code(client):
    app = enrolled(client)
    response = sign_in(client, "ida")
    # The password alone leads to the code form, not the admin.
    assert response.redirect_chain[-1][0].startswith(reverse("wagtail_2fa_auth"))
    assert client.get(HOME).status_code == 302
    # The next step's code (the enrolment used the current one).
    response = enter_code(client, app.code(1))
    assert response.redirect_chain[-1][0] == HOME
    assert response.status_code == 200
    assert client.get(HOME).status_code == 200


def test_wrong_code_is_refused(client):
    app = enrolled(client)
    sign_in(client, "ida")
    good = app.code(1)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    response = enter_code(client, wrong)
    assert response.status_code == 200
    assert "That code did not work" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_a_used_code_is_refused_the_second_time(client):
    app = enrolled(client)
    code = app.code(1)
    sign_in(client, "ida")
    assert enter_code(client, code).redirect_chain[-1][0] == HOME
    sign_out(client)
    sign_in(client, "ida")
    response = enter_code(client, code)
    assert "That code did not work" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_person_with_two_authenticators_chooses_one(client):
    app = enrolled(client)
    sign_in(client, "ida")
    enter_code(client, app.code(1))
    tablet_app = enrol_authenticator(client, name="Tablet")
    sign_out(client)
    sign_in(client, "ida")
    page = client.get(reverse("wagtail_2fa_auth"))
    assert 'type="radio"' in page.content.decode()
    tablet = TOTPDevice.objects.get(name="Tablet")
    response = enter_code(client, tablet_app.code(1), otp_device=tablet.persistent_id)
    assert response.redirect_chain[-1][0] == HOME


def test_backup_code_signs_in_once(client):
    app = enrolled(client)
    sign_in(client, "ida")
    enter_code(client, app.code(1))
    codes = backup_codes(client)
    assert len(codes) == 10
    sign_out(client)

    sign_in(client, "ida")
    # Typed in capitals with a space, as people do.
    typed = f"{codes[0][:4]} {codes[0][4:]}".upper()
    response = enter_code(client, typed)
    assert response.redirect_chain[-1][0] == HOME
    assert "You have 9 left" in response.content.decode()
    user = get_user_model().objects.get(username="ida")
    assert ModelLogEntry.objects.filter(
        action="kapsite.backup_code_used", object_id=str(user.pk)
    ).exists()
    sign_out(client)

    sign_in(client, "ida")
    assert "That code did not work" in enter_code(client, codes[0]).content.decode()


def test_new_backup_codes_need_the_password_and_replace_old_ones(client):
    app = enrolled(client)
    sign_in(client, "ida")
    enter_code(client, app.code(1))
    refused = client.post(reverse("governance:backup_codes"), {"password": "not-it"})
    assert "That password is not right" in refused.content.decode()
    assert not StaticDevice.objects.exists()
    first = backup_codes(client)
    assert ModelLogEntry.objects.filter(action="kapsite.backup_codes_created").count() == 1
    second = backup_codes(client)
    assert not set(first) & set(second)
    assert StaticDevice.objects.get().token_set.count() == 10


def test_enrolment_leads_to_backup_codes(client):
    make_user("ida", "Intake")
    sign_in(client, "ida")
    page = client.get(reverse("wagtail_2fa_device_new"))
    from tests.auth import CONFIG_URL, key_from_config_url

    key = key_from_config_url(CONFIG_URL.search(page.content.decode()).group(0))
    response = client.post(
        reverse("wagtail_2fa_device_new"),
        {"name": "Phone", "otp_token": totp_code(key), "password": "a-long-test-password"},
    )
    assert response["Location"] == reverse("governance:backup_codes")


def test_administrator_resets_a_colleagues_devices_and_it_is_audited(client):
    app = enrolled(client)
    make_user("ada", "Administrators")
    admin_client = client.__class__()
    sign_in(admin_client, "ada")
    enrol_authenticator(admin_client)
    ida = get_user_model().objects.get(username="ida")
    url = reverse("governance:reset_two_factor", args=(ida.pk,))
    listing = admin_client.get(reverse("wagtailusers_users:index"))
    assert url in listing.content.decode()
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=ida).exists()
    entry = ModelLogEntry.objects.get(action="kapsite.two_factor_reset", object_id=str(ida.pk))
    assert entry.user.username == "ada"

    # Ida's old code no longer signs her in; she is asked to set up a new authenticator.
    response = sign_in(client, "ida")
    assert response.redirect_chain[-1][0].startswith(reverse("wagtail_2fa_device_new"))
    assert "That code did not work" in enter_code(client, app.code(1)).content.decode()
    assert enrol_authenticator(client)
    assert client.get(HOME).status_code == 200


def refused(response):
    """Wagtail answers PermissionDenied in the admin with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == HOME
    )


def test_reset_needs_permission_and_not_oneself(client):
    ida_app = enrolled(client)
    ida = get_user_model().objects.get(username="ida")
    make_user("eddie", "Editors")
    ada = make_user("ada", "Administrators")
    url = reverse("governance:reset_two_factor", args=(ida.pk,))
    sign_in(client, "eddie")
    assert refused(client.get(url))
    assert refused(client.post(url))
    sign_out(client)
    sign_in(client, "ada")
    enrol_authenticator(client)
    assert refused(client.post(reverse("governance:reset_two_factor", args=(ada.pk,))))
    su = get_user_model().objects.create_superuser("root", "r@example.com", "a-long-test-password")
    assert refused(client.post(reverse("governance:reset_two_factor", args=(su.pk,))))
    assert TOTPDevice.objects.filter(user=ida).exists()
    assert TOTPDevice.objects.filter(user=ada).exists()
    assert not ModelLogEntry.objects.filter(action="kapsite.two_factor_reset").exists()
    assert ida_app


def test_backup_codes_need_an_authenticator_first(client):
    make_user("eddie", "Editors")  # 2FA optional for editors
    sign_in(client, "eddie")
    page = client.get(reverse("governance:backup_codes"))
    assert "first set up an authenticator app" in page.content.decode()
    client.post(reverse("governance:backup_codes"), {"password": "a-long-test-password"})
    assert not StaticDevice.objects.exists()
    # Still no second factor asked of this editor.
    assert client.get(HOME).status_code == 200


@override_settings(OTP_TOTP_THROTTLE_FACTOR=600)
def test_after_a_wrong_code_the_person_is_asked_to_wait(client):
    app = enrolled(client)
    sign_in(client, "ida")
    good = app.code(1)
    enter_code(client, f"{(int(good) + 1) % 1_000_000:06d}")
    response = enter_code(client, good)
    assert "please wait a little" in response.content.decode()
    assert client.get(HOME).status_code == 302
