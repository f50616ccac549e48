from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy

from . import approval_confirmation, bulk_actions, review_feedback, review_guard
from .backup_codes import BackupCodesView
from .device_reset import ResetTwoFactorView, reset_button
from .enrolment import EnrolAuthenticatorView
from .otp_sign_in import SignInCodeView
from .views import ContentDueForReviewView, ReviewDuePanel, StaleTranslationsView


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
        path("stale-translations/", StaleTranslationsView.as_view(), name="stale_translations"),
        path(
            "stale-translations/results/",
            StaleTranslationsView.as_view(results_only=True),
            name="stale_translations_results",
        ),
        path("backup-codes/", BackupCodesView.as_view(), name="backup_codes"),
        path(
            "users/<int:user_id>/reset-two-factor/",
            ResetTwoFactorView.as_view(),
            name="reset_two_factor",
        ),
    ]
    return [path("governance/", include((urls, "governance"), namespace="governance"))]


@hooks.register("register_admin_urls", order=-1)
def replace_two_factor_views():
    """Our second sign-in step and enrolment at wagtail-2fa's own paths and names, listed before
    wagtail-2fa's (order=-1), so they answer those URLs and its middleware redirects here."""
    return [
        path("2fa/auth", SignInCodeView.as_view(), name="wagtail_2fa_auth"),
        path("2fa/devices/new", EnrolAuthenticatorView.as_view(), name="wagtail_2fa_device_new"),
    ]


@hooks.register("register_account_menu_item")
def backup_codes_menu_item(request):
    return {
        "url": reverse("governance:backup_codes"),
        "label": "Backup codes",
        "help_text": "Single-use codes for signing in if your phone is lost.",
    }


hooks.register("register_user_listing_buttons", reset_button)


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(
        "kapsite.two_factor_reset", "Reset two-factor devices", "Reset two-factor devices"
    )
    actions.register_action(
        "kapsite.backup_codes_created", "Create backup codes", "Created new backup codes"
    )
    actions.register_action(
        "kapsite.backup_code_used", "Sign in with a backup code", "Signed in with a backup code"
    )


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


@hooks.register("register_reports_menu_item")
def register_stale_translations_menu_item():
    return ReviewReportMenuItem(
        "Stale translations",
        reverse("governance:stale_translations"),
        name="stale-translations",
        icon_name="globe",
        order=51,
    )


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if _can_see_report(request.user):
        panels.append(ReviewDuePanel())


# No publishing around the clinical review (content/governance/review_guard.py).
hooks.register("before_edit_page", review_guard.refuse_publishing_during_review)
hooks.register("before_bulk_action", review_guard.refuse_bulk_publishing_during_review)
# Bulk actions are offered only to people who may take them (content/governance/bulk_actions.py).
hooks.register("before_bulk_action", bulk_actions.refuse_bulk_actions_not_offered, order=-1)
hooks.register("construct_page_action_menu", review_guard.offer_no_publishing_during_review)
hooks.register("register_log_actions", review_guard.register_log_actions)


@hooks.register("register_admin_urls")
def register_cancel_review_url():
    return [
        path(
            "governance/pages/<int:pk>/cancel-review/",
            review_guard.CancelReviewView.as_view(),
            name="governance_cancel_review",
        )
    ]


# Approving confirms what happened (content/governance/approval_confirmation.py).
hooks.register("after_edit_page", approval_confirmation.confirm_approval_in_the_editor)


@hooks.register("register_admin_urls")
def register_approve_url():
    return [
        path(
            "governance/pages/<int:page_id>/approve/<int:task_state_id>/",
            approval_confirmation.ApproveView.as_view(),
            {"action_name": approval_confirmation.APPROVE},
            name="governance_approve",
        )
    ]


# "Request changes" reaches the editor who last sent the page (content/governance/review_feedback.py).
hooks.register("after_edit_page", review_feedback.resubmitter_becomes_requester)
hooks.register("before_edit_page", review_feedback.show_review_notices)
hooks.register("construct_homepage_panels", review_feedback.add_no_linked_person_panel)
hooks.register("construct_homepage_panels", review_feedback.add_changes_requested_panel)


@hooks.register("insert_global_admin_css")
def page_editor_css():
    """Small fixes to the page editor's own screens (static/css/page-editor.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/page-editor.css"))
