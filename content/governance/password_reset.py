"""Throttled password reset for the Wagtail admin (``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``).

Wagtail's own form, with a limit on the e-mails it sends: per client address and per e-mail
address, counted in ``CACHES["default"]`` by django-ratelimit (Redis in production, so shared by
every process). Over the limit, nothing is sent, and the person sees the same "check your e-mail"
page as always, so the form never reveals whether an account exists or was throttled.
"""

import logging

from django.conf import settings
from django_ratelimit.core import is_ratelimited
from wagtail.admin.forms.auth import PasswordResetForm

from content.core.client_ip import client_ip

logger = logging.getLogger(__name__)


def _address_key(group, request):
    return client_ip(request)


def _account_key(group, request):
    return request.POST.get("email", "").strip().lower()


class ThrottledPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        if request is not None:
            # Both counters go up on every request (count first, then compare), so a flood
            # from one address also uses up the allowance of every account it names.
            by_address = is_ratelimited(
                request,
                group="governance.password_reset.address",
                key=_address_key,
                rate=settings.PASSWORD_RESET_RATE_PER_ADDRESS,
                increment=True,
            )
            by_account = is_ratelimited(
                request,
                group="governance.password_reset.account",
                key=_account_key,
                rate=settings.PASSWORD_RESET_RATE_PER_ACCOUNT,
                increment=True,
            )
            if by_address or by_account:
                # No address or e-mail in the log: they are personal data.
                logger.warning("Password reset throttled; no e-mail sent.")
                return
        return super().save(*args, request=request, **kwargs)
