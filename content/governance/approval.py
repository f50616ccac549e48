"""Approve means publish now, unless the reviewer schedules it in the approval itself.

A go-live date left on the draft is never applied silently: the approval form shows it, and
the page is scheduled only when the reviewer enters a date in the approval. Empty: published
as soon as they approve.
"""

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput
from wagtail.forms import TaskStateCommentForm

from content.core.review import next_review_in_range


class ApprovalForm(TaskStateCommentForm):
    publish_at = forms.DateTimeField(
        label="Publish at (optional)",
        required=False,
        widget=AdminDateTimeInput(),
        help_text="Leave empty to publish as soon as you approve.",
    )

    next_review_due = forms.DateField(
        label="Next review due (optional)",
        required=False,
        widget=AdminDateInput(),
        help_text="Leave empty for 12 months from today. You may choose an earlier date.",
    )

    def clean_next_review_due(self):
        value = self.cleaned_data.get("next_review_due")
        today = timezone.localdate()
        if value and not next_review_in_range(today, value):
            raise forms.ValidationError(
                "Choose a date after today and within 12 months, or leave it empty."
            )
        return value

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


def chosen_next_review(value):
    """The reviewer's next review date, from the modal (date) or the page editor (JSON string);
    None when not given or not within the next 12 months (the default then applies)."""
    if isinstance(value, str):
        value = parse_date(value) if value else None
    today = timezone.localdate()
    if value is None or not next_review_in_range(today, value):
        return None
    return value
