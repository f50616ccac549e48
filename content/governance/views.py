"""The "Content due for review" and "Stale translations" admin reports and the dashboard panel."""

import django_filters
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from content.core.translation import stale_translations

from .reviews import (
    DUE_SOON_DAYS,
    PLANNING_WINDOWS,
    health_pages,
    next_review_after,
    pages_due_for_review,
    pages_using_stale_facts,
    review_counts,
    review_status,
)

WINDOW_CHOICES = [
    *((str(days), f"Overdue or due in the next {days} days") for days in PLANNING_WINDOWS),
    ("0", "Overdue only"),
]


class ReviewWindowFilterSet(WagtailFilterSet):
    due = django_filters.ChoiceFilter(
        label="Due", choices=WINDOW_CHOICES, method="filter_due", empty_label=None
    )

    class Meta:
        model = Page
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # The report always has a window: 30 days unless the editor chose another.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("due"):
            data["due"] = str(DUE_SOON_DAYS)
        super().__init__(data, *args, **kwargs)

    def filter_due(self, queryset, name, value):
        due = pages_due_for_review(within_days=int(value))
        return queryset.filter(pk__in=due.values("pk"))


def _edit_url(page, context=None):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


class ContentDueForReviewView(ReportView):
    """The review planning report: health pages overdue for clinical review, due within the
    chosen window (30, 60 or 90 days; 30 by default), with no review date, or using a stale fact;
    with their reviewer and dates, sortable, filterable and exportable (CSV, XLSX)."""

    page_title = "Content due for review"
    header_icon = "calendar-check"
    index_url_name = "governance:due_for_review"
    index_results_url_name = "governance:due_for_review_results"
    any_permission_required = ["add", "change", "publish"]
    permission_policy = page_permission_policy
    default_ordering = "next_review"
    verbose_name_plural = "pages due for review"
    filterset_class = ReviewWindowFilterSet
    columns = [
        TitleColumn("title", label="Page", get_url=_edit_url, sort_key="title"),
        Column("next_review", label="Next review due", sort_key="next_review"),
        Column("last_review", label="Last reviewed", sort_key="last_review"),
        Column("reviewer", label="Clinical reviewer", sort_key="reviewer_name"),
        Column("review_status", label="Why it is listed"),
        Column("owner_name", label="Owner", sort_key="owner__username"),
    ]
    list_export = [
        "title",
        "next_review",
        "last_review",
        "reviewer",
        "review_status",
        "owner_name",
    ]
    export_headings = {
        "next_review": "Next review due",
        "last_review": "Last reviewed",
        "reviewer": "Clinical reviewer",
        "review_status": "Why it is listed",
        "owner_name": "Owner",
    }

    def get_base_queryset(self):
        editable = page_permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "publish"]
        )
        return health_pages().filter(pk__in=editable.values("pk")).select_related("owner")

    @property
    def window(self) -> int:
        value = self.filters.form.cleaned_data.get("due") if self.filters.is_valid() else None
        return int(value or DUE_SOON_DAYS)

    @property
    def no_results_message(self):
        window = dict(WINDOW_CHOICES)[str(self.window)].lower()
        message = (
            f"No health page is {window}. Pages are listed when their next clinical review is "
            "due within the chosen window or overdue, when they have no review date, or when "
            "they use a dated fact past its recheck date."
        )
        upcoming = next_review_after(timezone.localdate(), self.window)
        if upcoming:
            message += f" The next review after that is due on {date_format(upcoming)}."
        return message

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        stale = pages_using_stale_facts(today)
        for page in object_list:
            page.review_status = review_status(page, today, stale.get(page.pk))
            page.reviewer = page.reviewer_name or "Not yet reviewed"
            page.owner_name = (
                (page.owner.get_full_name() or page.owner.get_username()) if page.owner else "—"
            )
        return object_list


class ReviewDuePanel(Component):
    """Dashboard counts of health pages that need a clinical review."""

    name = "content_due_for_review"
    template_name = "governance/review_due_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["counts"] = review_counts()
        context["report_url"] = reverse("governance:due_for_review")
        return context


def _source_edit_url(page, context=None):
    return reverse("wagtailadmin_pages:edit", args=(page.source_id,)) if page.source_id else None


class StaleTranslationsView(ReportView):
    """Translations (Spanish pages) whose English source was published after the translator last
    checked them against it (content.core.translation.is_stale), oldest check first, with the
    English page, when it changed, and the translator; exportable (CSV, XLSX). One query for
    the listing (content.core.translation.stale_translations)."""

    page_title = "Stale translations"
    header_icon = "globe"
    index_url_name = "governance:stale_translations"
    index_results_url_name = "governance:stale_translations_results"
    any_permission_required = ["add", "change", "publish"]
    permission_policy = page_permission_policy
    default_ordering = "source_checked_at"
    verbose_name_plural = "stale translations"
    columns = [
        TitleColumn("title", label="Page", get_url=_edit_url, sort_key="title"),
        TitleColumn("source_title", label="English source", get_url=_source_edit_url),
        Column("source_published_at", label="English changed", sort_key="source_published_at"),
        Column("source_checked_at", label="Last checked", sort_key="source_checked_at"),
        Column("translator", label="Translator", sort_key="translator_name"),
    ]
    list_export = [
        "title",
        "source_title",
        "source_published_at",
        "source_checked_at",
        "translator",
    ]
    export_headings = {
        "source_title": "English source",
        "source_published_at": "English changed",
        "source_checked_at": "Last checked against the English",
        "translator": "Translator",
    }
    no_results_message = (
        "Every translation has been checked against its English page since that page was "
        "last published."
    )

    def get_base_queryset(self):
        editable = page_permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "publish"]
        )
        return stale_translations().filter(pk__in=editable.values("pk"))

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.translator = page.translator_name or "—"
            if page.source_checked_at is None:
                page.source_checked_at = "Never"
        return object_list
