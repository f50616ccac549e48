import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django_tasks.signals import task_enqueued

from content.booking.models import BookingRequest
from content.booking.spam import HONEYPOT_FIELD

from .conftest import URL, form_token, valid_data

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_form_page_renders_crisis_panel_and_fields(client, booking_page):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    soup = soup_of(response)
    panel = soup.select_one(".c-booking-crisis")
    assert panel.find("a", href="tel:988") and panel.find("a", href="tel:911")
    assert "not checked around the clock" in panel.get_text()
    form = soup.select_one("form.c-booking__form")
    # The crisis panel comes before the form.
    assert panel.sourceline < form.sourceline
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.find("input", attrs={"name": "started"})["value"]
    honeypot = form.find("input", attrs={"name": HONEYPOT_FIELD})
    assert honeypot["tabindex"] == "-1" and honeypot["autocomplete"] == "off"
    assert honeypot["value"] == "" and not form.find("input", attrs={"name": "website"})
    # No field carries a maxlength: a browser would silently cut what a person pastes.
    assert not form.find_all(attrs={"maxlength": True})
    note = form.find("textarea", attrs={"name": "note"})
    assert note["data-max-chars"] == "500"
    # The live counter's words (site.js puts the number where %s is); Spanish in tests/i18n.
    assert note["data-count-left-one"] == "You have %s character left."
    assert note["data-count-left-other"] == "You have %s characters left."
    assert note["data-count-over-one"] == "You have %s character too many."
    assert note["data-count-over-other"] == "You have %s characters too many."
    # The provider question lists the practices that take requests here (tests/booking/
    # test_provider_choices.py), with "No preference" chosen.
    select = form.find("select", attrs={"name": "preferred_provider"})
    assert select.find("option", selected=True).get_text() == "No preference"
    assert select.find("optgroup")
    assert "What happens next" in soup.get_text()
    # Only the site's own deferred script: no third-party scripts, trackers or CAPTCHA.
    assert all(tag["src"].startswith("/static/") for tag in soup.find_all("script", src=True))


def test_valid_submission_is_saved_and_notification_enqueued(client, booking_page):
    enqueued = []

    def _record(sender, task_result, **kwargs):
        enqueued.append(task_result)

    task_enqueued.connect(_record)
    try:
        response = client.post(URL, valid_data())
    finally:
        task_enqueued.disconnect(_record)
    assert response.status_code == 302
    assert "/request-an-appointment/thanks/?r=" in response["Location"]
    booking = BookingRequest.objects.get()
    assert booking.name == "Jordan Sample"
    assert booking.phone == "(510) 555-0123"
    assert booking.kind == "appointment"
    assert booking.voicemail_ok and not booking.text_ok
    assert booking.status == "new"
    assert [r.task.name for r in enqueued] == ["send_booking_notification"]
    assert enqueued[0].args == [booking.pk]
    booking.refresh_from_db()
    assert booking.notification_status == "sent"
    assert len(mail.outbox) == 1

    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert confirmation["X-Robots-Tag"].startswith("noindex")
    soup = soup_of(confirmation)
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex, follow"})
    assert booking.reference in soup.select_one(".c-booking__reference").get_text()
    assert "within 2 business days" in soup.get_text()
    assert soup.select_one(".c-booking-crisis")


def test_reference_is_short_and_random(client, booking_page):
    for _ in range(3):
        client.post(URL, valid_data())
    refs = list(BookingRequest.objects.values_list("reference", flat=True))
    assert len(set(refs)) == 3
    for ref in refs:
        assert len(ref) == 9 and ref[4] == "-"
        assert not set(ref.replace("-", "")) & set("ILOU")


def test_confirmation_is_404_for_a_reference_not_in_the_database(client, booking_page):
    from django.core import signing

    from content.booking.views import CONFIRMATION_SALT

    assert client.get(URL + "thanks/?r=ABCD-EFGH").status_code == 404
    assert client.get(URL + "thanks/").status_code == 404
    # Correctly signed, but no such request was stored.
    signed = signing.dumps("ABCD-EFGH", salt=CONFIRMATION_SALT)
    response = client.get(URL + "thanks/?r=" + signed)
    assert response.status_code == 404
    assert "Your reference number is" not in response.content.decode()


