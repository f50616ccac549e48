"""The real booking form in Chromium: nothing sent is lost, nothing unsaved is confirmed.

Each test runs at a phone width (390 px) and a desktop width (1280 px) and leaves full-page
screenshots in test-artifacts/screenshots/ for a person to look at.
"""

import re

import pytest
from django.core import mail

from content.booking.models import BookingRequest
from content.booking.spam import HONEYPOT_FIELD
from tests.browser.helpers import foreign_requests, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOOKING_PATH = "/request-an-appointment/"
VIEWPORTS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 900}}
NAME = "Robin Quickfill"
EMAIL = "robin.quickfill@example.com"
NOTE = "Mornings are easier for me"


def fill_like_autofill(page):
    """What autofill or a form-filling extension does: every visible text box gets a value."""
    values = {"name": NAME, "email": EMAIL, "tel": "510-555-0199"}
    for box in page.locator("input[type=text], input[type=email], input[type=tel]").all():
        if box.is_visible():
            box.fill(values.get(box.get_attribute("autocomplete") or "", "Weekday mornings"))
    page.fill("textarea[name=note]", NOTE)
    page.check("input[name=contact_method][value=email]")
    page.check("input[name=kind][value=appointment]")
    page.check("input[name=consent_to_contact]")
    page.check("input[name=privacy_acknowledged]")


def send(page):
    with page.expect_navigation() as navigation:
        page.click("form.c-booking__form button[type=submit]")
    return navigation.value


def assert_answers_kept(page):
    assert page.input_value("input[name=name]") == NAME
    assert page.input_value("input[name=email]") == EMAIL
    assert page.input_value("textarea[name=note]") == NOTE
    assert page.is_checked("input[name=contact_method][value=email]")
    assert page.is_checked("input[name=consent_to_contact]")


@pytest.fixture(params=list(VIEWPORTS), ids=lambda w: f"{w}px")
def width(request):
    return request.param


def test_a_fast_submission_is_given_back_then_stored_never_confirmed_for_nothing(
    browser, load_content, live_server, settings, artifacts_dir, width
):
    # Every submission counts as "too fast", however slow this machine is today.
    settings.BOOKING_MIN_FILL_SECONDS = 60
    base = live_server.url
    with open_page(browser, base, VIEWPORTS[width]) as page:
        page.goto(base + BOOKING_PATH)
        honeypot = page.locator(f"input[name={HONEYPOT_FIELD}]")
        fill_like_autofill(page)
        # The honeypot is not shown, so neither autofill nor the person filled it.
        assert not honeypot.is_visible()
        assert honeypot.input_value() == ""
        assert honeypot.get_attribute("autocomplete") == "off"
        assert page.is_checked("input[name=acknowledge]")

        answer = send(page)
        page.screenshot(path=artifacts_dir / f"booking-fast-{width}.png", full_page=True)
        assert answer.status == 200
        assert BookingRequest.objects.count() == 0
        assert "Thank you" not in page.locator("h1").inner_text()
        summary = page.locator(".c-error-summary")
        assert "press 'Send request' again" in summary.inner_text()
        assert page.evaluate("document.activeElement.matches('.c-error-summary')")
        assert_answers_kept(page)

        # One more press sends it.
        answer = send(page)
        page.screenshot(path=artifacts_dir / f"booking-sent-{width}.png", full_page=True)
        assert answer.status == 200
        assert page.locator("h1").inner_text().startswith("Thank you")
        booking = BookingRequest.objects.get()
        assert booking.name == NAME and booking.note == NOTE
        shown = page.locator(".c-booking__reference strong").inner_text()
        assert shown == booking.reference
        # The acknowledgement (ticked by default): the reference and generic text only.
        to_patient = [m for m in mail.outbox if m.to == [EMAIL]]
        assert len(to_patient) == 1
        assert booking.reference in to_patient[0].body
        for typed in (NAME, "Robin", NOTE, "555-0199", "Weekday mornings"):
            assert typed not in to_patient[0].subject + to_patient[0].body
        assert foreign_requests(page, base) == []


def test_confirmation_page_is_404_for_an_unknown_reference(browser, load_content, live_server):
    from django.core import signing

    from content.booking.views import CONFIRMATION_SALT

    base = live_server.url
    token = signing.dumps("ABCD-EFGH", salt=CONFIRMATION_SALT)
    with open_page(browser, base, VIEWPORTS["390"]) as page:
        answer = page.goto(f"{base}{BOOKING_PATH}thanks/?r={token}")
        assert answer.status == 404
        assert "ABCD-EFGH" not in page.content()


