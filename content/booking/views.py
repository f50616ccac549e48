"""The public side: show the form, take a submission, show the confirmation.

Nothing a person sends is thrown away: a submission is either stored (and confirmed with its
reference), or the form comes back with every answer and a plain message saying what to do.
That holds for mistakes, the bot checks (spam.py), the rate limit (rate_limit.py) and a database
outage (503 with the clinic's phone number). The confirmation page exists only for a stored
request.

Privacy: the POST body is marked sensitive (never in error reports), nothing submitted is
logged, and a stored request is saved in its own transaction before anything else happens.
"""

import logging

from django.core import signing
from django.db import DatabaseError
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from content.core.models import ClinicSettings
from content.security.outage import clinic_phone

from . import rate_limit
from .forms import BookingForm
from .models import BookingRequest
from .spam import (
    HONEYPOT_FIELD,
    TokenVerdict,
    check_form_token,
    honeypot_filled,
    new_form_token,
    resubmit_token,
)

logger = logging.getLogger(__name__)

CONFIRMATION_SALT = "content.booking.confirmation"
CONFIRMATION_MAX_AGE = 60 * 60

SEND_AGAIN = _(
    "Please check your answers and press 'Send request' again. We ask this when a form is "
    "sent very quickly, to keep out automated messages. Nothing has been sent yet."
)
SEND_AGAIN_EXPIRED = _(
    "This page was open for a long time, so we did not send it. "
    "Please check your answers and send the form again."
)


def _private(response):
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def _confirmation_redirect(page, reference):
    token = signing.dumps(reference, salt=CONFIRMATION_SALT)
    url = page.url + page.reverse_subpage("confirmation_view") + "?r=" + token
    return HttpResponseRedirect(url)


def _initial_provider(request, form):
    if not form.has_provider_field:
        return None
    raw = request.GET.get("provider", "")
    if not raw.isdigit() or len(raw) > 12:
        return None
    return form.fields["preferred_provider"].queryset.filter(pk=int(raw)).first()


def _render_form(request, page, form, status=200, **context):
    form.annotate_widgets()
    response = page.render(
        request,
        context_overrides={
            "form": form,
            "error_summary": form.error_summary() if form.is_bound else [],
            # A form shown again can be sent straight back (the person has spent time on it).
            "form_token": resubmit_token() if form.is_bound else new_form_token(),
            "honeypot_name": HONEYPOT_FIELD,
            **context,
        },
        template="booking/booking_page.html",
    )
    response.status_code = status
    return _private(response)


def _phone_for(request) -> str:
    try:
        return ClinicSettings.for_request(request).phone or clinic_phone()
    except DatabaseError:
        return clinic_phone()


def _rate_limited(request, page, form, slot):
    until = timezone.localtime(slot.resets_at)
    form.add_error(
        None,
        gettext(
            "You have sent several requests in the last hour. Please call us at %(phone)s "
            "or try again after %(time)s."
        )
        % {"phone": _phone_for(request), "time": format_date(until, "g:i A T")},
    )
    response = _render_form(request, page, form, status=429, seo_noindex=True)
    response["Retry-After"] = str(slot.seconds_left())
    return response


def booking_form(request, page):
    request.sensitive_post_parameters = "__ALL__"
    if request.method != "POST":
        form = BookingForm()
        provider = _initial_provider(request, form)
        if provider is not None:
            form.initial["preferred_provider"] = provider.pk
        return _render_form(request, page, form)

    form = BookingForm(request.POST)
    if not form.is_valid():
        return _render_form(request, page, form)

    verdict = check_form_token(request.POST.get("started"))
    honeypot = honeypot_filled(request.POST)
    if honeypot or verdict is not TokenVerdict.OK:
        # Perhaps a bot, perhaps a person who was quick: store nothing, confirm nothing, and
        # give the answers back so a person can send them with one more press.
        reason = "honeypot" if honeypot else verdict.value
        logger.info("booking submission shown again by a spam check (%s)", reason)
        form.add_error(None, SEND_AGAIN_EXPIRED if verdict is TokenVerdict.EXPIRED else SEND_AGAIN)
        return _render_form(request, page, form)

    # Count first (atomically), store second: concurrent posts cannot all pass the limit.
    slot = rate_limit.take(request)
    if not slot.allowed:
        rate_limit.give_back(slot)  # refused, so it does not count
        return _rate_limited(request, page, form, slot)

    booking = form.to_request()
    try:
        booking.save_with_new_reference()
    except DatabaseError as exc:
        rate_limit.give_back(slot)
        logger.error("booking request could not be saved: %s", type(exc).__name__)
        form.add_error(
            None,
            gettext(
                "We could not save your request, please call us at %(phone)s. "
                "You can also try again in a few minutes."
            )
            % {"phone": clinic_phone()},
        )
        return _render_form(request, page, form, status=503)

    _enqueue_tasks(booking)
    return _confirmation_redirect(page, booking.reference)


def _enqueue_tasks(booking):
    """The staff notification, then the patient's acknowledgement (if asked for)."""
    from .tasks import send_booking_acknowledgement, send_booking_notification

    tasks = [send_booking_notification]
    if booking.acknowledge_by_email:
        tasks.append(send_booking_acknowledgement)
    for task in tasks:
        try:
            task.enqueue(booking.pk)
        except Exception as exc:  # noqa: BLE001  the request is saved whatever happens here
            # Notifications: `retry_booking_notifications` picks up pending ones.
            logger.error(
                "could not queue %s for %s: %s", task.name, booking.reference, type(exc).__name__
            )


def booking_confirmation(request, page):
    token = request.GET.get("r", "")
    try:
        reference = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        raise Http404("No such request") from None
    booking = (
        BookingRequest.objects.filter(reference=reference).values("acknowledge_by_email").first()
    )
    if booking is None:
        raise Http404("No such request")
    response = page.render(
        request,
        context_overrides={
            "reference": reference,
            "acknowledgement_requested": booking["acknowledge_by_email"],
        },
        template="booking/booking_confirmation.html",
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return _private(response)
