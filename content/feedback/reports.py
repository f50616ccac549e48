"""Counts behind the feedback report: per page, per week, and a score for listings."""

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek

from .models import PageFeedback

YES = Q(reader_feedback__helpful=True)
NO = Q(reader_feedback__helpful=False)
COMMENTED = ~Q(reader_feedback__comment="")


def score_label(yes: int, total: int) -> str:
    """'80% helpful (8 of 10)', or 'No answers yet'."""
    if not total:
        return "No answers yet"
    return f"{round(100 * yes / total)}% helpful ({yes} of {total})"


def with_counts(pages):
    """Pages annotated with feedback_yes, feedback_no, feedback_total and feedback_comments."""
    return pages.annotate(
        feedback_yes=Count("reader_feedback", filter=YES),
        feedback_no=Count("reader_feedback", filter=NO),
        feedback_total=Count("reader_feedback"),
        feedback_comments=Count("reader_feedback", filter=COMMENTED),
    )


def weekly_counts(page):
    """[{"week": Monday's date, "yes": n, "no": n}], newest week first."""
    return list(
        PageFeedback.objects.filter(page=page)
        .annotate(week=TruncWeek("created_on"))
        .values("week")
        .annotate(
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
        )
        .order_by("-week")
    )


def scores_for(page_ids) -> dict[int, tuple[int, int]]:
    """{page id: (yes, total)} for these pages, in one query."""
    rows = (
        PageFeedback.objects.filter(page_id__in=list(page_ids))
        .values("page_id")
        .annotate(yes=Count("pk", filter=Q(helpful=True)), total=Count("pk"))
    )
    return {row["page_id"]: (row["yes"], row["total"]) for row in rows}
