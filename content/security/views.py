"""Friendly error pages that reveal no settings, paths or tracebacks.

Wired in kapsite/urls.py (handler400/403/404/500) and CSRF_FAILURE_VIEW. Each page tries the
full site design; if rendering that fails (for example the database is down) it falls back
to a static page that needs nothing but the template engine.
"""

import logging
import sys

from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token

from .outage import database_unavailable_response

logger = logging.getLogger("kapsite.security")

MESSAGES = {
    400: (
        _("Sorry, we could not understand that request"),
        _(
            "Something in the address or form was not in a form we accept. "
            "Please go back and try again."
        ),
    ),
    403: (
        _("Sorry, you cannot see this page"),
        _(
            "You do not have permission to open this page. If you work at the clinic, "
            "sign in first."
        ),
    ),
    404: (
        _("Page not found"),
        _(
            "We could not find the page you asked for. It may have moved, or the address may "
            "have a typing mistake."
        ),
    ),
}


def _render(request, status, template="error.html", extra=None):
    heading, text = MESSAGES.get(status, MESSAGES[400])
    context = {"heading": heading, "text": text, "status": status, **(extra or {})}
    try:
        html = render_to_string(template, context, request=request)
    except Exception:  # noqa: BLE001  e.g. the database is down: use the static page
        logger.warning("Error page %s fell back to the static design", status)
        html = render_to_string("500.html", {})
    return HttpResponse(html, status=status, content_type="text/html; charset=utf-8")


@requires_csrf_token
def bad_request(request, exception=None):
    if isinstance(exception, DisallowedHost):
        # The full design builds absolute links from the host name: the plain design instead.
        heading, text = MESSAGES[400]
        html = render_to_string("error_plain.html", {"heading": heading, "text": text})
        return HttpResponse(html, status=400, content_type="text/html; charset=utf-8")
    return _render(request, 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _render(request, 403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _render(request, 404, template="404.html")


@requires_csrf_token
def server_error(request):
    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError | InterfaceError):
        return database_unavailable_response(request, exc)
    return HttpResponse(
        render_to_string("500.html", {}),
        status=500,
        content_type="text/html; charset=utf-8",
    )


def csrf_failure(request, reason=""):
    """Shown when a form is sent without a valid security token (never says why)."""
    return _render(
        request,
        403,
        template="csrf_failure.html",
        extra={
            "heading": _("Please try sending the form again"),
            "text": _(
                "The form was open too long, or your browser blocked a cookie we need. "
                "Go back, reload the page and send it again."
            ),
        },
    )


def control_characters_rejected(request):
    """A query or form that contains NUL or other control characters (a 400 with a message)."""
    return _render(
        request,
        400,
        extra={
            "heading": _("Please check what you typed"),
            "text": _(
                "Something you typed or pasted has hidden control characters that we cannot "
                "accept. Please type it again without them and send it again."
            ),
        },
    )
