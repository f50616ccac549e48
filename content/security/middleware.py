"""Security middleware: per-area CSP, method allow-list, admin session limits, no-store
responses and a calm 503 when the database is unreachable.

Order (the MIDDLEWARE list in kapsite/settings/base.py): SecurityHeadersMiddleware and
KapsiteCSPMiddleware sit near the top; AdminSessionLimitsMiddleware after authentication;
DatabaseUnavailableMiddleware last, so it sees exceptions raised by views.
"""

import logging
import re
import time

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from .outage import database_unavailable_response
from .signals import LOGIN_AT_KEY

logger = logging.getLogger("kapsite.security")

# C0 control characters (tab, newline and carriage return allowed), DEL and the C1 range.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS", "PUT", "PATCH", "DELETE")
LAST_SEEN_KEY = "_kapsite_last_seen"


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.KAPSITE_ADMIN_PATH_PREFIXES))


class KapsiteCSPMiddleware(CSPMiddleware):
    """django-csp 4.0 with a second, documented policy for the staff admin.

    Public pages get settings.CONTENT_SECURITY_POLICY (strict). Paths under the admin get
    settings.KAPSITE_ADMIN_CSP_DIRECTIVES, because the Wagtail admin still needs inline
    scripts and styles. Page previews (Wagtail's dummy request, `request.is_preview`) get
    settings.KAPSITE_PREVIEW_CSP_DIRECTIVES: the public policy, framed by the admin only. Views
    can still adjust either with django-csp's decorators. Only ``get_policy_parts``, django-csp's
    documented extension point, is overridden.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if getattr(request, "is_preview", False):
            config = settings.KAPSITE_PREVIEW_CSP_DIRECTIVES
        elif is_admin_path(request.path_info):
            config = settings.KAPSITE_ADMIN_CSP_DIRECTIVES
        else:
            return parts
        return PolicyParts(
            config=config, update=parts.update, replace=parts.replace, nonce=parts.nonce
        )


class SecurityHeadersMiddleware:
    """Refuses TRACE and unknown methods with 405 (never a 5xx) and marks admin and
    pages that ask for it (``cache_no_store = True``, e.g. the booking page) as `Cache-Control: no-store`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A Host not in ALLOWED_HOSTS is refused here, before the page cache or a view reads it:
        # Django answers 400 (views.bad_request) and logs one line (django.security.DisallowedHost).
        request.get_host()
        if request.method not in ALLOWED_METHODS:
            response = HttpResponse(
                "Method not allowed.", status=405, content_type="text/plain; charset=utf-8"
            )
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        if not is_admin_path(request.path_info) and self.has_control_characters(request):
            from .views import control_characters_rejected

            return control_characters_rejected(request)
        response = self.get_response(request)
        if self.wants_no_store(request, response):
            patch_cache_control(response, no_store=True, no_cache=True, private=True)
            if "max-age=" in response.get("Cache-Control", ""):
                del response["Cache-Control"]
                patch_cache_control(response, no_store=True, no_cache=True, private=True)
        return response

    @staticmethod
    def has_control_characters(request) -> bool:
        """NUL and other control characters in a query string are never meaningful on the public
        site: refuse them with a message. Posted forms validate their own fields, so the person
        sees the message next to the field with everything else they typed kept."""
        values = [*request.GET.keys(), *(v for vs in request.GET.lists() for v in vs[1])]
        return any(CONTROL_CHARACTERS.search(value) for value in values)

    @staticmethod
    def wants_no_store(request, response) -> bool:
        if is_admin_path(request.path_info):
            return True
        context = getattr(response, "context_data", None) or {}
        page = context.get("page") if isinstance(context, dict) else None
        if page is None:
            return False
        return getattr(page, "cache_no_store", False)


class AdminSessionLimitsMiddleware:
    """Staff sessions last at most SESSION_ABSOLUTE_SECONDS from login, and admin sessions
    end after SESSION_ADMIN_IDLE_SECONDS without a request. Anonymous visitors are never
    given a session here, so public pages stay cookie-free."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.enforce(request)
        return self.get_response(request)

    def enforce(self, request):
        now = int(time.time())
        session = request.session
        login_at = session.get(LOGIN_AT_KEY)
        if login_at is None:
            session[LOGIN_AT_KEY] = login_at = now
        expired = now - int(login_at) > settings.SESSION_ABSOLUTE_SECONDS
        if is_admin_path(request.path_info):
            last_seen = session.get(LAST_SEEN_KEY, now)
            expired = expired or now - int(last_seen) > settings.SESSION_ADMIN_IDLE_SECONDS
            if not expired:
                session[LAST_SEEN_KEY] = now
        if expired:
            logout(request)
            messages.info(request, "You were signed out. Please sign in again.")


class DatabaseUnavailableMiddleware:
    """Turns an unreachable database during a view into a calm 503 with Retry-After.

    Exceptions raised elsewhere in the stack reach handler500 (content.security.views),
    which gives the same answer for database outages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return database_unavailable_response(request, exception)
        return None
