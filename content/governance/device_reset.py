"""An administrator resets a colleague's two-factor devices (lost or replaced phone).

Removes every authenticator and backup code the colleague has; at their next sign-in they set up
a new authenticator (their groups require one). Recorded in Wagtail's audit log
("Reset two-factor devices") with who did it. Needs the permission to change users; nobody
resets their own devices here (they manage them from their account), and only a superuser may
reset a superuser's.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import View
from django_otp import devices_for_user
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log


def can_reset_two_factor(request_user, user):
    model = get_user_model()
    perm = f"{model._meta.app_label}.change_{model._meta.model_name}"
    if user.pk == request_user.pk or not request_user.has_perm(perm):
        return False
    return request_user.is_superuser or not user.is_superuser


def device_count(user):
    return sum(1 for _ in devices_for_user(user, confirmed=None))


def reset_two_factor(user, by):
    with transaction.atomic():
        removed = 0
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            removed += 1
        log(instance=user, action="kapsite.two_factor_reset", user=by, data={"devices": removed})
    return removed


@method_decorator(never_cache, name="dispatch")
class ResetTwoFactorView(View):
    template_name = "governance/reset_two_factor.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.colleague = get_object_or_404(get_user_model(), pk=kwargs["user_id"])

    def dispatch(self, request, *args, **kwargs):
        if not can_reset_two_factor(request.user, self.colleague):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, user_id):
        context = {"colleague": self.colleague, "devices": device_count(self.colleague)}
        return render(request, self.template_name, context)

    def post(self, request, user_id):
        # The user row itself: request.user is a lazy wrapper.
        by = get_user_model()._default_manager.get(pk=request.user.pk)
        removed = reset_two_factor(self.colleague, by=by)
        name = self.colleague.get_full_name() or self.colleague.get_username()
        messages.success(
            request,
            f"Two-factor devices reset for {name} ({removed} removed). "
            "They will set up a new authenticator when they next sign in.",
        )
        return redirect("wagtailusers_users:index")


def reset_button(user, request_user):
    """The "Reset 2FA" entry in the admin's user listing."""
    if can_reset_two_factor(request_user, user):
        yield Button(
            "Reset 2FA",
            reverse("governance:reset_two_factor", args=(user.pk,)),
            priority=110,
        )
