"""The clinical review standard for health pages: review dates and references.

Used by the page model, the page editor's publish gate (``content.core.forms``) and the
governance reports, so every place applies the same rule.
"""

import datetime

from wagtail.models import TaskState, WorkflowState

from .blocks import PRIMARY_REFERENCE_KINDS

MIN_REFERENCES = 2
MIN_PRIMARY_REFERENCES = 1


def one_year_after(day: datetime.date) -> datetime.date:
    """The same calendar day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def next_review_in_range(last_reviewed: datetime.date, next_review_due: datetime.date) -> bool:
    """The review-date rule: the next review is after the last one and within 12 months of it
    (the page model's clean, the approval form and the approval itself all ask this)."""
    return last_reviewed < next_review_due <= one_year_after(last_reviewed)


def next_review_problem(last_reviewed, next_review_due) -> str | None:
    """Why these review dates break the rule, for the page model's clean; None when they are
    fine or one of them is not set."""
    if not (last_reviewed and next_review_due) or next_review_in_range(
        last_reviewed, next_review_due
    ):
        return None
    if next_review_due <= last_reviewed:
        return "The next review must be after the last review."
    return "The next review must be within 12 months of the last review."


NOT_YET_REVIEWED = (
    "This page has not been clinically reviewed yet. Send it for clinical review: a reviewer's "
    "approval records them, sets the review dates and publishes it."
)


def publication_problems(
    *, author, clinical_reviewer, last_reviewed, next_review_due, references, action="publish"
) -> dict[str, str]:
    """What a health page still lacks before it may be published or sent for review.

    The reviewer and the review dates are never typed by an editor: a clinical reviewer's
    approval sets them. So sending for review (``action="submit"``) needs the author and the
    references; publishing directly also needs an earlier approval (reviewer and dates).
    Returns {field name: plain message} ("__all__" for the review); empty when the page may go.
    """
    problems = {}
    if not author:
        problems["author"] = "Choose the author before publishing or sending for review."
    if action == "publish" and not (clinical_reviewer and last_reviewed and next_review_due):
        problems["__all__"] = NOT_YET_REVIEWED
    refs = [ref for ref in (references or []) if ref.block_type == "reference"]
    primary = sum(1 for ref in refs if ref.value.get("kind") in PRIMARY_REFERENCE_KINDS)
    if len(refs) < MIN_REFERENCES or primary < MIN_PRIMARY_REFERENCES:
        problems["references"] = (
            f"Add at least {MIN_REFERENCES} references, at least {MIN_PRIMARY_REFERENCES} of them "
            "primary (FDA, clinical guideline or peer-reviewed paper). "
            f"This page has {len(refs)}, {primary} primary."
        )
    return problems


OWN_SUBMISSION_MESSAGE = (
    "You sent this page for review, so another clinical reviewer must approve it."
)


def is_own_submission(workflow_state, user) -> bool:
    """Whether ``user`` sent the page in this workflow for review (nobody approves their own
    submission: the editor form, the checks panel and the review task all ask this)."""
    return bool(workflow_state and user is not None and workflow_state.requested_by_id == user.pk)


def approval_blocker(page, workflow_state, user) -> str | None:
    """Why ``user`` may not approve the page's current review step, as the step's task says
    (a task model may define ``approval_blocker(page, user)``; see content.governance)."""
    if not workflow_state or user is None or not workflow_state.current_task_state:
        return None
    task = workflow_state.current_task_state.task.specific
    blocker = getattr(task, "approval_blocker", None)
    return blocker(page, user) if blocker else None


def latest_changes_request(workflow_state):
    """The rejected step (with its comment, reviewer and time) of a page that needs changes."""
    if not workflow_state or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )


def review_hold(page, workflow_state, user):
    """The review step that keeps ``user`` from editing the page (who sent it, since when), or
    None when the page is not locked for them."""
    if not workflow_state or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    task_state = workflow_state.current_task_state
    if not task_state or user is None:
        return None
    if not task_state.task.specific.locked_for_user(page, user):
        return None
    return task_state
