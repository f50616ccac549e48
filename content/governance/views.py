"""The "Content due for review" admin report and the dashboard panel."""

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from .reviews import pages_due_for_review, pages_using_stale_facts, review_counts, review_status


def _edit_url(page, context=None):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


class ContentDueForReviewView(ReportView):
    """Health pages overdue for clinical review, due in the next 30 days, or using a stale fact."""

    page_title = "Content due for review"
    header_icon = "calendar-check"
    index_url_name = "governance:due_for_review"
    index_results_url_name = "governance:due_for_review_results"
    any_permission_required = ["add", "change", "publish"]
    permission_policy = page_permission_policy
    default_ordering = "next_review"
    verbose_name_plural = "pages due for review"
    columns = [
        TitleColumn("title", label="Page", get_url=_edit_url, sort_key="title"),
        Column("next_review", label="Next review due", sort_key="next_review"),
        Column("last_review", label="Last reviewed", sort_key="last_review"),
        Column("review_status", label="Why it is listed"),
        Column("owner_name", label="Owner", sort_key="owner__username"),
    ]
    list_export = ["title", "next_review", "last_review", "review_status", "owner_name"]
    export_headings = {
        "next_review": "Next review due",
        "last_review": "Last reviewed",
        "review_status": "Why it is listed",
        "owner_name": "Owner",
    }

    def get_base_queryset(self):
        editable = page_permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "publish"]
        )
        return pages_due_for_review().filter(pk__in=editable.values("pk")).select_related("owner")

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        stale = pages_using_stale_facts(today)
        for page in object_list:
            page.review_status = review_status(page, today, stale.get(page.pk))
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
