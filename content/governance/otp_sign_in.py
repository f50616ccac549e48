"""The second sign-in step: a code from the authenticator app, or a backup code.

wagtail-2fa 1.8's ``TokenForm`` leaves the device to django-otp, and django-otp 1.7 no longer
guesses it ("Please select a device."). This form names the device itself: a backup code goes to
the user's backup-code device, a six-digit code to their authenticator (or, when they have set up
more than one authenticator, the one they choose). The view is served at wagtail-2fa's own URL
(``wagtail_2fa_auth``, see wagtail_hooks.py), so wagtail-2fa's middleware sends people here.
"""

import re

from django import forms
from django.contrib import messages
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log
from wagtail_2fa.forms import TokenForm
from wagtail_2fa.views import LoginView

from .backup_codes import normalise_code

APP_CODE = re.compile(r"\d{6}")  # wagtail-2fa's authenticators show six digits


class SignInCodeForm(TokenForm):
    otp_token = forms.CharField(
        label="Code",
        max_length=32,
        help_text=(
            "The 6-digit code your authenticator app shows now, or one of your backup codes."
        ),
    )
    otp_device = forms.ChoiceField(
        label="Authenticator", required=False, widget=forms.HiddenInput, choices=()
    )

    otp_error_messages = {
        **TokenForm.otp_error_messages,
        "token_required": "Please enter the code from your authenticator app.",
        "invalid_token": "That code did not work. Please check it and try again.",
        "device_required": "That code did not work. Please check it and try again.",
        # django-otp makes each device wait longer after every wrong code.
        "n_failed_attempts": (
            "Several codes did not work, so please wait a little, then enter the code your "
            "app shows at that moment."
        ),
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.authenticators = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
        field = self.fields["otp_device"]
        field.choices = [(d.persistent_id, d.name or "Authenticator") for d in self.authenticators]
        if self.authenticators:
            field.initial = self.authenticators[0].persistent_id
        if len(self.authenticators) > 1:
            field.widget = forms.RadioSelect(choices=field.choices)
        self.fields["otp_token"].widget.attrs.update(
            {"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        )

    def clean(self):
        token = normalise_code(self.cleaned_data.get("otp_token") or "")
        self.cleaned_data["otp_token"] = token
        if token and not APP_CODE.fullmatch(token):
            backup = StaticDevice.objects.devices_for_user(self.user, confirmed=True).first()
            self.cleaned_data["otp_device"] = backup.persistent_id if backup else ""
        elif not self.cleaned_data.get("otp_device") and self.authenticators:
            self.cleaned_data["otp_device"] = self.authenticators[0].persistent_id
        return super().clean()


class SignInCodeView(LoginView):
    form_class = SignInCodeForm
    template_name = "governance/two_factor_sign_in.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        device = self.request.user.otp_device
        if isinstance(device, StaticDevice):
            left = device.token_set.count()
            # device.user: the user row itself (request.user is a lazy wrapper the audit log skips).
            log(instance=device.user, action="kapsite.backup_code_used", user=device.user)
            messages.warning(
                self.request,
                f"You signed in with a backup code. You have {left} left. "
                "If your phone is lost, ask an administrator to reset your two-factor devices, "
                "or create new backup codes from your account page.",
            )
        return response
