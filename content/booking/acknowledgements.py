"""The acknowledgement email to the patient: the reference and the stated reply time, nothing else.

Privacy: nothing the person typed goes into it (not even their name), so an email sent to a
mistyped or someone else's address tells its reader nothing about the sender. It is written in
the language the request was sent in (BookingRequest.language). It is sent by the
task worker after the request is saved, at most once (claimed before sending); a failed send is
logged with the reference and error class only and is not retried (the patient already saw their
reference on the confirmation page).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Site

from content.core.models import ClinicSettings

from .models import BookingPage, BookingRequest

logger = logging.getLogger(__name__)

DEFAULT_REPLY_TIME = _("as soon as we can")


def clinic_details() -> tuple[str, str]:
    """The clinic's name and phone number from the default site's settings."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return gettext("the clinic"), ""
    clinic = ClinicSettings.for_site(site)
    return clinic.clinic_name, clinic.phone


def reply_time() -> str:
    """The booking page's reply time, from the page in the active language when there is one."""
    pages = BookingPage.objects.live()
    page = pages.filter(locale=Locale.get_active()).first() or pages.first()
    return page.reply_time if page and page.reply_time else str(DEFAULT_REPLY_TIME)


def build_message(reference: str) -> tuple[str, str]:
    clinic_name, phone = clinic_details()
    """The subject and body in the active language (send() activates the request's)."""
    subject = gettext("We have received your request (%(reference)s)") % {"reference": reference}
    reply = gettext("We will reply %(reply_time)s.") % {"reply_time": reply_time()}
    if phone:
        reply += " " + gettext("If you need to reach us sooner, call %(phone)s.") % {"phone": phone}
    paragraphs = [
        gettext("Thank you for contacting %(clinic_name)s. We have received your request.")
        % {"clinic_name": clinic_name},
        gettext(
            "Your reference number is %(reference)s. Please keep it: you can give it to us if "
            "you call."
        )
        % {"reference": reference},
        reply,
        gettext(
            "For your privacy, this email does not repeat anything you wrote. Please do not send "
            "medical details by email."
        ),
        gettext(
            "If you are in crisis, do not wait for us: call or text 988 (Suicide and Crisis "
            "Lifeline) any time, day or night. In an emergency, call 911."
        ),
        gettext("If you did not send this request, you can ignore this email."),
    ]
    return subject, "\n\n".join(paragraphs) + "\n"


def send(pk) -> str:
    """Send the acknowledgement for one request, once. Returns what happened."""
    claimed = (
        BookingRequest.objects.filter(
            pk=pk, acknowledge_by_email=True, acknowledgement_sent_at__isnull=True
        )
        .exclude(email="")
        .update(acknowledgement_sent_at=timezone.now())
    )
    if not claimed:
        return "skipped"
    booking = BookingRequest.objects.only("reference", "email", "language").get(pk=pk)
    with translation.override(booking.language or settings.LANGUAGE_CODE):
        subject, body = build_message(booking.reference)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [booking.email])
    except Exception as exc:  # noqa: BLE001  any mail failure: the request itself is saved
        BookingRequest.objects.filter(pk=pk).update(acknowledgement_sent_at=None)
        logger.warning(
            "acknowledgement email failed for %s: %s", booking.reference, type(exc).__name__
        )
        return "failed"
    return "sent"
