"""Approving says what happened: published now, or scheduled and for when, and whom the page
names as its clinical reviewer.

- From the dashboard, the approval modal (templates/governance/approve_modal.html) posts to
  ``ApproveView``: Wagtail's workflow action view for pages, plus the message.
- From the page editor, an ``after_edit_page`` hook adds the same message.
"""

from django.utils import formats, timezone
from wagtail.admin import messages
from wagtail.admin.views.pages.workflow import WorkflowAction
from wagtail.models import Page, TaskState, WorkflowState

APPROVE = "approve"


def approval_message(page):
    """The confirmation for a page just approved: (text, buttons) for Wagtail's messages."""
    page = Page.objects.get(pk=page.pk).specific
    title = page.get_admin_display_title()
    approved = page.get_latest_revision_as_object()
    reviewer = getattr(approved, "clinical_reviewer", None)
    scheduled = page.scheduled_revision
    if scheduled:
        when = formats.date_format(
            timezone.localtime(scheduled.approved_go_live_at), "DATETIME_FORMAT"
        )
        text = f"“{title}” is approved. It is scheduled to be published on {when}."
        buttons = []
    else:
        text = f"“{title}” is approved and published now."
        url = page.get_url()
        buttons = [messages.button(url, "View live", new_window=True)] if url else []
    if reviewer and approved.last_reviewed:
        reviewed = formats.date_format(approved.last_reviewed, "DATE_FORMAT")
        text += f" It names {reviewer} as its clinical reviewer, reviewed {reviewed}."
    return text, buttons


def confirm_approval(request, page):
    text, buttons = approval_message(page)
    messages.success(request, text, buttons=buttons)


def approved_by(page, user) -> bool:
    """Whether the page's latest review ended in an approval by ``user``."""
    state = WorkflowState.objects.for_instance(page).order_by("-created_at").first()
    if not state or state.status != WorkflowState.STATUS_APPROVED:
        return False
    return state.task_states.filter(status=TaskState.STATUS_APPROVED, finished_by=user).exists()


class ApproveView(WorkflowAction):
    """Wagtail's "approve" workflow action for pages (the dashboard's approval modal), which
    then confirms what happened."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        if self.task_state.status == TaskState.STATUS_APPROVED:
            confirm_approval(request, self.object)
        return response


def confirm_approval_in_the_editor(request, page):
    """after_edit_page hook: the editor's "Approve" action."""
    if request.method != "POST" or request.POST.get("workflow-action-name") != APPROVE:
        return
    if "action-workflow-action" in request.POST and approved_by(page, request.user):
        confirm_approval(request, page)
