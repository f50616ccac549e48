"""Setting up an authenticator: wagtail-2fa's own page, then straight on to backup codes.

Served at wagtail-2fa's URL (``wagtail_2fa_device_new``, see wagtail_hooks.py) so its middleware
and links still lead here; the only change is where it goes afterwards.
"""

from django.contrib import messages
from django.urls import reverse
from wagtail_2fa.views import DeviceCreateView

from .backup_codes import remaining_codes


class EnrolAuthenticatorView(DeviceCreateView):
    def get_success_url(self):
        if remaining_codes(self.request.user):
            return super().get_success_url()
        messages.success(
            self.request,
            "Your authenticator is set up. Now create backup codes, so you can still sign in "
            "if your phone is lost.",
        )
        return reverse("governance:backup_codes")
