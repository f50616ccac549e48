from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy

from .views import ContentDueForReviewView, ReviewDuePanel


def _can_see_report(user):
    return page_permission_policy.user_has_any_permission(user, ["add", "change", "publish"])


@hooks.register("register_admin_urls")
def register_governance_urls():
    urls = [
        path("due-for-review/", ContentDueForReviewView.as_view(), name="due_for_review"),
        path(
            "due-for-review/results/",
            ContentDueForReviewView.as_view(results_only=True),
            name="due_for_review_results",
        ),
    ]
    return [path("governance/", include((urls, "governance"), namespace="governance"))]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return _can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_due_for_review_menu_item():
    return ReviewReportMenuItem(
        "Content due for review",
        reverse("governance:due_for_review"),
        name="content-due-for-review",
        icon_name="calendar-check",
        order=50,
    )


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if _can_see_report(request.user):
        panels.append(ReviewDuePanel())
