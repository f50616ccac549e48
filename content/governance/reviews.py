"""Which health pages need a clinical review: overdue, due soon, or using a stale fact."""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex

from content.core.models import ClinicalReviewMixin, Fact

DUE_SOON_DAYS = 30
# The planning windows an editor can choose in the report ("due in the next N days").
PLANNING_WINDOWS = (30, 60, 90)


def health_page_models():
    """Every concrete page model that carries clinical review fields."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ClinicalReviewMixin) and issubclass(model, Page)
    ]


def _field_from_specific(name, models):
    subqueries = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values(name)[:1]) for model in models
    ]
    return subqueries[0] if len(subqueries) == 1 else Coalesce(*subqueries)


def health_pages():
    """All health pages as plain Page rows annotated with their review dates (sortable)."""
    models = health_page_models()
    content_types = ContentType.objects.get_for_models(*models).values()
    return Page.objects.filter(content_type__in=content_types).annotate(
        next_review=_field_from_specific("next_review_due", models),
        last_review=_field_from_specific("last_reviewed", models),
        reviewer_name=_field_from_specific("clinical_reviewer__name", models),
    )


def stale_facts(today=None):
    today = today or timezone.localdate()
    return Fact.objects.filter(recheck_on__lt=today)


def pages_using_stale_facts(today=None) -> dict[int, list[Fact]]:
    """{page id: [stale facts it uses]}, from Wagtail's reference index."""
    facts = {str(fact.pk): fact for fact in stale_facts(today)}
    if not facts:
        return {}
    page_type = ContentType.objects.get_for_model(Page)
    rows = ReferenceIndex.objects.filter(
        base_content_type=page_type,
        to_content_type=ContentType.objects.get_for_model(Fact),
        to_object_id__in=list(facts),
    ).values_list("object_id", "to_object_id")
    found: dict[int, list[Fact]] = {}
    for page_id, fact_id in rows:
        page_facts = found.setdefault(int(page_id), [])
        if facts[fact_id] not in page_facts:
            page_facts.append(facts[fact_id])
    return found


def pages_due_for_review(today=None, within_days=DUE_SOON_DAYS):
    """Health pages overdue, due within ``within_days`` (0: overdue only), with no review date,
    or using a stale fact."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    due = Q(next_review__lte=horizon) if within_days else Q(next_review__lt=today)
    stale_page_ids = list(pages_using_stale_facts(today))
    return health_pages().filter(due | Q(next_review__isnull=True) | Q(pk__in=stale_page_ids))


def next_review_after(today, within_days):
    """The first review date beyond the window, so an empty report can say what comes next."""
    horizon = (today or timezone.localdate()) + datetime.timedelta(days=within_days)
    return (
        health_pages()
        .filter(next_review__gt=horizon)
        .order_by("next_review")
        .values_list("next_review", flat=True)
        .first()
    )


def review_counts(today=None) -> dict[str, int]:
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    pages = health_pages()
    month_end = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return {
        "overdue": pages.filter(next_review__lt=today).count(),
        "due_this_month": pages.filter(next_review__gte=today, next_review__lt=month_end).count(),
        "due_soon": pages.filter(next_review__gte=today, next_review__lte=horizon).count(),
        "stale_facts": len(pages_using_stale_facts(today)),
    }


def review_status(page, today=None, stale=None) -> str:
    today = today or timezone.localdate()
    notes = []
    if page.next_review is None:
        notes.append("No review date")
    elif page.next_review < today:
        notes.append(f"Overdue by {(today - page.next_review).days} days")
    elif page.next_review <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        notes.append(f"Due in {(page.next_review - today).days} days")
    if stale:
        notes.append("Stale fact: " + "; ".join(f.text[:60] for f in stale))
    return ". ".join(notes)