def test_unicode_is_kept_exactly(client, booking_page):
    name = "Zoë Ødegård-李雷 👩🏽‍⚕️"
    note = "Línea uno\nLínea dos — gracias"
    client.post(URL, valid_data(name=name, note=note))
    booking = BookingRequest.objects.get()
    assert booking.name == name
    assert booking.note.replace("\r\n", "\n") == note


def test_provider_query_parameter_is_ignored_without_the_directory(client, booking_page):
    response = client.get(URL + "?provider=abc")
    assert response.status_code == 200
    response = client.get(URL + "?provider=999999999999999999999")
    assert response.status_code == 200


INVALID = [
    ("name", {"name": ""}, "Enter your name."),
    (
        "name",
        {"name": "x" * 101},
        "Please shorten your name to 100 characters or fewer; it has 101.",
    ),
    ("name", {"name": "Ann\x00Lee"}, "control characters"),
    ("name", {"name": "Ann\x1bLee"}, "control characters"),
    ("email", {"email": "not-an-email"}, "Enter an email address in the right format"),
    ("email", {"email": "", "phone": ""}, "Enter an email address or a phone number"),
    ("email", {"email": "", "contact_method": "email"}, "Enter your email address"),
    ("phone", {"phone": "12345"}, "Enter a US phone number with 10 digits"),
    ("phone", {"phone": "call me maybe"}, "Enter a US phone number with 10 digits"),
    ("phone", {"phone": "", "contact_method": "phone"}, "Enter your phone number"),
    ("phone", {"phone": "", "contact_method": "text", "text_ok": "on"}, "Enter a mobile phone"),
    ("text_ok", {"contact_method": "text"}, "Tick 'It is OK to send a text message'"),
    ("contact_method", {"contact_method": ""}, "Choose how we should contact you."),
    ("contact_method", {"contact_method": "pigeon"}, "Choose how we should contact you."),
    ("kind", {"kind": ""}, "Choose whether you want an appointment"),
    ("kind", {"kind": "surgery"}, "Choose whether you want an appointment"),
    ("preferred_times", {"preferred_times": "y" * 201}, "the days and times to 200"),
    (
        "note",
        {"note": "z" * 700},
        "Please shorten your note to 500 characters or fewer; it has 700.",
    ),
    ("note", {"note": "hello\x07there"}, "control characters"),
    ("consent_to_contact", {"consent_to_contact": None}, "agree that we can contact you"),
    ("privacy_acknowledged", {"privacy_acknowledged": None}, "read the privacy notice"),
]


@pytest.mark.parametrize(("field", "changes", "message"), INVALID)
def test_each_invalid_field_is_reported_and_values_kept(
    client, booking_page, field, changes, message
):
    data = valid_data(**changes)
    response = client.post(URL, data)
    assert response.status_code == 200
    assert not BookingRequest.objects.exists()
    soup = soup_of(response)
    assert soup.title.get_text().startswith("Error:")
    summary = soup.select_one(".c-error-summary")
    assert summary is not None and message in summary.get_text()
    link = summary.find("a", string=lambda s: s and message in s)
    target = link["href"].lstrip("#")
    assert target.startswith(f"id_{field}")
    assert soup.find(id=target) is not None
    # The message also sits next to the field.
    errors = [p.get_text() for p in soup.select(".c-field__error")]
    assert any(message in text for text in errors)
    # What was typed is still there (unless it was the bad value).
    if field != "name":
        assert soup.find("input", attrs={"name": "name"})["value"] == "Jordan Sample"
    if field != "note":
        assert soup.find("textarea", attrs={"name": "note"}).get_text().strip() == data["note"]


