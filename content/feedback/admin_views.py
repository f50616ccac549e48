"""The editors' side: every page's score (Reports > Reader feedback) and one page's report."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from .models import PageFeedback
from .reports import score_label, weekly_counts, with_counts

COMMENTS_SHOWN = 200


def _report_url(page, context=None):
    return reverse("feedback_admin:page_report", args=(page.pk,))


def editable_pages(user):
    return page_permission_policy.instances_user_has_any_permission_for(user, ["change", "publish"])


class ReaderFeedbackView(ReportView):
    """Pages readers have answered "Was this page helpful?" on, with their score."""

    page_title = "Reader feedback"
    header_icon = "help"
    index_url_name = "feedback_admin:index"
    index_results_url_name = "feedback_admin:index_results"
    any_permission_required = ["add", "change", "publish"]
    permission_policy = page_permission_policy
    default_ordering = "feedback_score"
    verbose_name_plural = "pages with reader feedback"
    columns = [
        TitleColumn("title", label="Page", get_url=_report_url, sort_key="title"),
        Column("score", label="Helpful", sort_key="feedback_score"),
        Column("feedback_yes", label="Yes", sort_key="feedback_yes"),
        Column("feedback_no", label="No", sort_key="feedback_no"),
        Column("feedback_comments", label="Comments", sort_key="feedback_comments"),
    ]
    list_export = ["title", "feedback_yes", "feedback_no", "feedback_comments"]
    export_headings = {"feedback_yes": "Yes", "feedback_no": "No", "feedback_comments": "Comments"}

    @property
    def no_results_message(self):
        return "No reader has answered 'Was this page helpful?' on a page you can edit yet."

    def get_base_queryset(self):
        from django.db.models import ExpressionWrapper, F, FloatField

        pages = with_counts(Page.objects.filter(pk__in=editable_pages(self.request.user)))
        return pages.filter(feedback_total__gt=0).annotate(
            feedback_score=ExpressionWrapper(
                F("feedback_yes") * 1.0 / F("feedback_total"), output_field=FloatField()
            )
        )

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.score = score_label(page.feedback_yes, page.feedback_total)
        return object_list


def page_report(request, page_id):
    """One page's answers: totals, counts by week and the comments, newest first."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    answers = PageFeedback.objects.filter(page=page)
    yes = answers.filter(helpful=True).count()
    total = answers.count()
    context = {
        "page": page,
        "score": score_label(yes, total),
        "yes": yes,
        "no": total - yes,
        "weeks": weekly_counts(page),
        "comments": answers.exclude(comment="")[:COMMENTS_SHOWN],
        "comments_shown": COMMENTS_SHOWN,
    }
    return TemplateResponse(request, "feedback/admin/page_report.html", context)
