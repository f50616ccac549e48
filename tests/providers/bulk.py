"""Create thousands of provider pages quickly (tests and the benchmark).

Wagtail pages are multi-table models, which ``bulk_create`` refuses, so the base ``Page`` rows
are bulk-created with their tree paths computed here, the ``ProviderPage`` rows are inserted in
batches, and the many-to-many and clinician rows are bulk-created. No signals run, so the search
and reference indexes do not see these pages: fine for listing and filtering.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from content.providers.models import (
    Clinician,
    Condition,
    InsuranceOption,
    Language,
    OpeningHours,
    ProviderDirectoryPage,
    ProviderPage,
    TelehealthState,
    Treatment,
)

CENTRES = [
    ("Oakland", "CA", "94612", 37.8085, -122.2668),
    ("Sacramento", "CA", "95814", 38.5816, -121.4944),
    ("Portland", "OR", "97205", 45.5202, -122.6742),
    ("Chicago", "IL", "60601", 41.8858, -87.6181),
]


DEFAULTS = {
    "summary": "A fictional practice made for testing.",
    "street_address": "1 Sample Street",
    "city": "Oakland",
    "state": "CA",
    "postal_code": "94612",
    "latitude": None,
    "longitude": None,
    "phone": "(510) 555-0100",
    "website": "https://practice.example.com",
    "accessibility_notes": "Step-free entrance.",
    "in_person": True,
    "telehealth": False,
    "accepting_new_patients": True,
    "is_sample": True,
}
RELATIONS = {
    "treatments": Treatment,
    "conditions": Condition,
    "insurance": InsuranceOption,
    "languages": Language,
}


@transaction.atomic
def insert_providers(specs: list[dict], *, directory: ProviderDirectoryPage | None = None):
    """Insert live provider pages from dicts of field values.

    Each spec needs ``title`` and ``slug``; ``treatments``, ``conditions``, ``insurance`` and
    ``languages`` are lists of term slugs (or term objects); ``clinicians`` is how many to add;
    ``telehealth_states`` is a string like 'CA,OR' (one row per state).
    Returns the new ProviderPage objects in the order given.
    """
    directory = directory or ProviderDirectoryPage.objects.get(locale__language_code="en")
    directory.refresh_from_db()
    content_type = ContentType.objects.get_for_model(ProviderPage)
    last = directory.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    depth = directory.depth + 1
    now = timezone.now()
    terms = {
        relation: {t.slug: t for t in model.objects.filter(locale_id=directory.locale_id)}
        for relation, model in RELATIONS.items()
    }
    base_rows = []
    for n, spec in enumerate(specs):
        base_rows.append(
            Page(
                title=spec["title"],
                draft_title=spec["title"],
                slug=spec["slug"],
                content_type=content_type,
                path=Page._get_path(directory.path, depth, step + n),
                depth=depth,
                numchild=0,
                url_path=f"{directory.url_path}{spec['slug']}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=directory.locale_id,
            )
        )
    pages = Page.objects.bulk_create(base_rows, batch_size=500)
    if not all(p.pk for p in pages):  # backends that cannot return ids from bulk inserts
        ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
        for p in pages:
            p.pk = p.id = ids[p.path]

    providers = []
    for page, spec in zip(pages, specs, strict=True):
        values = {**DEFAULTS, **{k: v for k, v in spec.items() if k in DEFAULTS}}
        providers.append(ProviderPage(page_ptr_id=page.pk, **values))
    fields = [f for f in ProviderPage._meta.local_concrete_fields if not f.primary_key]
    fields.insert(0, ProviderPage._meta.pk)
    for start in range(0, len(providers), 400):
        ProviderPage._base_manager._insert(providers[start : start + 400], fields=fields, raw=True)

    for relation, model in RELATIONS.items():
        through = getattr(ProviderPage, relation).through
        source = f"{ProviderPage._meta.model_name}_id"
        target = f"{model._meta.model_name}_id"
        rows = []
        for page, spec in zip(pages, specs, strict=True):
            for term in spec.get(relation, []):
                term = terms[relation][term] if isinstance(term, str) else term
                rows.append(through(**{source: page.pk, target: term.pk}))
        through.objects.bulk_create(rows, batch_size=1000)
    clinicians = []
    roles = ["prescriber", "kap_therapist", "integration_therapist"]
    for page, spec in zip(pages, specs, strict=True):
        for order in range(spec.get("clinicians", 1)):
            clinicians.append(
                Clinician(
                    page_id=page.pk,
                    sort_order=order,
                    name=f"Sample Clinician {page.pk}-{order}",
                    role=roles[order % 3],
                    credentials="MD" if order % 3 == 0 else "LMFT",
                    licence_type="Sample licence",
                    licence_number=f"SAMPLE-{page.pk}-{order}",
                    licence_state="CA",
                    licence_verified_on=datetime.date(2026, 1, 15),
                )
            )
    Clinician.objects.bulk_create(clinicians, batch_size=1000)
    states, hours = [], []
    for page, spec in zip(pages, specs, strict=True):
        for code in filter(None, spec.get("telehealth_states", "").split(",")):
            states.append(TelehealthState(page_id=page.pk, state=code))
        for day in range(1, 6):  # Monday to Friday, 9am to 5pm
            hours.append(
                OpeningHours(
                    page_id=page.pk,
                    day=day,
                    opens=datetime.time(9),
                    closes=datetime.time(17),
                    sort_order=day,
                )
            )
    TelehealthState.objects.bulk_create(states, batch_size=1000)
    OpeningHours.objects.bulk_create(hours, batch_size=1000)
    Page.objects.filter(pk=directory.pk).update(numchild=directory.numchild + len(specs))
    return list(ProviderPage.objects.filter(pk__in=[p.pk for p in pages]).order_by("path"))


def create_providers(
    count: int, *, directory: ProviderDirectoryPage | None = None, seed: int = 4, prefix="bulk"
) -> list[ProviderPage]:
    """``count`` random providers around a few cities, with taxonomies and two clinicians."""
    rng = random.Random(seed)
    directory = directory or ProviderDirectoryPage.objects.get(locale__language_code="en")
    all_terms = {
        relation: list(model.objects.filter(locale_id=directory.locale_id))
        for relation, model in RELATIONS.items()
    }
    picks = {"treatments": 2, "conditions": 3, "insurance": 2, "languages": 2}
    specs = []
    for n in range(count):
        city, state, zip_code, lat, lng = CENTRES[n % len(CENTRES)]
        telehealth_only = n % 10 == 9
        spec = {
            "title": f"Sample practice {prefix} {n}",
            "slug": f"{prefix}-{seed}-{n}",
            "street_address": f"{n} Sample Street",
            "city": city,
            "state": state,
            "postal_code": zip_code,
            "latitude": None if telehealth_only else lat + rng.uniform(-1.2, 1.2),
            "longitude": None if telehealth_only else lng + rng.uniform(-1.5, 1.5),
            "phone": f"(510) 555-01{n % 100:02d}",
            "in_person": not telehealth_only,
            "telehealth": telehealth_only or n % 3 == 0,
            "telehealth_states": state,
            "accepting_new_patients": n % 4 != 0,
            "clinicians": 2,
        }
        for relation, k in picks.items():
            spec[relation] = rng.sample(all_terms[relation], k)
        specs.append(spec)
    return insert_providers(specs, directory=directory)
