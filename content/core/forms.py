"""The page editor form for health pages: the publish gate.

A health page (any page with ``ClinicalReviewMixin``) may be saved as an incomplete draft, but
sending it for clinical review needs an author and at least two references, one primary; and
publishing it directly also needs an earlier clinical approval (the reviewer and review dates,
which only an approval sets: the editor shows them read-only). Each missing item is reported on
its own field so the editor sees exactly what to fix; nothing is saved meanwhile.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError

from .review import (
    OWN_SUBMISSION_MESSAGE,
    approval_blocker,
    is_own_submission,
    publication_problems,
)

# The names of the page editor's action buttons (wagtail/admin/views/pages/{create,edit}.py).
PUBLISH_ACTION = "action-publish"
SUBMIT_ACTION = "action-submit"
WORKFLOW_ACTION = "action-workflow-action"


class ClinicalReviewPageForm(WagtailAdminPageForm):
    @property
    def gated_action(self) -> str | None:
        """'publish' or 'submit' when the editor pressed a button that needs a complete page."""
        if self.data.get(PUBLISH_ACTION):
            return "publish"
        if self.data.get(SUBMIT_ACTION):
            return "submit"
        return None

    def clean(self):
        cleaned_data = super().clean()
        if self.gated_action:
            self._check_publication(cleaned_data)
        if self.data.get(WORKFLOW_ACTION) and self.data.get("workflow-action-name") == "approve":
            self._check_not_own_submission()
        return cleaned_data

    def _check_publication(self, cleaned_data):
        # The review fields are read-only in the editor: their values come from the page.
        reviewed = {
            name: getattr(self.instance, name)
            for name in ("clinical_reviewer", "last_reviewed", "next_review_due")
        }
        problems = publication_problems(
            author=cleaned_data.get("author"),
            references=cleaned_data.get("references"),
            action=self.gated_action,
            **reviewed,
        )
        for name, message in problems.items():
            if name in self.errors:
                continue  # the field already shows why its value is not valid
            if name == "__all__":
                error = ValidationError(message, code="not_yet_reviewed")
                name = None
            elif name == "references":
                # The StreamField widget shows errors of its own type above its blocks.
                error = StreamBlockValidationError(non_block_errors=ErrorList([message]))
            else:
                error = ValidationError(message, code="publication_gate")
            self.add_error(name, error)

    def _check_not_own_submission(self):
        """Approving from the page editor: refused, with the reason, when the review step says
        this user may not approve (their own submission, or no Person linked to the account)."""
        page = self.instance
        if not page.pk or not self.for_user:
            return
        workflow_state = page.current_workflow_state
        if is_own_submission(workflow_state, self.for_user):
            raise ValidationError(OWN_SUBMISSION_MESSAGE, code="own_submission")
        blocker = approval_blocker(page, workflow_state, self.for_user)
        if blocker:
            raise ValidationError(blocker, code="approval_blocked")
