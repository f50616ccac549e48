"""Approve means publish now, unless the reviewer schedules it in the approval itself.

A go-live date left on the draft is never applied silently: the approval form shows it, and
the page is scheduled only when the reviewer enters a date in the approval. Empty: published
as soon as they approve.
"""

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.forms import TaskStateCommentForm


class ApprovalForm(TaskStateCommentForm):
    publish_at = forms.DateTimeField(
        label="Publish at (optional)",
        required=False,
        widget=AdminDateTimeInput(),
        help_text="Leave empty to publish as soon as you approve.",
    )

    def clean_publish_at(self):
        value = self.cleaned_data.get("publish_at")
        if value and value <= timezone.now():
            raise forms.ValidationError(
                "Choose a time in the future, or leave it empty to publish now."
            )
        return value


def chosen_go_live(value):
    """The approval's publish time, from the modal (datetime) or the page editor (JSON string)."""
    if isinstance(value, str):
        value = parse_datetime(value) if value else None
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value is not None and value <= timezone.now():
        return None
    return value
