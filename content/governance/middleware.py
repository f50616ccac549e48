"""Two-factor authentication by group, with wagtail-2fa's views and django-otp's middleware.

Every staff user may add an authenticator device (Account → Manage your 2FA devices); once they
have one, every admin session must be verified with it. Members of the groups in
``settings.TWO_FACTOR_REQUIRED_GROUPS`` (Clinical reviewers, Intake, Administrators) must set up
a device before they can use the admin. So must superusers when
``settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS`` is on (production); it is off in development, so
the local demo admin from ``make run`` signs in with its password alone.

A middleware of our own after ``django_otp.middleware.OTPMiddleware`` (which gives
``user.is_verified()``): wagtail-2fa's ``VerifyUserMiddleware`` requires 2FA of every admin user
or, in its permission variant, of every superuser, and changing that means overriding its
private ``_require_verified_user``. This one sends people to wagtail-2fa's public views by their
URL names.
"""

import django_otp
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse

# wagtail-2fa's own lists: pages an unverified user may open, and, without a device, set one up.
ALWAYS_ALLOWED = frozenset(
    {
        "wagtail_2fa_auth",
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }
)
ALLOWED_WITHOUT_DEVICE = frozenset(
    {"wagtail_2fa_device_list", "wagtail_2fa_device_new", "wagtail_2fa_device_qrcode"}
)


def two_factor_required(user) -> bool:
    """Whether this user must have a device (their group, or a superuser in production)."""
    if not user.is_authenticated:
        return False
    cache_attr = "kapsite_two_factor_required"
    if not hasattr(user, cache_attr):
        groups = settings.TWO_FACTOR_REQUIRED_GROUPS
        required = (
            user.is_superuser and settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS
        ) or user.groups.filter(name__in=groups).exists()
        setattr(user, cache_attr, required)
    return getattr(user, cache_attr)


def uses_admin(user) -> bool:
    return user.is_staff or user.is_superuser or user.has_perms(["wagtailadmin.access_admin"])


class GroupTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            required = two_factor_required(user)
            has_device = django_otp.user_has_device(user, confirmed=True)
            # wagtail-2fa hides the admin menu from unverified users when this is true.
            user.enable_2fa = required or has_device
            if user.enable_2fa and self.checks(request, user, has_device):
                if has_device and not user.is_verified():
                    return redirect_to_login(
                        request.get_full_path(), login_url=reverse("wagtail_2fa_auth")
                    )
                if not has_device:
                    return redirect_to_login(
                        request.get_full_path(), login_url=reverse("wagtail_2fa_device_new")
                    )
        return self.get_response(request)

    @staticmethod
    def checks(request, user, has_device) -> bool:
        """Whether this request must come from a verified user (wagtail-2fa's rules)."""
        if not settings.WAGTAIL_2FA_REQUIRED or not uses_admin(user):
            return False
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            url_name = None
        if url_name in ALWAYS_ALLOWED:
            return False
        return has_device or url_name not in ALLOWED_WITHOUT_DEVICE