def test_form_shown_again_can_be_sent_straight_back(client, booking_page):
    # The person fixes a mistake quickly: the token of the form shown again is never too fast.
    response = client.post(URL, valid_data(name="", started=form_token(age_seconds=0)))
    token = soup_of(response).find("input", attrs={"name": "started"})["value"]
    assert client.post(URL, valid_data(started=token)).status_code == 302
    assert BookingRequest.objects.count() == 1


def test_a_note_with_line_breaks_counts_each_break_once(client, booking_page):
    # Browsers send CR LF; 250 lines of "x" + break are 500 characters on the page.
    note = "x\r\n" * 249 + "xx"
    assert client.post(URL, valid_data(note=note)).status_code == 302
    assert len(BookingRequest.objects.get().note) == 500


def test_note_is_never_cut_short(client, booking_page):
    response = client.post(URL, valid_data(note="n" * 501))
    assert response.status_code == 200
    assert soup_of(response).find("textarea", attrs={"name": "note"}).get_text().strip() == (
        "n" * 501
    )
    assert not BookingRequest.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        lambda: {HONEYPOT_FIELD: "http://spam.example.com"},
        lambda: {"started": form_token(age_seconds=0)},
        lambda: {"started": None},
        lambda: {"started": "forged-token"},
    ],
    ids=["honeypot", "too-fast", "no-token", "forged-token"],
)
def test_a_failed_spam_check_gives_the_answers_back_and_never_confirms(
    client, booking_page, changes
):
    data = valid_data(**changes())
    response = client.post(URL, data)
    assert response.status_code == 200
    assert not BookingRequest.objects.exists()
    assert mail.outbox == []
    soup = soup_of(response)
    assert "press 'Send request' again" in soup.select_one(".c-error-summary").get_text()
    assert "Your reference number is" not in soup.get_text()
    assert soup.find("input", attrs={"name": "name"})["value"] == data["name"]
    assert soup.find("textarea", attrs={"name": "note"}).get_text().strip() == data["note"]
    assert soup.find("input", attrs={"name": HONEYPOT_FIELD})["value"] == ""
    # Sending it straight back (a person pressing the button again) stores it.
    again = valid_data(started=soup.find("input", attrs={"name": "started"})["value"])
    assert client.post(URL, again).status_code == 302
    assert BookingRequest.objects.count() == 1


def test_expired_form_asks_the_person_to_send_again(client, booking_page, settings):
    settings.BOOKING_FORM_MAX_AGE_SECONDS = 60
    response = client.post(URL, valid_data(started=form_token(age_seconds=120)))
    assert response.status_code == 200
    assert "open for a long time" in response.content.decode()
    assert not BookingRequest.objects.exists()


def test_csrf_is_enforced(booking_page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL, valid_data())
    assert response.status_code == 403
    assert not BookingRequest.objects.exists()

    page = strict.get(URL)
    token = BeautifulSoup(page.content, "html.parser").find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )["value"]
    response = strict.post(URL, valid_data(csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert BookingRequest.objects.count() == 1


def test_posted_values_are_not_logged(client, booking_page, caplog):
    caplog.set_level("DEBUG")
    client.post(URL, valid_data(**{HONEYPOT_FIELD: "http://bot.example.com"}))
    client.post(URL, valid_data())
    client.post(URL, valid_data(name=""))
    text = caplog.text
    for value in ("Jordan Sample", "jordan.sample@example.com", "555-0123", "quiet waiting"):
        assert value not in text


@pytest.mark.parametrize(
    ("changes", "text_ok"),
    [
        ({"contact_method": "text", "text_ok": "on", "email": ""}, True),
        ({"contact_method": "email", "phone": ""}, False),
        ({"contact_method": "phone", "email": ""}, False),
    ],
    ids=["text-allowed-with-phone", "email-with-email", "phone-with-phone"],
)
def test_a_contact_method_the_person_allowed_is_accepted(client, booking_page, changes, text_ok):
    assert client.post(URL, valid_data(**changes)).status_code == 302
    booking = BookingRequest.objects.get()
    assert booking.contact_method == changes["contact_method"]
    assert booking.text_ok is text_ok  # never ticked for the person
