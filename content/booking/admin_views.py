"""The intake inbox in the Wagtail admin: list, filters, search, detail, status changes, export.

Only users with this model's permissions see it (the Intake group, created in migration 0002).
Every view and change is written to Wagtail's audit log: each request shown in a page of the
list, opened, or exported, and each status change and note.
"""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from .forms import validate_transition
from .models import SUBMITTED_FIELDS, BookingRequest

NOTE_LIMIT = 1000


class IntakePermissionPolicy(ModelPermissionPolicy):
    """Requests come only from the public form: nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


def _requested_providers(request):
    return Page.objects.filter(
        pk__in=BookingRequest.objects.exclude(preferred_provider=None).values("preferred_provider")
    ).order_by("title")


class BookingRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=BookingRequest.Status.choices)
    kind = django_filters.ChoiceFilter(choices=BookingRequest.Kind.choices)
    notification_status = django_filters.ChoiceFilter(
        label="Notification", choices=BookingRequest.NotificationStatus.choices
    )
    preferred_provider = django_filters.ModelChoiceFilter(
        label="Preferred provider", queryset=_requested_providers
    )
    created_at = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )

    class Meta:
        model = BookingRequest
        fields = ["status", "kind", "notification_status", "preferred_provider", "created_at"]


class StatusForm(WagtailAdminModelForm):
    add_note = forms.CharField(
        label="Add a note",
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Saved with your name and the time. Keep medical details out of notes.",
    )

    class Meta:
        model = BookingRequest
        fields = ["status"]

    def clean_status(self):
        new = self.cleaned_data["status"]
        validate_transition(self.instance.status, new)
        return new


def log_each(bookings, action, user):
    for booking in bookings:
        log(instance=booking, action=action, user=user)


class BookingRequestIndexView(generic.IndexView):
    """The list (and its filter/search results): the rows on screen show names, so each is logged."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        log_each(context["object_list"], "booking.list", self.request.user)
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        log_each(queryset, "booking.export", self.request.user)
        return super().as_spreadsheet(queryset, spreadsheet_format)


class BookingRequestInspectView(generic.InspectView):
    def get(self, request, *args, **kwargs):
        log(instance=self.object, action="booking.view", user=request.user)
        return super().get(request, *args, **kwargs)


class BookingRequestEditView(generic.EditView):
    def get_initial_status(self):
        return BookingRequest.objects.filter(pk=self.object.pk).values_list("status", flat=True)[0]

    def save_instance(self):
        old_status = self.get_initial_status()
        instance = self.form.instance
        note = self.form.cleaned_data.get("add_note", "").strip()
        now = timezone.now()
        if instance.status != old_status:
            instance.status_changed_at = now
        if note:
            who = self.request.user.get_username()
            entry = f"[{timezone.localtime(now):%Y-%m-%d %H:%M}] {who}: {note}"
            instance.staff_notes = (
                f"{instance.staff_notes}\n{entry}" if instance.staff_notes else entry
            )
        instance = super().save_instance()
        if instance.status != old_status:
            log(
                instance=instance,
                action="booking.status",
                data={"from": old_status, "to": instance.status},
            )
        if note:
            log(instance=instance, action="booking.note")
        return instance


class BookingRequestViewSet(ModelViewSet):
    model = BookingRequest
    name = "booking_requests"
    url_prefix = "intake"
    icon = "mail"
    menu_label = "Intake inbox"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    add_to_reference_index = False
    inspect_view_enabled = True
    index_view_class = BookingRequestIndexView
    inspect_view_class = BookingRequestInspectView
    edit_view_class = BookingRequestEditView
    filterset_class = BookingRequestFilterSet
    search_fields = ["reference", "name", "email", "phone"]
    search_backend_name = None  # plain database queries: nothing goes into a search index
    list_display = [
        Column("reference", label="Reference", accessor="reference"),
        "name",
        "kind",
        "status",
        Column(
            "notification_status", label="Notification", accessor="get_notification_status_display"
        ),
        DateColumn("created_at", label="Received"),
    ]
    list_export = [*SUBMITTED_FIELDS, "status", "notification_status"]
    export_filename = "booking-requests"
    inspect_view_fields = [
        *SUBMITTED_FIELDS,
        "consent_to_contact",
        "privacy_acknowledged",
        "status",
        "status_changed_at",
        "staff_notes",
        "notification_status",
        "notification_attempts",
        "notification_error",
    ]

    @cached_property
    def permission_policy(self):
        return IntakePermissionPolicy(self.model)

    def get_edit_handler(self):
        return ObjectList(
            [FieldPanel("status"), FieldPanel("add_note")], base_form_class=StatusForm
        ).bind_to_model(self.model)
