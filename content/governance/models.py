"""The Clinical review workflow task.

Editors send a health page for review; a member of the Clinical reviewers group approves it
(optionally with a comment) or requests changes. Approval records the reviewer and today's
review date on the page, sets the next review within 12 months, and then Wagtail publishes
the page. Wagtail's audit log records who approved or rejected what. Nobody may approve a
page they sent for review themselves.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.models import AbstractGroupApprovalTask

from content.core.models import ClinicalReviewMixin, Person
from content.core.review import OWN_SUBMISSION_MESSAGE, is_own_submission, one_year_after

from .approval import ApprovalForm, chosen_go_live, chosen_next_review

NO_PERSON_MESSAGE = (
    "Your account is not linked to a person in Snippets → People, so an approval could not "
    "show who reviewed this page. Ask an administrator to open your entry in People and choose "
    "your account under “Admin account”, then approve."
)


def person_for_user(user):
    """The Person snippet an administrator linked to this admin account, if any.

    Only the explicit link counts: a matching e-mail address is not proof, because editors
    may edit people's e-mail addresses but only administrators may link accounts.
    """
    return Person.objects.filter(user=user).order_by("pk").first()


class ClinicalReviewTask(AbstractGroupApprovalTask):
    class Meta:
        verbose_name = "Clinical review task"
        verbose_name_plural = "Clinical review tasks"

    @classmethod
    def get_description(cls):
        return (
            "A clinician in the chosen groups approves the page; approval records them as "
            "the clinical reviewer with today's review date. Nobody approves their own submission."
        )

    def get_form_for_action(self, action):
        return ApprovalForm if action == "approve" else super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action == "approve":
            return "governance/approve_modal.html"
        return super().get_template_for_action(action)

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if self.approval_blocker(obj, user, actions):
            # Only "Request changes" stays; the page editor says why (approval_blocker).
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def approval_blocker(self, obj, user, actions=None) -> str | None:
        """Why this user, who could otherwise approve, may not: their own submission, or no
        Person linked to their account (the approval must name the reviewer). None if they may.
        Read by the page editor's checks panel and form (content.core) as a task attribute."""
        if actions is None:
            actions = super().get_actions(obj, user)
        if "approve" not in [action[0] for action in actions]:
            return None
        state = getattr(obj, "current_workflow_state", None)
        if is_own_submission(state, user):
            return OWN_SUBMISSION_MESSAGE
        if isinstance(obj.specific, ClinicalReviewMixin) and person_for_user(user) is None:
            return NO_PERSON_MESSAGE
        return None

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            if is_own_submission(task_state.workflow_state, user):
                # The admin never offers this action (see get_actions); refuse it anyway.
                raise PermissionDenied(OWN_SUBMISSION_MESSAGE)
            go_live = chosen_go_live(kwargs.pop("publish_at", None))
            next_review = chosen_next_review(kwargs.pop("next_review_due", None))
            self.record_review(task_state, user, go_live, next_review)
        return super().on_action(task_state, user, action_name, **kwargs)

    def record_review(self, task_state, user, go_live=None, next_review=None):
        """Save a revision naming the approving reviewer and today's review dates, going live
        when the approval says (now, unless the reviewer chose a time): a go-live date left on
        the draft never turns an approval into a silent schedule."""
        page = task_state.workflow_state.content_object.specific
        page = page.get_latest_revision_as_object()
        if not isinstance(page, ClinicalReviewMixin):
            if page.go_live_at != go_live:
                page.go_live_at = go_live
                page.save_revision(user=user, log_action=True, clean=False)
            return
        page.go_live_at = go_live
        person = person_for_user(user)
        if person is None:
            # Never credit whoever the editor picked: the approval names its own reviewer.
            raise PermissionDenied(NO_PERSON_MESSAGE)
        today = timezone.localdate()
        page.clinical_reviewer = person
        page.last_reviewed = today
        page.next_review_due = next_review or one_year_after(today)
        page.save_revision(user=user, log_action=True, clean=False)