def test_rate_limit_keeps_the_answers_and_says_when(
    browser, load_content, live_server, settings, artifacts_dir, width
):
    settings.BOOKING_MIN_FILL_SECONDS = 0
    settings.BOOKING_RATE_LIMIT = "1/h"
    base = live_server.url
    with open_page(browser, base, VIEWPORTS[width]) as page:
        page.goto(base + BOOKING_PATH)
        fill_like_autofill(page)
        assert send(page).status == 200
        page.goto(base + BOOKING_PATH)
        fill_like_autofill(page)
        answer = send(page)
        page.screenshot(path=artifacts_dir / f"booking-rate-limited-{width}.png", full_page=True)
        assert answer.status == 429
        text = page.locator(".c-error-summary").inner_text()
        assert re.search(
            r"You have sent several requests in the last hour\. Please call us at "
            r"\(510\) 555-0142 or try again after \d{1,2}:\d\d [AP]M P[SD]T\.",
            text,
        ), text
        assert_answers_kept(page)
    assert BookingRequest.objects.count() == 1


def test_contact_method_must_be_one_the_person_allowed(
    browser, load_content, live_server, settings, artifacts_dir, width
):
    settings.BOOKING_MIN_FILL_SECONDS = 0
    base = live_server.url
    with open_page(browser, base, VIEWPORTS[width]) as page:
        page.goto(base + BOOKING_PATH)
        fill_like_autofill(page)
        page.check("input[name=contact_method][value=text]")  # texts not allowed (unticked)
        answer = send(page)
        page.screenshot(path=artifacts_dir / f"booking-mistake-{width}.png", full_page=True)
        assert answer.status == 200
        error = page.locator("#id_text_ok-error")
        assert "Tick 'It is OK to send a text message'" in error.inner_text()
        assert page.get_attribute("#id_text_ok", "aria-invalid") == "true"
        assert page.input_value("textarea[name=note]") == NOTE
        assert BookingRequest.objects.count() == 0
        page.check("input[name=text_ok]")
        assert send(page).status == 200
        assert page.locator("h1").inner_text().startswith("Thank you")
    booking = BookingRequest.objects.get()
    assert booking.contact_method == "text" and booking.text_ok


def test_note_counter_counts_live_and_the_server_never_cuts_the_note(
    browser, load_content, live_server, settings
):
    settings.BOOKING_MIN_FILL_SECONDS = 0
    base = live_server.url
    with open_page(browser, base, VIEWPORTS["390"]) as page:
        page.goto(base + BOOKING_PATH)
        counter = page.locator("#id_note-count")
        assert counter.inner_text() == "You have 500 characters left."
        assert page.locator("#id_note-count + [aria-live=polite]").count() == 1
        page.locator("textarea[name=note]").press_sequentially("Hello")
        assert counter.inner_text() == "You have 495 characters left."
        fill_like_autofill(page)
        long_note = "a" * 690 + "\n" * 10  # line breaks count once, as on the server
        page.fill("textarea[name=note]", long_note)
        page.locator("textarea[name=note]").press("End")  # an input event after the fill
        page.locator("textarea[name=note]").type("b")
        assert counter.inner_text() == "You have 201 characters too many."
        send(page)
        error = page.locator("#id_note-error").inner_text()
        assert "Please shorten your note to 500 characters or fewer; it has 701." in error
        assert page.input_value("textarea[name=note]") == long_note + "b"
    assert BookingRequest.objects.count() == 0


def test_note_counter_speaks_the_page_language(browser, load_content, live_server):
    """On the Spanish page the counter's words are Spanish, singular and plural."""
    base = live_server.url
    with open_page(browser, base, VIEWPORTS["390"]) as page:
        page.goto(base + "/es/pedir-una-cita/")
        counter = page.locator("#id_note-count")
        assert counter.inner_text() == "Le quedan 500 caracteres."
        page.fill("textarea[name=note]", "a" * 498)
        page.locator("textarea[name=note]").type("b")
        assert counter.inner_text() == "Le queda 1 carácter."
        page.locator("textarea[name=note]").type("cd")
        assert counter.inner_text() == "Tiene 1 carácter de más."
        page.locator("textarea[name=note]").type("e")
        assert counter.inner_text() == "Tiene 2 caracteres de más."
