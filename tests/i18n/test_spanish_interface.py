"""The interface in Spanish: the booking form, its errors, the acknowledgement email, error pages.

English output is covered by the other test folders (their assertions are on English text).
"""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import formats, translation

from content.booking.forms import BookingForm
from content.booking.models import BookingRequest
from content.booking.tasks import send_booking_acknowledgement
from content.security.views import page_not_found
from tests.booking.conftest import valid_data

pytestmark = pytest.mark.django_db


def spanish_form(**overrides):
    with translation.override("es"):
        form = BookingForm(valid_data(**overrides))
        form.is_valid()
        html = render_to_string("booking/includes/text_field.html", {"field": form["email"]})
        html += render_to_string("booking/includes/text_field.html", {"field": form["name"]})
        return form, BeautifulSoup(html, "html.parser")


def test_booking_form_labels_and_an_invalid_email_message_are_in_spanish(site_content):
    form, soup = spanish_form(email="not-an-email")
    labels = [label.get_text() for label in soup.find_all("label")]
    assert labels == ["Correo electrónico", "Su nombre"]
    error = soup.find(class_="c-field__error").get_text(" ", strip=True)
    assert error == (
        "Error: Escriba un correo electrónico con el formato correcto, por ejemplo "
        "nombre@ejemplo.com."
    )
    # The same form in English keeps the English wording.
    with translation.override("en"):
        assert form.errors["email"] == [
            "Enter an email address in the right format, like name@example.com."
        ]


def test_length_limits_are_explained_in_spanish(site_content):
    form, _ = spanish_form(name="x" * 101)
    with translation.override("es"):
        assert form.errors["name"] == [
            "Acorte su nombre a 100 caracteres o menos; ahora tiene 101."
        ]
    with translation.override("en"):
        assert form.errors["name"] == [
            "Please shorten your name to 100 characters or fewer; it has 101."
        ]


def test_request_sent_in_spanish_remembers_it_and_is_acknowledged_in_spanish(site_content):
    mail.outbox.clear()
    form, _ = spanish_form(acknowledge="on")
    assert form.is_valid(), form.errors
    with translation.override("es"):
        booking = form.to_request().save_with_new_reference()
    booking.refresh_from_db()
    assert booking.language == "es"
    # The task runs later, in whatever language is active then: the stored one decides.
    with translation.override("en"):
        send_booking_acknowledgement.enqueue(booking.pk)
    (message,) = [m for m in mail.outbox if m.to == [booking.email]]
    assert message.subject == f"Recibimos su solicitud ({booking.reference})"
    body = message.body
    assert f"Su número de referencia es {booking.reference}." in body
    assert "Llame al 988 y marque 2" in body and "AYUDA" in body and "911" in body
    assert "We have received" not in body and "Please keep it" not in body
    # Still nothing the person typed.
    for typed in ("Jordan", "555-0123", "mornings", "waiting room"):
        assert typed.lower() not in (message.subject + body).lower()


def test_request_sent_in_english_is_acknowledged_in_english(site_content):
    mail.outbox.clear()
    form = BookingForm(valid_data(acknowledge="on"))
    assert form.is_valid(), form.errors
    with translation.override("en"):
        booking = form.to_request().save_with_new_reference()
    with translation.override("es"):
        send_booking_acknowledgement.enqueue(booking.pk)
    assert BookingRequest.objects.get(pk=booking.pk).language == "en"
    (message,) = [m for m in mail.outbox if m.to == [booking.email]]
    assert message.subject == f"We have received your request ({booking.reference})"
    assert "call or text 988" in message.body


def test_staff_notification_stays_english_without_personal_data(site_content):
    from content.booking.notifications import notify

    mail.outbox.clear()
    form, _ = spanish_form()
    with translation.override("es"):
        booking = form.to_request().save_with_new_reference()
        notify(booking.pk)
    (message,) = mail.outbox
    assert message.subject == f"New request {booking.reference}"
    assert "A new request has come in" in message.body
    for typed in ("Jordan", "555-0123", "jordan.sample"):
        assert typed.lower() not in (message.subject + message.body).lower()


