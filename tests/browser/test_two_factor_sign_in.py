"""A colleague who must use 2FA sets up an authenticator, signs out and signs in again with a
code, in Chromium at phone and desktop widths. Codes come from the key the enrolment page shows
(django-otp's TOTP), as an authenticator app reads it. Screenshots go to test-artifacts/.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.auth import PASSWORD, Authenticator, current_step, key_from_config_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def csp_violations(page):
    found = []
    page.on(
        "console",
        lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return found


def sign_in_with_password(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")


@pytest.mark.parametrize("width", WIDTHS)
def test_enrol_sign_out_and_sign_in_with_a_code(
    browser, load_content, live_server, artifacts_dir, width
):
    username = f"ida-{width}"
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", PASSWORD, first_name="Ida"
    )
    user.groups.add(Group.objects.get(name="Intake"))
    base = live_server.url
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    violations = csp_violations(page)
    try:
        # First sign-in: the password leads to setting up an authenticator.
        sign_in_with_password(page, base, username)
        assert "/admin/2fa/devices/new" in page.url
        config_url = page.locator("code", has_text="otpauth://").inner_text()
        app = Authenticator(key_from_config_url(config_url.strip()), current_step())
        page.screenshot(path=artifacts_dir / f"2fa-enrol-{width}.png", full_page=True)
        page.fill("input[name=name]", "My phone")
        page.fill("input[name=otp_token]", app.code())
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("input[type=submit]")
        # Straight on to backup codes.
        assert page.url.endswith("/admin/governance/backup-codes/")
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Create new backup codes").click()
        codes = page.locator(".c-backup-codes li").all_inner_texts()
        assert len(codes) == 10
        page.screenshot(path=artifacts_dir / f"2fa-backup-codes-{width}.png", full_page=True)

        # Sign out (the browser forgets the session) and sign in again, with the next code.
        context.clear_cookies()
        sign_in_with_password(page, base, username)
        assert "/admin/2fa/auth" in page.url
        page.screenshot(path=artifacts_dir / f"2fa-code-{width}.png", full_page=True)
        page.fill("input[name=otp_token]", app.code(1))
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
        assert page.url == base + "/admin/"
        page.screenshot(path=artifacts_dir / f"2fa-signed-in-{width}.png", full_page=True)

        # Once more: a wrong code is refused; a backup code gets in.
        context.clear_cookies()
        sign_in_with_password(page, base, username)
        wrong = f"{(int(app.code(1)) + 1) % 1_000_000:06d}"
        page.fill("input[name=otp_token]", wrong)
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
        assert page.get_by_text("That code did not work").is_visible()
        assert "/admin/2fa/auth" in page.url
        page.screenshot(path=artifacts_dir / f"2fa-code-wrong-{width}.png", full_page=True)
        page.fill("input[name=otp_token]", codes[0])
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
        assert page.url == base + "/admin/"
        assert page.get_by_text("You have 9 left").is_visible()
    finally:
        context.close()
    assert violations == [], violations
