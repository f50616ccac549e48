"""The public side: show the form, take a submission, show the confirmation.

Privacy: the POST body is marked sensitive (never in error reports), nothing submitted is
logged, and a stored request is saved in its own transaction before anything else happens.
"""

import logging

from django.conf import settings
from django.core import signing
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django_ratelimit.core import get_usage

from content.security.outage import clinic_phone

from .client_ip import ratelimit_key
from .forms import BookingForm
from .references import new_reference
from .spam import HONEYPOT_FIELD, TokenVerdict, check_form_token, new_form_token

logger = logging.getLogger(__name__)

CONFIRMATION_SALT = "content.booking.confirmation"
CONFIRMATION_MAX_AGE = 60 * 60
RATE_GROUP = "booking-submit"


def rate() -> str:
    return getattr(settings, "BOOKING_RATE_LIMIT", "5/h")


def _over_limit(request, increment: bool) -> bool:
    """Check (increment=False) whether this client has used up its limit, or count one more."""
    try:
        usage = get_usage(
            request,
            group=RATE_GROUP,
            key=ratelimit_key,
            rate=rate(),
            method="POST",
            increment=increment,
        )
    except Exception as exc:
        # Fail open: losing a real request is worse than letting a burst through
        # (the honeypot and the time check still apply).
        logger.warning("booking rate limit unavailable: %s", type(exc).__name__)
        return False
    if usage is None:
        return False
    return usage["should_limit"] if increment else usage["count"] >= usage["limit"]


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


def _render_form(request, page, form, status=200, token=None):
    form.annotate_widgets()
    response = page.render(
        request,
        context_overrides={
            "form": form,
            "error_summary": form.error_summary() if form.is_bound else [],
            # A form shown again with errors keeps its original start time.
            "form_token": token or new_form_token(),
        },
        template="booking/booking_page.html",
    )
    response.status_code = status
    return _private(response)


def booking_form(request, page):
    request.sensitive_post_parameters = "__ALL__"
    if request.method != "POST":
        form = BookingForm()
        provider = _initial_provider(request, form)
        if provider is not None:
            form.initial["preferred_provider"] = provider.pk
        return _render_form(request, page, form)

    if _over_limit(request, increment=False):
        return rate_limited(request, page)

    verdict = check_form_token(request.POST.get("started"))
    if request.POST.get(HONEYPOT_FIELD) or verdict in (TokenVerdict.INVALID, TokenVerdict.TOO_FAST):
        # Looks like a bot: store nothing, answer exactly as for a real request.
        _over_limit(request, increment=True)
        logger.info("booking submission dropped by a spam check (%s)", verdict.value)
        return _confirmation_redirect(page, new_reference())

    form = BookingForm(request.POST)
    if not form.is_valid():
        keep = request.POST["started"] if verdict is TokenVerdict.OK else None
        return _render_form(request, page, form, token=keep)
    if verdict is TokenVerdict.EXPIRED:
        form.add_error(
            None,
            "This page was open for a long time, so we did not send it. "
            "Please check your answers and send the form again.",
        )
        return _render_form(request, page, form)

    _over_limit(request, increment=True)
    booking = form.to_request()
    try:
        booking.save_with_new_reference()
    except DatabaseError as exc:
        logger.error("booking request could not be saved: %s", type(exc).__name__)
        form.add_error(
            None,
            f"We could not save your request, please call us at {clinic_phone()}. "
            "You can also try again in a few minutes.",
        )
        return _render_form(request, page, form, status=503)

    _enqueue_notification(booking)
    return _confirmation_redirect(page, booking.reference)


def _enqueue_notification(booking):
    from .tasks import send_booking_notification

    try:
        send_booking_notification.enqueue(booking.pk)
    except Exception as exc:
        # The request is saved; `retry_booking_notifications` picks up pending ones.
        logger.error(
            "could not queue the notification for %s: %s", booking.reference, type(exc).__name__
        )


def booking_confirmation(request, page):
    token = request.GET.get("r", "")
    try:
        reference = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        return HttpResponseRedirect(page.url)
    response = page.render(
        request,
        context_overrides={"reference": reference},
        template="booking/booking_confirmation.html",
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return _private(response)


def rate_limited(request, page):
    response = render(
        request,
        "booking/rate_limited.html",
        {"page": page, "self": page, "seo_noindex": True},
        status=429,
    )
    response["Retry-After"] = "3600"
    return _private(response)
