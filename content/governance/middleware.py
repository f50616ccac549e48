"""Two-factor authentication by group, around wagtail-2fa's VerifyUserMiddleware.

Every staff user may add an authenticator device (Account → Manage your 2FA devices); once they
have one, every admin session must be verified with it. Members of the groups in
``settings.TWO_FACTOR_REQUIRED_GROUPS`` (Clinical reviewers, Intake, Administrators) must set up
a device before they can use the admin. So must superusers when
``settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS`` is on (production); it is off in development, so
the local demo admin from ``make run`` signs in with its password alone.
"""

import django_otp
from django.conf import settings
from wagtail_2fa.middleware import VerifyUserMiddleware


def two_factor_required(user) -> bool:
    if not user.is_authenticated:
        return False
    cache_attr = "_two_factor_required"
    if not hasattr(user, cache_attr):
        groups = getattr(settings, "TWO_FACTOR_REQUIRED_GROUPS", [])
        required = (
            user.is_superuser and getattr(settings, "TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", False)
        ) or user.groups.filter(name__in=groups).exists()
        setattr(user, cache_attr, required)
    return getattr(user, cache_attr)


class GroupTwoFactorMiddleware(VerifyUserMiddleware):
    def process_request(self, request):
        response = super().process_request(request)
        user = request.user
        if user.is_authenticated:
            # wagtail-2fa hides the admin menu from unverified users when this is true.
            user.enable_2fa = two_factor_required(user) or django_otp.user_has_device(
                user, confirmed=True
            )
        return response

    def _require_verified_user(self, request):
        if not super()._require_verified_user(request):
            return False
        user = request.user
        # Anyone who has set up a device verifies with it; the named groups must have one.
        return two_factor_required(user) or django_otp.user_has_device(user, confirmed=True)
