"""Running a directory search in three steps: filter (SQL), rank (Python), paginate.

The number of queries is fixed: the filter choices (shared through the fragment cache), one
query for the matching practices' ids, coordinates and flags, and one page of practices with
what the cards show prefetched. Distances are computed in Python over the rows inside the
bounding box (or serving the searched state by telehealth).

When part of the search cannot be understood (a place we cannot find, a filter value we do not
list) no list is shown: a list that ignored the request would pass for results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, Value
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import geo, results_map
from .forms import DEFAULT_RADIUS, DirectoryFilterForm
from .models import (
    Condition,
    InsuranceOption,
    Language,
    ProviderPage,
    TelehealthState,
    Treatment,
)

PROVIDERS_PER_PAGE = 10
RESULTS_ANCHOR = "#results"
# The parameter a result link carries to the provider page, holding the search it came from.
RETURN_PARAM = "search"
TAXONOMIES = {
    "treatment": (Treatment, "treatments"),
    "condition": (Condition, "conditions"),
    "insurance": (InsuranceOption, "insurance"),
    "language": (Language, "languages"),
}


@dataclass
class Candidate:
    """One practice that passed the filters, before ranking (no page object loaded yet)."""

    pk: int
    title: str
    latitude: float | None
    longitude: float | None
    in_person: bool
    telehealth: bool
    accepting: bool
    serves_state: bool  # offers telehealth in the searched place's state


@dataclass
class ProviderResult:
    provider: ProviderPage | None
    pk: int = 0
    number: int = 0
    distance: float | None = None
    telehealth_match: bool = False
    accepting: bool = True
    title: str = ""
    booking_url: str = ""

    @property
    def distance_label(self) -> str:
        if self.distance is None:
            return ""
        if self.distance < 0.95:
            return _("less than 1 mile away")
        miles = f"{self.distance:.1f}" if self.distance < 10 else f"{self.distance:,.0f}"
        return _("%(miles)s miles away") % {"miles": miles}


@dataclass
class AppliedFilter:
    label: str
    remove_url: str


@dataclass
class PageLink:
    number: int | None  # None for a gap ("…")
    url: str = ""
    current: bool = False


@dataclass
class PlaceChoice:
    label: str
    url: str


@dataclass
class SearchOutcome:
    form: DirectoryFilterForm
    place: geo.Place | None
    radius: int
    sort: str
    searched: bool
    blocked: bool = False
    count: int = 0
    results: list[ProviderResult] = field(default_factory=list)
    page_obj: object = None
    applied: list[AppliedFilter] = field(default_factory=list)
    place_choices: list[PlaceChoice] = field(default_factory=list)
    page_error: str = ""
    previous_url: str = ""
    next_url: str = ""
    page_links: list[PageLink] = field(default_factory=list)
    clear_url: str = "?"
    return_param: str = ""
    map: results_map.ResultsMap | None = None

    @property
    def has_errors(self) -> bool:
        return bool(self.form.errors or self.page_error)

    @property
    def summary(self) -> str:
        """'12 practices within 25 miles of Oakland, CA 94612', said right after the form."""
        count = self.count
        visit = self.form.cleaned_data.get("visit", "") if not self.blocked else ""
        if self.place is None:
            return ngettext("%(count)d practice found", "%(count)d practices found", count) % {
                "count": count
            }
        values = {
            "count": count,
            "state": geo.US_STATES.get(self.place.state, self.place.state),
            "radius": self.radius,
            "place": self.place.label,
        }
        if visit == "telehealth":
            return (
                ngettext(
                    "%(count)d practice offering telehealth in %(state)s",
                    "%(count)d practices offering telehealth in %(state)s",
                    count,
                )
                % values
            )
        if visit == "in_person":
            return (
                ngettext(
                    "%(count)d practice within %(radius)d miles of %(place)s",
                    "%(count)d practices within %(radius)d miles of %(place)s",
                    count,
                )
                % values
            )
        return (
            ngettext(
                "%(count)d practice within %(radius)d miles of %(place)s or by telehealth in "
                "%(state)s",
                "%(count)d practices within %(radius)d miles of %(place)s or by telehealth in "
                "%(state)s",
                count,
            )
            % values
        )


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

    # -- the three steps ---------------------------------------------------------------
    def run(self) -> SearchOutcome:
        form = self.build_form()
        cleaned = form.cleaned_data
        place = form.place
        sort = cleaned.get("sort") or "distance"
        if place is None and sort == "distance":
            sort = "name"
        outcome = SearchOutcome(
            form=form,
            place=place,
            radius=cleaned.get("radius") or DEFAULT_RADIUS,
            sort=sort,
            searched=any(name in self.request.GET for name in DirectoryFilterForm.base_fields),
            blocked=form.blocks_results,
        )
        if not outcome.blocked:
            candidates = self.filter(form, place, outcome.radius)
            ranked = self.rank(candidates, place, outcome.radius, cleaned.get("visit", ""), sort)
            self.paginate(outcome, ranked)
        self._links(outcome)
        return outcome

    def filter(self, form, place, radius) -> list[Candidate]:
        """Practices that match every filter (one query): any chosen term within a group,
        every group; with a place, those in the bounding box or serving its state remotely."""
        cleaned = form.cleaned_data
        visit = cleaned.get("visit", "")
        qs = self.directory.get_providers()
        for name, (_model, relation) in TAXONOMIES.items():
            terms = form.chosen_terms(name)
            if terms:
                qs = qs.filter(**{f"{relation}__in": [t.pk for t in terms]})
        if cleaned.get("accepting") == "yes":
            qs = qs.filter(accepting_new_patients=True)
        if visit == "in_person":
            qs = qs.filter(in_person=True)
        elif visit == "telehealth":
            qs = qs.filter(telehealth=True)

        state = place.state if place is not None else ""
        qs = qs.annotate(
            serves_state=Exists(TelehealthState.objects.filter(page=OuterRef("pk"), state=state))
            if place is not None
            else Value(False)
        )
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
            remote = Q(telehealth=True, serves_state=True)
            if visit == "in_person":
                qs = qs.filter(nearby)
            elif visit == "telehealth":
                qs = qs.filter(remote)
            else:
                qs = qs.filter(nearby | remote)

        rows = qs.values_list(
            "pk",
            "title",
            "latitude",
            "longitude",
            "in_person",
            "telehealth",
            "accepting_new_patients",
            "serves_state",
        ).distinct()
        seen: dict[int, Candidate] = {}
        for row in rows:
            seen.setdefault(row[0], Candidate(*row))
        return list(seen.values())

    @staticmethod
    def rank(candidates, place, radius, visit, sort) -> list[ProviderResult]:
        """Distances, the radius and telehealth in the searched state, then the chosen order.

        Every practice with an address gets its distance, telehealth or not; one that is
        neither within the radius nor serves the state by telehealth is dropped.
        """
        results = []
        for c in candidates:
            distance = None
            tele = False
            if place is not None:
                if c.in_person and c.latitude is not None and c.longitude is not None:
                    distance = geo.haversine_miles(
                        place.latitude, place.longitude, c.latitude, c.longitude
                    )
                near = distance is not None and distance <= radius and visit != "telehealth"
                tele = c.telehealth and c.serves_state and visit != "in_person"
                if not near and not tele:
                    continue
            results.append(
                ProviderResult(
                    provider=None,
                    pk=c.pk,
                    distance=distance,
                    telehealth_match=tele,
                    accepting=c.accepting,
                    title=c.title,
                )
            )

        def by_name(r):
            return (r.title.casefold(), r.pk)

        def by_distance(r):
            return (r.distance is None, r.distance or 0.0, *by_name(r))

        nearest = by_distance if place is not None else by_name
        keys = {
            "distance": nearest,
            "name": by_name,
            "accepting": lambda r: (not r.accepting, *nearest(r)),
        }
        results.sort(key=keys[sort])
        for number, result in enumerate(results, start=1):
            result.number = number
        return results

    def paginate(self, outcome: SearchOutcome, ranked: list[ProviderResult]) -> None:
        """One page of 10, with the page objects and what the cards show (one query each)."""
        paginator = Paginator(ranked, PROVIDERS_PER_PAGE)
        page_number, outcome.page_error = self._page_number(paginator.num_pages)
        page_obj = paginator.page(page_number)
        page_results = list(page_obj.object_list)
        providers = ProviderPage.objects.filter(
            pk__in=[r.pk for r in page_results]
        ).prefetch_related(
            Prefetch("treatments", queryset=Treatment.objects.order_by("sort_order", "name")),
            Prefetch("languages", queryset=Language.objects.order_by("sort_order", "name")),
            "telehealth_states",
        )
        by_pk = {p.pk: p for p in providers}
        for result in page_results:
            result.provider = by_pk.get(result.pk)
            if result.provider is not None:
                result.booking_url = result.provider.booking_url(self.request)
        outcome.results = [r for r in page_results if r.provider is not None]
        outcome.count = len(ranked)
        outcome.page_obj = page_obj
        outcome.map = results_map.build(
            outcome.place, outcome.radius, [(r.number, r.provider) for r in outcome.results]
        )

    def _page_number(self, num_pages: int) -> tuple[int, str]:
        raw = self.request.GET.get("page", "")
        if raw == "":
            return 1, ""
        try:
            number = int(raw)
        except ValueError:
            return 1, _("Page numbers are whole numbers, like 1 or 2. Showing page 1.")
        if number < 1:
            return 1, _("Page numbers start at 1. Showing page 1.")
        if number > num_pages:
            message = ngettext(
                "There is only %(count)d page of results. Showing the last page.",
                "There are only %(count)d pages of results. Showing the last page.",
                num_pages,
            )
            return num_pages, message % {"count": num_pages}
        return number, ""

    # -- links -------------------------------------------------------------------------
    def _links(self, outcome: SearchOutcome):
        form = outcome.form
        cleaned = getattr(form, "cleaned_data", {})
        params: list[tuple[str, str]] = []
        labels: list[tuple[tuple[str, str | None], str]] = []
        if outcome.place is not None:
            params += [("location", cleaned["location"]), ("radius", str(outcome.radius))]
            labels.append(
                (
                    ("location", None),
                    _("Within %(radius)d miles of %(place)s")
                    % {"radius": outcome.radius, "place": outcome.place.label},
                )
            )
        for name in DirectoryFilterForm.TAXONOMY_FIELDS:
            for term in form.chosen_terms(name):
                params.append((name, term.slug))
                labels.append(((name, term.slug), f"{form.fields[name].label}: {term.name}"))
        if cleaned.get("visit"):
            params.append(("visit", cleaned["visit"]))
            labels.append((("visit", None), dict(form.fields["visit"].choices)[cleaned["visit"]]))
        if cleaned.get("accepting") == "yes":
            params.append(("accepting", "yes"))
            labels.append((("accepting", None), _("Accepting new patients")))
        if cleaned.get("sort") and not form.has_error("sort"):
            params.append(("sort", cleaned["sort"]))

        def url(extra=(), drop=(), anchor=RESULTS_ANCHOR) -> str:
            query = [(k, v) for k, v in params if (k, v) not in drop and (k, None) not in drop]
            query += list(extra)
            return ("?" + urlencode(query) if query else "?") + anchor

        for (name, value), label in labels:
            drop = [("location", None), ("radius", None)] if name == "location" else [(name, value)]
            outcome.applied.append(AppliedFilter(label=label, remove_url=url(drop=drop)))

        for place in form.place_choices:
            query = [("location", place.label)] + [
                (k, v) for k, v in params if k not in ("location", "radius")
            ]
            if cleaned.get("radius"):
                query.insert(1, ("radius", str(outcome.radius)))
            outcome.place_choices.append(
                PlaceChoice(label=place.label, url="?" + urlencode(query) + RESULTS_ANCHOR)
            )

        page_obj = outcome.page_obj
        if page_obj is not None:

            def page_url(number: int) -> str:
                return url([("page", str(number))] if number > 1 else [])

            if page_obj.has_previous():
                outcome.previous_url = page_url(page_obj.previous_page_number())
            if page_obj.has_next():
                outcome.next_url = page_url(page_obj.next_page_number())
            if page_obj.paginator.num_pages > 1:
                for number in page_obj.paginator.get_elided_page_range(
                    page_obj.number, on_each_side=1, on_ends=1
                ):
                    if number == page_obj.paginator.ELLIPSIS:
                        outcome.page_links.append(PageLink(number=None))
                    else:
                        outcome.page_links.append(
                            PageLink(
                                number=number,
                                url=page_url(number),
                                current=number == page_obj.number,
                            )
                        )
            this_page = params + ([("page", str(page_obj.number))] if page_obj.number > 1 else [])
            if this_page:
                outcome.return_param = urlencode({RETURN_PARAM: urlencode(this_page)})
        outcome.clear_url = self.directory.get_url(self.request) or "?"


def results_url(query: str) -> str:
    """The directory URL (relative to a provider page) for the search a person came from.

    ``query`` is the value of the RETURN_PARAM the result link carried; only the directory's own
    parameters are kept, so the link cannot be turned to point anywhere else.
    """
    from .models import ProviderDirectoryPage

    known = set(ProviderDirectoryPage.cache_query_params)
    data = QueryDict(query[:2000])
    kept = [
        (k, v)
        for k, values in data.lists()
        if k in known
        for v in values[:50]
        if "\x00" not in v and len(v) <= 100
    ]
    return "../" + ("?" + urlencode(kept) if kept else "") + RESULTS_ANCHOR
