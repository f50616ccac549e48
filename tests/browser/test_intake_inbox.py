"""The intake inbox in Chromium as an Intake coordinator: phone and desktop widths."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from content.booking.models import BookingRequest
from tests.auth import login_verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in_context(browser, live_server, user, width):
    client = login_verified(Client(), user)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


@pytest.fixture
def coordinator(load_content, django_user_model):
    user = django_user_model.objects.create_user("coord", "c@example.com", "pw-coord-12345")
    user.groups.add(Group.objects.get(name="Intake"))
    return user


def make_requests(count):
    return [
        BookingRequest(
            name=f"Riley Example {i}",
            email="riley@example.com",
            phone="(510) 555-0188",
            contact_method="phone",
            kind="question",
            consent_to_contact=True,
            privacy_acknowledged=True,
        ).save_with_new_reference()
        for i in range(count)
    ]


@pytest.mark.parametrize("width", [390, 1280])
def test_coordinator_reaches_every_column_and_opens_a_request(
    browser, live_server, coordinator, artifacts_dir, width
):
    bookings = make_requests(3)
    context = signed_in_context(browser, live_server, coordinator, width)
    page = context.new_page()
    try:
        # The dashboard: the clinic's name, the waiting requests, no page search.
        page.goto(live_server.url + "/admin/")
        page.screenshot(path=artifacts_dir / f"intake-dashboard-{width}.png", full_page=True)
        assert page.locator("form[role=search]").count() == 0
        page.get_by_role("link", name="3 new requests waiting").click()
        page.wait_for_url("**/admin/intake/?status=new*")
        assert page.get_by_role("heading", level=1).inner_text().startswith("Intake inbox")
        page.goto(live_server.url + "/admin/intake/")
        page.screenshot(path=artifacts_dir / f"intake-inbox-{width}.png", full_page=True)
        headers = page.locator("main table.listing thead th")
        labels = [text.strip() for text in headers.all_inner_texts()]
        for wanted in ("Reference", "Name", "Status", "Notification", "Received"):
            assert any(label.startswith(wanted) for label in labels), labels
        # A person scrolls sideways over the table (mouse wheel or swipe): the last column must
        # come fully into view; a clipped table (overflow hidden) would never get there.
        page.locator("main table.listing").hover()
        page.mouse.wheel(3000, 0)
        page.wait_for_function(
            """(width) => {
                const headers = document.querySelectorAll("main table.listing thead th");
                const box = headers[headers.length - 1].getBoundingClientRect();
                return box.right <= width + 1 && box.left >= 0;
            }""",
            arg=width,
            timeout=5000,
        )

        page.get_by_role("link", name=bookings[0].reference, exact=True).click()
        page.wait_for_url(f"**/admin/intake/inspect/{bookings[0].pk}/")
        page.screenshot(path=artifacts_dir / f"intake-request-{width}.png", full_page=True)
        assert page.get_by_role("link", name="(510) 555-0188").get_attribute("href") == (
            "tel:+15105550188"
        )
        page.locator("select[name=status]").select_option("contacted")
        page.get_by_label("Add a note").fill("Left a voicemail.")
        page.get_by_role("button", name="Save").click()
        page.wait_for_url(f"**/admin/intake/inspect/{bookings[0].pk}/")
        assert page.get_by_role("heading", name="Status: Contacted").is_visible()
        assert "Left a voicemail." in page.locator(".c-intake-notes").inner_text()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the request page scrolls sideways by {overflow}px"
    finally:
        context.close()
