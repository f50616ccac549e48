from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import page_permission_policy

from .admin_views import ReaderFeedbackView, page_report
from .reports import score_label, scores_for


@hooks.register("register_admin_urls")
def register_feedback_urls():
    urls = [
        path("", ReaderFeedbackView.as_view(), name="index"),
        path("results/", ReaderFeedbackView.as_view(results_only=True), name="index_results"),
        path("pages/<int:page_id>/", page_report, name="page_report"),
    ]
    return [path("feedback/", include((urls, "feedback_admin"), namespace="feedback_admin"))]


class ReaderFeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_reader_feedback_menu_item():
    return ReaderFeedbackMenuItem(
        "Reader feedback",
        reverse("feedback_admin:index"),
        name="reader-feedback",
        icon_name="help",
        order=60,
    )


def _listing_scores(context, page):
    """Scores of every page in this listing, counted once per request (one query)."""
    request = context.get("request")
    cache = getattr(request, "feedback_listing_scores", None)
    if cache is None or page.pk not in cache:
        siblings = page.get_siblings().values_list("pk", flat=True) if page.depth > 1 else [page.pk]
        cache = dict.fromkeys(siblings, (0, 0))
        cache.update(scores_for(cache))
        if request is not None:
            request.feedback_listing_scores = cache
    return cache.get(page.pk, (0, 0))


@hooks.register("construct_page_listing_buttons")
def add_feedback_score_button(buttons, page, user, context=None):
    """The page's score ("80% helpful (8 of 10)") in its listing, linked to its report."""
    if context is None or not page.permissions_for_user(user).can_edit():
        return
    yes, total = _listing_scores(context, page)
    if not total:
        return
    buttons.append(
        ListingButton(
            f"Feedback: {score_label(yes, total)}",
            reverse("feedback_admin:page_report", args=(page.pk,)),
            icon_name="help",
            priority=90,
        )
    )