def test_404_page_is_in_spanish(site_content):
    request = RequestFactory().get("/es/no-existe/")
    with translation.override("es"):
        response = page_not_found(request)
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 404
    assert soup.find("h1").get_text() == "No encontramos la página"
    assert soup.find("a", class_="c-skip-link").get_text() == "Ir al contenido principal"
    text = soup.get_text(" ", strip=True)
    assert "Ir a la página de inicio" in text and "marque 2" in text
    assert "Page not found" not in text


def test_plain_error_page_is_in_spanish():
    with translation.override("es"):
        html = render_to_string("500.html", {})
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "es"
    assert soup.find("h1").get_text() == "Lo sentimos, algo salió mal"
    text = soup.get_text()
    assert "AYUDA por mensaje de texto al 988 (marque 2 para español)" in text
    hrefs = {a["href"] for a in soup.find_all("a", href=True)}
    assert {"tel:988", "sms:988", "tel:911"} <= hrefs  # the clinic settings' default numbers


def test_spanish_dates():
    import datetime

    with translation.override("es"):
        assert formats.date_format(datetime.date(2026, 12, 3)) == "3 de diciembre de 2026"
        assert (
            formats.date_format(datetime.date(2026, 3, 1), "YEAR_MONTH_FORMAT") == "marzo de 2026"
        )
    with translation.override("en"):
        assert formats.date_format(datetime.date(2026, 12, 3)) == "December 3, 2026"


SPANISH_BOOKING_URL = "/es/pedir-una-cita/"


def test_spanish_booking_page_end_to_end(client, site_content):
    """Through the /es/ URL: Spanish labels, a Spanish error, then a stored request in Spanish
    with its acknowledgement in Spanish (with the Spanish page's reply time)."""
    response = client.get(SPANISH_BOOKING_URL)
    if response.status_code == 404:
        pytest.skip("no Spanish booking page in the sample content")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("label", attrs={"for": "id_email"}).get_text() == "Correo electrónico"
    assert soup.find("button", type="submit", class_="c-button").get_text() == "Enviar solicitud"

    response = client.post(SPANISH_BOOKING_URL, valid_data(email="no-es-un-correo"))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id="error-summary-title").get_text() == "Hay un problema"
    assert "Escriba un correo electrónico con el formato correcto" in soup.get_text()

    mail.outbox.clear()
    response = client.post(SPANISH_BOOKING_URL, valid_data(acknowledge="on"))
    assert response.status_code == 302
    booking = BookingRequest.objects.get()
    assert booking.language == "es"
    (message,) = [m for m in mail.outbox if m.to == [booking.email]]
    assert message.subject.startswith("Recibimos su solicitud")
    assert "Le responderemos" in message.body and "business days" not in message.body
    page = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert page.find("h1").get_text() == "Gracias, enviamos su solicitud"


def test_404_under_the_spanish_prefix_is_in_spanish(client, site_content):
    response = client.get("/es/esta-pagina-no-existe/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "es"
    assert soup.find("h1").get_text() == "No encontramos la página"


def test_the_words_site_js_shows_come_with_the_spanish_page(client, site_content):
    """site.js reads its messages from data-* attributes the page renders in its language, so
    no page loads Django's JavaScript catalogue."""
    soup = BeautifulSoup(client.get("/es/aprender/que-es-kap/").content, "html.parser")
    button = soup.find("button", attrs={"data-copy-link": True})
    assert button["data-copied"] == "Enlace copiado."
    assert button["data-copy-failed"] == (
        "Lo sentimos, no se pudo copiar el enlace. Puede copiarlo de la barra de direcciones."
    )
    assert [tag["src"].rsplit("/", 1)[-1] for tag in soup.find_all("script", src=True)] == [
        "site.js"
    ]

    soup = BeautifulSoup(client.get(SPANISH_BOOKING_URL).content, "html.parser")
    note = soup.find("textarea", attrs={"name": "note"})
    assert note["data-count-left-one"] == "Le queda %s carácter."
    assert note["data-count-left-other"] == "Le quedan %s caracteres."
    assert note["data-count-over-one"] == "Tiene %s carácter de más."
    assert note["data-count-over-other"] == "Tiene %s caracteres de más."
    assert client.get("/es/jsi18n/").status_code == 404
