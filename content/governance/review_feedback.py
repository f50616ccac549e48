"""A reviewer's "Request changes" reaches the editor who last sent the page.

- Resubmitting a page makes the person who resubmitted it the workflow's requester, so Wagtail's
  "changes requested" email and the own-submission rule follow the latest author, not whoever
  first started the review.
- The editor sees the reviewer's comment at the top of the page's edit view (a message) and in its
  editor checks panel (both via ``content.core.review.latest_changes_request``), and on their
  dashboard (``ChangesRequestedPanel``).
"""

from django.urls import reverse
from django.utils import formats, timezone
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from content.core.forms import SUBMIT_ACTION
from content.core.review import latest_changes_request


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


def show_changes_request(request, page):
    """before_edit_page hook: opening a page a reviewer sent back shows their comment on top."""
    if request.method != "GET":
        return None
    task_state = latest_changes_request(page.current_workflow_state)
    if task_state is None:
        return None
    when = formats.date_format(timezone.localtime(task_state.finished_at), "j F Y, H:i T")
    comment = f" “{task_state.comment}”" if task_state.comment else ""
    messages.warning(
        request,
        f"{reviewer_name(task_state)} asked for changes on {when}:{comment} "
        "Make the changes, then send the page for review again.",
    )
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
