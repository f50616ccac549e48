"""Backup codes: single-use codes for signing in when the authenticator app is not at hand.

They are django-otp's static tokens (``django_otp.plugins.otp_static``): one "Backup codes" device
per user holding ten codes; each code is deleted when it is used. New codes replace the old set and
are shown once, on the page that creates them (never e-mailed, never logged).
"""

from django import forms
from django.contrib.auth import authenticate, get_user_model
from django.db import transaction
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import View
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

CODE_COUNT = 10
DEVICE_NAME = "Backup codes"


def normalise_code(text):
    """What people type: spaces, dashes and capitals are ignored."""
    return "".join(ch for ch in text if ch not in " -\t").lower()


def create_backup_codes(user):
    """Replace the user's backup codes with ten new ones and return them."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def remaining_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To keep your account safe, please confirm it is you.",
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        if not authenticate(self.request, username=user.get_username(), password=password):
            raise forms.ValidationError("That password is not right. Please try again.")
        return password


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class BackupCodesView(View):
    template_name = "governance/backup_codes.html"

    def render(self, request, form, codes=None):
        context = {
            "form": form,
            "codes": codes,
            "remaining": remaining_codes(request.user),
            # Backup codes stand in for an authenticator; without one they would become the
            # only second factor.
            "has_authenticator": TOTPDevice.objects.devices_for_user(request.user).exists(),
        }
        return render(request, self.template_name, context)

    def get(self, request):
        return self.render(request, ConfirmPasswordForm(request))

    def post(self, request):
        form = ConfirmPasswordForm(request, request.POST)
        if not TOTPDevice.objects.devices_for_user(request.user).exists():
            return self.render(request, form)
        if not form.is_valid():
            return self.render(request, form)
        # The user row itself: request.user is a lazy wrapper that the audit log skips.
        user = get_user_model()._default_manager.get(pk=request.user.pk)
        codes = create_backup_codes(user)
        log(instance=user, action="kapsite.backup_codes_created", user=user)
        return self.render(request, ConfirmPasswordForm(request), codes=codes)
