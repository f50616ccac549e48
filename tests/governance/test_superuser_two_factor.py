"""Superusers pass 2FA in production; the local demo admin of `make run` does not need to."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from tests.auth import enrol_authenticator
from tests.core.test_production import PROD, run_python


@pytest.mark.django_db
@override_settings(TWO_FACTOR_REQUIRED_FOR_SUPERUSERS=True)
def test_superuser_must_set_up_a_second_factor_when_required(client):
    user = get_user_model().objects.create_superuser(
        "root-admin", "root@example.com", "a-long-test-password"
    )
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtail_2fa_device_new"))
    enrol_authenticator(client)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.parametrize(
    ("settings_module", "required"),
    [("kapsite.settings.production", "True"), ("kapsite.settings.dev", "False")],
)
def test_production_requires_it_and_development_does_not(settings_module, required):
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS)"
    result = run_python(["-c", code], {**PROD, "DJANGO_SETTINGS_MODULE": settings_module})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == required
