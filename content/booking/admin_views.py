"""The intake inbox in the Wagtail admin: list, filters, search, detail, status changes, export.

Only users with this model's permissions see it (the Intake group, created in migration 0002).
Wagtail's audit log records one entry per list page shown, per export and per detail view (see
audit.py), and one per status change and note.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from content.core.phone import tel_href

from .admin_display import display_value, local_time, text_or_not_given, yes_no
from .audit import log_inbox_action
from .models import SUBMITTED_FIELDS, BookingRequest
from .spreadsheet import formula_safe
from .status_form import StatusForm, apply_staff_update, log_staff_update

INBOX_NAME = "Intake inbox"
INBOX_CSS = forms.Media(css={"all": ["css/intake-inbox.css"]})


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
    status = django_filters.ChoiceFilter(
        choices=BookingRequest.Status.choices,
        empty_label=f"Any except {BookingRequest.Status.SPAM.label.lower()}",
    )
    kind = django_filters.ChoiceFilter(label="What they need", choices=BookingRequest.Kind.choices)
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

    def filter_queryset(self, queryset):
        """Suspected spam stays out of the inbox unless someone asks for it by status."""
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.exclude(status=BookingRequest.Status.SPAM)
        return queryset


class InboxNameMixin:
    """Breadcrumbs say "Intake inbox", like the menu, instead of the model's plural name."""

    def get_breadcrumbs_items(self):
        plural = capfirst(BookingRequest._meta.verbose_name_plural)
        return [
            {**item, "label": INBOX_NAME} if item.get("label") == plural else item
            for item in super().get_breadcrumbs_items()
        ]


class BookingRequestIndexView(InboxNameMixin, generic.IndexView):
    """The list and its live filter/search results: one audit entry per page shown."""

    page_title = INBOX_NAME

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("preferred_provider")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if not self.is_export:  # an export writes its own entry (as_spreadsheet)
            log_inbox_action(
                self.request,
                "booking.list",
                list(context["object_list"]),
                page=page.number if page is not None else None,
            )
        context["media"] = context.get("media", forms.Media()) + INBOX_CSS
        return context

    def to_row_dict(self, item):
        """Labels instead of codes, local times with the zone named."""
        return {name: display_value(item, name) for name in self.list_export}

    def write_csv_row(self, writer, row_dict):
        """No cell a patient filled in can become a spreadsheet formula (spreadsheet.py)."""
        return super().write_csv_row(
            writer, {name: formula_safe(value) for name, value in row_dict.items()}
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        log_inbox_action(self.request, "booking.export", list(queryset))
        return super().as_spreadsheet(queryset, spreadsheet_format)


PERSON_FIELDS = ["name", "phone", "email", "contact_method", "voicemail_ok", "text_ok"]
REQUEST_FIELDS = ["kind", "preferred_provider", "preferred_times", "note"]


class BookingRequestInspectView(InboxNameMixin, generic.InspectView):
    """The request's detail: the person, what they asked for, the status form and notes.

    Staff change the status and add notes here (POST); each time the page is shown, one
    "Opened the request" entry goes to the audit log.
    """

    template_name = "booking/admin/inspect.html"
    page_title = "Request"
    header_more_buttons = []  # everything is on the page itself, nothing behind a "..." menu

    def get_page_subtitle(self):
        return self.object.reference

    def get(self, request, *args, **kwargs):
        log(instance=self.object, action="booking.view", user=request.user)
        return super().get(request, *args, **kwargs)

    def can_change(self):
        return self.permission_policy.user_has_permission(self.request.user, "change")

    def post(self, request, *args, **kwargs):
        if not self.can_change():
            raise PermissionDenied
        form = StatusForm(request.POST, instance=self.object, for_user=request.user)
        if not form.is_valid():
            log(instance=self.object, action="booking.view", user=request.user)
            return self.render_to_response(self.get_context_data(status_form=form))
        old_status, note = apply_staff_update(form, request.user)
        form.save()
        log_staff_update(form.instance, request.user, old_status, note)
        messages.success(request, f"Saved request {self.object.reference}.")
        return redirect(reverse("booking_requests:inspect", args=[self.object.pk]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking = self.object
        context.update(
            booking=booking,
            person=[(self.label(name), display_value(booking, name)) for name in PERSON_FIELDS],
            phone_href=tel_href(booking.phone),
            request_details=[
                (self.label(name), display_value(booking, name)) for name in REQUEST_FIELDS
            ],
            received=local_time(booking.created_at),
            status_changed=local_time(booking.status_changed_at),
            consent=yes_no(booking.consent_to_contact),
            privacy=yes_no(booking.privacy_acknowledged),
            notification=booking.get_notification_status_display(),
            notification_error=text_or_not_given(booking.notification_error),
            notes=booking.staff_notes,
            index_url=reverse("booking_requests:index"),
            history_url=reverse("booking_requests:history", args=[booking.pk]),
        )
        if self.can_change():
            context.setdefault(
                "status_form", StatusForm(instance=booking, for_user=self.request.user)
            )
        return context

    def label(self, name):
        return capfirst(BookingRequest._meta.get_field(name).verbose_name)


class BookingRequestEditView(InboxNameMixin, generic.EditView):
    """Kept for direct links; saves the same way as the detail page and returns to it."""

    def save_instance(self):
        old_status, note = apply_staff_update(self.form, self.request.user)
        instance = super().save_instance()
        log_staff_update(instance, self.request.user, old_status, note)
        return instance

    def get_success_url(self):
        return reverse("booking_requests:inspect", args=[self.object.pk])


class BookingRequestHistoryView(InboxNameMixin, generic.HistoryView):
    pass


def inspect_url(booking):
    return reverse("booking_requests:inspect", args=[booking.pk])


class BookingRequestViewSet(ModelViewSet):
    model = BookingRequest
    name = "booking_requests"
    url_prefix = "intake"
    icon = "mail"
    menu_label = INBOX_NAME
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    add_to_reference_index = False
    inspect_view_enabled = True
    index_view_class = BookingRequestIndexView
    inspect_view_class = BookingRequestInspectView
    edit_view_class = BookingRequestEditView
    history_view_class = BookingRequestHistoryView
    filterset_class = BookingRequestFilterSet
    search_fields = ["reference", "name", "email", "phone"]
    search_backend_name = None  # plain database queries: nothing goes into a search index
    list_display = [
        TitleColumn("reference", label="Reference", sort_key="reference", get_url=inspect_url),
        TitleColumn("name", label="Name", sort_key="name", get_url=inspect_url),
        Column("kind", label="What they need", accessor="get_kind_display", sort_key="kind"),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        Column(
            "notification_status", label="Notification", accessor="get_notification_status_display"
        ),
        Column(
            "created_at",
            label="Received",
            accessor=lambda booking: local_time(booking.created_at),
            sort_key="created_at",
        ),
    ]
    list_export = [*SUBMITTED_FIELDS, "status", "notification_status"]
    export_headings = {"created_at": "Received", "kind": "What they need"}
    export_filename = "booking-requests"

    @cached_property
    def permission_policy(self):
        return IntakePermissionPolicy(self.model)

    def get_edit_handler(self):
        return ObjectList(
            [FieldPanel("status"), FieldPanel("add_note")], base_form_class=StatusForm
        ).bind_to_model(self.model)
