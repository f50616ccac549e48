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


def publication_problems(
    *, author, clinical_reviewer, last_reviewed, next_review_due, references
) -> dict[str, str]:
    """What a health page still lacks before it may be published or sent for review.

    Returns {field name: plain message}; empty when the page meets the standard.
    """
    problems = {}
    if not author:
        problems["author"] = "Choose the author before publishing or sending for review."
    if not clinical_reviewer:
        problems["clinical_reviewer"] = (
            "Choose the clinical reviewer before publishing or sending for review."
        )
    if not last_reviewed:
        problems["last_reviewed"] = "Enter the date of the last clinical review."
    if not next_review_due:
        problems["next_review_due"] = "Enter the date the next review is due."
    elif last_reviewed and next_review_due <= last_reviewed:
        problems["next_review_due"] = "The next review must be after the last review."
    elif last_reviewed and next_review_due > one_year_after(last_reviewed):
        problems["next_review_due"] = "The next review must be within 12 months of the last review."
    refs = [ref for ref in (references or []) if ref.block_type == "reference"]
    primary = sum(1 for ref in refs if ref.value.get("kind") in PRIMARY_REFERENCE_KINDS)
    if len(refs) < MIN_REFERENCES or primary < MIN_PRIMARY_REFERENCES:
        problems["references"] = (
            f"Add at least {MIN_REFERENCES} references, at least {MIN_PRIMARY_REFERENCES} of them "
            "primary (FDA, clinical guideline or peer-reviewed paper). "
            f"This page has {len(refs)}, {primary} primary."
        )
    return problems


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
