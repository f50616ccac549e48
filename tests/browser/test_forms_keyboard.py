"""Keyboard-only use of the site's forms: the provider directory filters and the booking form.

Each test runs when its app is installed (content.providers / content.booking).
"""

import pytest
from django.apps import apps

from tests.browser.helpers import foreign_requests, open_page
from tests.browser.pages import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DIRECTORY_PATH = "/find-a-provider/"
BOOKING_PATH = "/request-an-appointment/"


def needs_app(label):
    return pytest.mark.skipif(not apps.is_installed(f"content.{label}"), reason=f"no {label} app")


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches the CSS selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with the Tab key")


@needs_app("providers")
def test_directory_filters_work_with_the_keyboard_alone(browser, site):
    base = site.url
    with open_page(browser, base, WIDTHS["mobile"]) as page:
        page.goto(base + DIRECTORY_PATH)
        tab_to(page, "input[name=location]")
        page.keyboard.type("94612")
        tab_to(page, "select[name=radius]")
        page.keyboard.press("ArrowDown")
        tab_to(page, "form.c-filter button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "location=94612" in page.url
        assert page.locator("#results").is_visible()

        # Remove the applied location filter from the keyboard too.
        tab_to(page, ".c-applied__item a")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "location=94612" not in page.url
        assert foreign_requests(page, base) == []


@needs_app("booking")
def test_booking_form_can_be_completed_and_sent_with_the_keyboard(browser, site, settings):
    settings.BOOKING_MIN_FILL_SECONDS = 0  # the bot check's minimum fill time, not under test here
    base = site.url
    with open_page(browser, base, WIDTHS["mobile"]) as page:
        page.goto(base + BOOKING_PATH)

        # Sending it empty shows the error summary, focused, with links to each field.
        tab_to(page, "form.c-booking__form button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        summary = page.locator(".c-error-summary")
        assert summary.is_visible()
        assert page.evaluate("document.activeElement.matches('.c-error-summary')")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # follow the first error link to its field
        assert page.evaluate("location.hash") != ""

        page.goto(base + BOOKING_PATH)
        tab_to(page, "input[name=name]")
        page.keyboard.type("Sample Person")
        tab_to(page, "input[name=email]")
        page.keyboard.type("sample.person@example.com")
        tab_to(page, "input[name=contact_method]")
        page.keyboard.press("Space")
        tab_to(page, "input[name=kind]")
        page.keyboard.press("Space")
        tab_to(page, "input[name=consent_to_contact]")
        page.keyboard.press("Space")
        tab_to(page, "input[name=privacy_acknowledged]")
        page.keyboard.press("Space")
        tab_to(page, "form.c-booking__form button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("h1").inner_text().startswith("Thank you")
        assert foreign_requests(page, base) == []
