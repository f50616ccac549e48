"""No publishing around the clinical review.

While a page is in a workflow (the "Clinical review"), nobody publishes or schedules it from the
edit view, a revision, or a bulk action: the actions are not offered and the views refuse them.
An administrator who must publish urgently first cancels the review here, giving a reason that
the page's history records with their name. Wagtail's own "Cancel workflow" button is replaced,
so the reason cannot be skipped.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import LogFormatter
from wagtail.models import Page, PageLogEntry

CANCEL_ACTION = "kapsite.review_cancelled"
# Edit-view submit buttons that would make a draft live (publish, or schedule to publish) or end
# the review without a reason.
PUBLISH_BUTTONS = ("action-publish",)
CANCEL_BUTTONS = ("action-cancel-workflow",)

IN_REVIEW_MESSAGE = (
    "This page is in clinical review, so it cannot be published or scheduled now. "
    "It goes live when a clinical reviewer approves it. If it must go live urgently, an "
    "administrator can cancel the review first and give the reason."
)


def in_review(page):
    return page.workflow_in_progress


def can_cancel_review(user, page):
    """Wagtail's rule (the person who submitted it, the owner, a reviewer of the current step),
    plus anyone who may publish the page: administrators cancel before an urgent publish."""
    state = page.current_workflow_state
    if not state:
        return False
    return state.user_can_cancel(user) or page.permissions_for_user(user).can_publish()


def refuse_publishing_during_review(request, page):
    """before_edit_page hook: a hand-made POST cannot publish, schedule or silently cancel."""
    if request.method != "POST" or not in_review(page):
        return None
    if any(name in request.POST for name in PUBLISH_BUTTONS):
        messages.error(request, IN_REVIEW_MESSAGE)
        return redirect("wagtailadmin_pages:edit", page.pk)
    if any(name in request.POST for name in CANCEL_BUTTONS):
        messages.error(
            request, "To cancel a clinical review, use “Cancel review” and give a reason."
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def refuse_bulk_publishing_during_review(request, action_type, objects, action_class_instance):
    """before_bulk_action hook: bulk "Publish" leaves pages in review alone and says why."""
    if action_type != "publish":
        return None
    held = [obj for obj in objects if isinstance(obj, Page) and in_review(obj)]
    if not held:
        return None
    titles = ", ".join(page.get_admin_display_title() for page in held)
    messages.error(request, f"Nothing was published. In clinical review: {titles}.")
    return redirect(
        get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root")
    )


class CancelReviewMenuItem(ActionMenuItem):
    """Stands in for Wagtail's "Cancel workflow": a link to the form that asks for a reason."""

    label = "Cancel review…"
    name = "action-cancel-review"
    icon_name = "error"

    def is_shown(self, context):
        if context["view"] != "edit":
            return False
        return can_cancel_review(context["request"].user, context["page"])

    def get_url(self, parent_context):
        return reverse("governance_cancel_review", args=(parent_context["page"].pk,))


def offer_no_publishing_during_review(menu_items, request, context):
    """construct_page_action_menu hook."""
    page = context.get("page")
    if not page or not page.pk or not in_review(page):
        return
    replaced = False
    for index, item in reversed(list(enumerate(menu_items))):
        if item.name in PUBLISH_BUTTONS:
            del menu_items[index]
        elif item.name in CANCEL_BUTTONS:
            menu_items[index] = CancelReviewMenuItem(order=item.order)
            replaced = True
    if not replaced and context.get("view") == "edit":
        item = CancelReviewMenuItem(order=900)
        if item.is_shown(context):
            menu_items.append(item)


class CancelReviewForm(forms.Form):
    reason = forms.CharField(
        label="Why must this page skip its clinical review?",
        help_text="This is kept in the page's history with your name.",
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        max_length=500,
        error_messages={
            "required": "Give the reason for cancelling the review.",
            "min_length": "Say a little more about why (at least 10 characters).",
        },
    )


class CancelReviewView(WagtailAdminTemplateMixin, FormView):
    template_name = "governance/cancel_review.html"
    form_class = CancelReviewForm
    page_title = "Cancel clinical review"
    header_icon = "error"

    def dispatch(self, request, pk):
        self.page = get_object_or_404(Page, pk=pk).specific
        self.workflow_state = self.page.current_workflow_state
        if not self.workflow_state:
            messages.info(request, "This page is not in review.")
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        if not can_cancel_review(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        # Home › the page › this step, so the header names what is being cancelled.
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=(self.page.pk,)),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            edit_url=reverse("wagtailadmin_pages:edit", args=(self.page.pk,)),
            **kwargs,
        )

    def form_valid(self, form):
        self.workflow_state.cancel(user=self.request.user)
        PageLogEntry.objects.log_action(
            self.page,
            CANCEL_ACTION,
            user=self.request.user,
            data={"reason": form.cleaned_data["reason"]},
        )
        messages.success(
            self.request,
            "The clinical review was canceled and your reason was recorded. "
            "You can now publish the page.",
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)


class ReviewCancelledFormatter(LogFormatter):
    label = "Clinical review canceled"

    def format_message(self, log_entry):
        return f"Clinical review canceled. Reason: {log_entry.data.get('reason', '')}"


def register_log_actions(actions):
    actions.register_action(CANCEL_ACTION)(ReviewCancelledFormatter)
