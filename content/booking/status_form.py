"""The form staff use to move a request along and add notes (on the request's detail page)."""

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.log_actions import log

from .forms import validate_transition
from .models import BookingRequest

NOTE_LIMIT = 1000


class StatusForm(WagtailAdminModelForm):
    add_note = forms.CharField(
        label="Add a note",
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Saved with your name and the time. Keep medical details out of notes.",
        error_messages={"max_length": f"A note can be up to {NOTE_LIMIT} characters."},
    )

    class Meta:
        model = BookingRequest
        fields = ["status"]

    def clean_status(self):
        new = self.cleaned_data["status"]
        validate_transition(self.initial.get("status", self.instance.status), new)
        return new


def apply_staff_update(form, user):
    """Stamp the status change and append the note; returns (booking, changed status, note).

    The caller saves the instance; audit entries are written by ``log_staff_update``.
    """
    instance = form.instance
    old_status = form.initial.get("status")
    note = form.cleaned_data.get("add_note", "").strip()
    now = timezone.now()
    if instance.status != old_status:
        instance.status_changed_at = now
    if note:
        entry = f"[{timezone.localtime(now):%Y-%m-%d %H:%M %Z}] {user.get_username()}: {note}"
        instance.staff_notes = f"{instance.staff_notes}\n{entry}" if instance.staff_notes else entry
    return old_status, note


def log_staff_update(instance, user, old_status, note):
    if instance.status != old_status:
        log(
            instance=instance,
            action="booking.status",
            user=user,
            data={"from": old_status, "to": instance.status},
        )
    if note:
        log(instance=instance, action="booking.note", user=user)
