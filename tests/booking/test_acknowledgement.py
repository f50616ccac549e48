"""The acknowledgement email to the patient: the reference and generic text, nothing they typed."""

import pytest
from django.core import mail

from content.booking import acknowledgements
from content.booking.models import BookingRequest

from .conftest import URL, valid_data

pytestmark = pytest.mark.django_db

FAILING = "tests.booking.failing_email_backend.FailingEmailBackend"

TYPED = {
    "name": "Quinlan Zebadiah",
    "email": "quinlan.z@example.com",
    "phone": "(415) 555-0177",
    "preferred_times": "Thursdays after lunch",
    "note": "Worried about my brother",
}


def test_form_offers_the_acknowledgement_ticked_by_default(client, booking_page):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    box = soup.find("input", attrs={"name": "acknowledge"})
    assert box["type"] == "checkbox" and box.has_attr("checked")
    assert "nothing you wrote" in soup.find(id="id_acknowledge-hint").get_text()


def test_acknowledgement_has_the_reference_and_generic_text_only(client, booking_page):
    response = client.post(URL, valid_data(acknowledge="on", **TYPED))
    assert response.status_code == 302
    booking = BookingRequest.objects.get()
    assert booking.acknowledge_by_email and booking.acknowledgement_sent_at is not None
    to_patient = [m for m in mail.outbox if m.to == [TYPED["email"]]]
    assert len(to_patient) == 1 and len(mail.outbox) == 2  # and the intake notification
    message = to_patient[0]
    text = message.subject + "\n" + message.body
    assert booking.reference in message.subject and booking.reference in message.body
    assert "We will reply within 2 business days." in message.body
    assert "call or text 988" in message.body
    for value in [*TYPED.values(), "Quinlan", "Zebadiah", "555-0177", "quinlan", "Appointment"]:
        assert value.lower() not in text.lower(), value
    assert not message.attachments and not getattr(message, "alternatives", [])
    # The confirmation page says an email is on its way (without showing the address).
    page = client.get(response["Location"]).content.decode()
    assert "sending a short email" in page and TYPED["email"] not in page


def test_no_acknowledgement_when_unticked_or_without_an_email(client, booking_page):
    client.post(URL, valid_data(**TYPED))  # box unticked
    client.post(
        URL,
        valid_data(acknowledge="on", email="", contact_method="phone", name="No Email Person"),
    )
    assert [b.acknowledge_by_email for b in BookingRequest.objects.order_by("created_at")] == [
        False,
        False,
    ]
    assert all(m.to != [TYPED["email"]] for m in mail.outbox)
    assert len(mail.outbox) == 2  # the two intake notifications only


def test_a_failed_acknowledgement_keeps_the_request_and_the_confirmation(
    client, booking_page, settings, caplog
):
    settings.EMAIL_BACKEND = FAILING
    response = client.post(URL, valid_data(acknowledge="on", **TYPED))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    booking = BookingRequest.objects.get()
    assert booking.acknowledgement_sent_at is None
    assert f"acknowledgement email failed for {booking.reference}" in caplog.text
    assert TYPED["email"] not in caplog.text


def test_acknowledgement_is_sent_at_most_once(client, booking_page):
    client.post(URL, valid_data(acknowledge="on", **TYPED))
    booking = BookingRequest.objects.get()
    assert acknowledgements.send(booking.pk) == "skipped"
    assert len([m for m in mail.outbox if m.to == [TYPED["email"]]]) == 1
