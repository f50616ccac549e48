"""A reviewer's "Request changes" reaches the editor who last sent the page.

- Resubmitting a page makes the person who resubmitted it the workflow's requester, so Wagtail's
  "changes requested" email and the own-submission rule follow the latest author, not whoever
  first started the review.
- The editor sees the reviewer's comment at the top of the page's edit view (a message, with who
  holds a review and why a reviewer cannot approve: ``show_review_notices``) and in its editor
  checks panel (both from ``content.core.review``), and on their dashboard
  (``ChangesRequestedPanel``).
"""

from django.urls import reverse
from django.utils import formats, timezone
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from content.core.forms import SUBMIT_ACTION
from content.core.review import approval_blocker, latest_changes_request, review_hold

from .models import NO_PERSON_MESSAGE, ClinicalReviewTask, person_for_user


def resubmitter_becomes_requester(request, page):
    """after_edit_page hook."""
    if request.method != "POST" or SUBMIT_ACTION not in request.POST:
        return
    state = page.current_workflow_state
    if state and state.requested_by_id != request.user.pk:
        state.requested_by = request.user
        state.save(update_fields=["requested_by"])


def reviewer_name(task_state):
    user = task_state.finished_by
    if user is None:
        return "A reviewer"
    return user.get_full_name() or user.get_username()


def show_review_notices(request, page):
    """before_edit_page hook: what the review means for this person, on top of the edit view
    (the editor checks panel further down says the same): a reviewer's request for changes, who
    holds the review and since when, or why this reviewer cannot approve."""
    if request.method != "GET":
        return None
    state = page.current_workflow_state
    task_state = latest_changes_request(state)
    if task_state is not None:
        when = formats.date_format(timezone.localtime(task_state.finished_at), "DATETIME_FORMAT")
        comment = f" “{task_state.comment}”" if task_state.comment else ""
        messages.warning(
            request,
            f"{reviewer_name(task_state)} asked for changes on {when}:{comment} "
            "Make the changes, then send the page for review again.",
        )
    hold = review_hold(page, state, request.user)
    if hold is not None:
        sender = state.requested_by
        name = (sender.get_full_name() or sender.get_username()) if sender else "an editor"
        since = formats.date_format(timezone.localtime(hold.started_at), "DATETIME_FORMAT")
        messages.info(
            request,
            f"In clinical review since {since}, sent by {name}. Only clinical reviewers can "
            "edit it until a reviewer approves it or asks for changes.",
        )
    blocker = approval_blocker(page, state, request.user)
    if blocker:
        messages.warning(request, blocker)
    return None


class ChangesRequestedPanel(Component):
    """Dashboard: pages this editor sent for review that a reviewer sent back, with the comment."""

    name = "changes_requested"
    template_name = "governance/changes_requested_panel.html"
    order = 80

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = WorkflowState.objects.filter(
            requested_by=self.user, status=WorkflowState.STATUS_NEEDS_CHANGES
        ).order_by("-created_at")[:20]
        items = []
        for state in states:
            task_state = latest_changes_request(state)
            page = state.content_object
            if page is None:
                continue
            items.append(
                {
                    "title": page.get_admin_display_title(),
                    "edit_url": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                    "task_state": task_state,
                }
            )
        context["items"] = items
        return context

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["items"]:
            return ""
        return super().render_html(parent_context)


def add_changes_requested_panel(request, panels):
    """construct_homepage_panels hook."""
    panels.append(ChangesRequestedPanel(request.user))


class NoLinkedPersonPanel(Component):
    """Dashboard: a clinical reviewer whose account no administrator has linked to a Person is
    told why they have no "Approve", and what to do, before they try."""

    name = "no_linked_person"
    template_name = "governance/no_linked_person_panel.html"
    order = 70

    def get_context_data(self, parent_context):
        return {"message": NO_PERSON_MESSAGE}


def add_no_linked_person_panel(request, panels):
    """construct_homepage_panels hook."""
    user = request.user
    approves = ClinicalReviewTask.objects.filter(active=True, groups__in=user.groups.all())
    if (user.is_superuser or approves.exists()) and person_for_user(user) is None:
        panels.append(NoLinkedPersonPanel())
