"""Running a directory search: filters in SQL, distance over a bounding box, then one page.

The number of queries is fixed: one per taxonomy (for the form), one for the matching
providers' ids and coordinates, and one page of providers with its taxonomies and clinicians
prefetched. Distances are computed in Python over the rows inside the bounding box.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q

from . import geo
from .forms import DEFAULT_RADIUS, DirectoryFilterForm
from .models import Clinician, Condition, InsuranceOption, Language, ProviderPage, Treatment

PROVIDERS_PER_PAGE = 10
TAXONOMIES = {
    "treatment": (Treatment, "treatments"),
    "condition": (Condition, "conditions"),
    "insurance": (InsuranceOption, "insurance"),
    "language": (Language, "languages"),
}


@dataclass
class ProviderResult:
    provider: ProviderPage
    distance: float | None = None
    telehealth_match: bool = False

    @property
    def distance_label(self) -> str:
        if self.distance is None:
            return ""
        if self.distance < 0.95:
            return "less than 1 mile away"
        miles = f"{self.distance:.1f}" if self.distance < 10 else f"{self.distance:.0f}"
        return f"{miles} miles away"


@dataclass
class AppliedFilter:
    label: str
    remove_url: str


@dataclass
class SearchOutcome:
    form: DirectoryFilterForm
    place: geo.Place | None
    radius: int
    count: int
    results: list[ProviderResult]
    page_obj: object
    applied: list[AppliedFilter] = field(default_factory=list)
    page_error: str = ""
    previous_url: str = ""
    next_url: str = ""
    clear_url: str = "?"

    @property
    def has_errors(self) -> bool:
        return bool(self.form.errors or self.page_error)


class DirectorySearch:
    def __init__(self, directory, request):
        self.directory = directory
        self.request = request

    # -- form --------------------------------------------------------------------------
    def _load_terms(self) -> dict[str, list]:
        """The filter choices (snippets): shared through the fragment cache, which starts
        afresh whenever a snippet changes (content.core.fragments)."""
        from content.core import fragments

        locale_id = self.directory.locale_id
        return fragments.cached(
            f"directory-terms:{locale_id}",
            lambda: {
                name: list(model.objects.filter(locale_id=locale_id))
                for name, (model, _) in TAXONOMIES.items()
            },
            request=self.request,
        )

    def build_form(self) -> DirectoryFilterForm:
        data = self.request.GET.copy()
        if not data.get("radius"):
            data["radius"] = str(DEFAULT_RADIUS)
        form = DirectoryFilterForm(data, terms=self._load_terms())
        form.is_valid()
        return form

    # -- query -------------------------------------------------------------------------
    def run(self) -> SearchOutcome:
        form = self.build_form()
        cleaned = form.cleaned_data
        place = form.place
        radius = cleaned.get("radius") or DEFAULT_RADIUS
        visit = cleaned.get("visit", "")

        qs = self.directory.get_providers()
        for name, (_, relation) in TAXONOMIES.items():
            term = form.term(name)
            if term is not None:
                qs = qs.filter(**{relation: term.pk})
        if cleaned.get("accepting") == "yes":
            qs = qs.filter(accepting_new_patients=True)
        if visit == "in_person":
            qs = qs.filter(in_person=True)
        elif visit == "telehealth":
            qs = qs.filter(telehealth=True)

        if place is not None:
            min_lat, max_lat, min_lng, max_lng = geo.bounding_box(
                place.latitude, place.longitude, radius
            )

            nearby = Q(
                in_person=True,
                latitude__gte=min_lat,
                latitude__lte=max_lat,
                longitude__gte=min_lng,
                longitude__lte=max_lng,
            )
            # States are stored as 'CA,OR,WA': a two-letter run without a comma is one code.
            remote = Q(telehealth=True, telehealth_states__contains=place.state)
            if visit == "in_person":
                qs = qs.filter(nearby)
            elif visit == "telehealth":
                qs = qs.filter(remote)
            else:
                qs = qs.filter(nearby | remote)

        rows = qs.values_list(
            "pk", "title", "latitude", "longitude", "in_person", "telehealth", "telehealth_states"
        ).distinct()
        matches: dict[int, ProviderResult] = {}
        order: list[tuple] = []
        for pk, title, lat, lng, in_person, telehealth, states in rows:
            if pk in matches:
                continue
            distance = None
            tele = False
            if place is not None:
                if in_person and lat is not None and visit != "telehealth":
                    d = geo.haversine_miles(place.latitude, place.longitude, lat, lng)
                    if d <= radius:
                        distance = d
                if telehealth and visit != "in_person":
                    tele = place.state in states.split(",")
                if distance is None and not tele:
                    continue
            matches[pk] = ProviderResult(provider=None, distance=distance, telehealth_match=tele)
            order.append((distance is None, distance or 0.0, title.casefold(), pk))
        order.sort()
        ordered_ids = [key[-1] for key in order]

        paginator = Paginator(ordered_ids, PROVIDERS_PER_PAGE)
        page_number, page_error = self._page_number(paginator.num_pages)
        page_obj = paginator.page(page_number)
        page_ids = list(page_obj.object_list)
        providers = {
            p.pk: p
            for p in ProviderPage.objects.filter(pk__in=page_ids).prefetch_related(
                "treatments",
                "conditions",
                "insurance",
                "languages",
                Prefetch("clinicians", queryset=Clinician.objects.order_by("sort_order")),
            )
        }
        results = []
        for pk in page_ids:
            if pk in providers:
                result = matches[pk]
                result.provider = providers[pk]
                results.append(result)

        outcome = SearchOutcome(
            form=form,
            place=place,
            radius=radius,
            count=len(ordered_ids),
            results=results,
            page_obj=page_obj,
            page_error=page_error,
        )
        self._links(outcome)
        return outcome

    def _page_number(self, num_pages: int) -> tuple[int, str]:
        raw = self.request.GET.get("page", "")
        if raw == "":
            return 1, ""
        try:
            number = int(raw)
        except ValueError:
            return 1, "Page numbers are whole numbers, like 1 or 2. Showing page 1."
        if number < 1:
            return 1, "Page numbers start at 1. Showing page 1."
        if number > num_pages:
            pages = "1 page" if num_pages == 1 else f"{num_pages} pages"
            return (
                num_pages,
                f"There {'is' if num_pages == 1 else 'are'} only {pages} of results. Showing the last page.",
            )
        return number, ""

    # -- links -------------------------------------------------------------------------
    def _links(self, outcome: SearchOutcome):
        form = outcome.form
        cleaned = form.cleaned_data
        params: dict[str, str] = {}
        labels: dict[str, str] = {}
        if outcome.place is not None:
            params["location"] = cleaned["location"]
            params["radius"] = str(outcome.radius)
            labels["location"] = f"Within {outcome.radius} miles of {outcome.place.label}"
        for name in DirectoryFilterForm.TAXONOMY_FIELDS:
            term = form.term(name)
            if term is not None:
                params[name] = term.slug
                labels[name] = f"{form.fields[name].label}: {term.name}"
        if cleaned.get("visit"):
            params["visit"] = cleaned["visit"]
            labels["visit"] = dict(form.fields["visit"].choices)[cleaned["visit"]]
        if cleaned.get("accepting") == "yes":
            params["accepting"] = "yes"
            labels["accepting"] = "Accepting new patients"

        def url(extra: dict | None = None, drop: tuple = ()) -> str:
            query = {k: v for k, v in params.items() if k not in drop}
            query.update(extra or {})
            return "?" + urlencode(query) if query else "?"

        for name, label in labels.items():
            drop = ("location", "radius") if name == "location" else (name,)
            outcome.applied.append(AppliedFilter(label=label, remove_url=url(drop=drop)))
        page_obj = outcome.page_obj
        if page_obj.has_previous():
            number = page_obj.previous_page_number()
            outcome.previous_url = url({"page": number} if number > 1 else None)
        if page_obj.has_next():
            outcome.next_url = url({"page": page_obj.next_page_number()})
        outcome.clear_url = self.directory.get_url(self.request) or "?"
