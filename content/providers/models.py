"""The provider directory: taxonomy snippets, the directory page and one page per practice."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, gettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index

from content.core.models import BasePage
from content.core.phone import tel_href

from . import geo
from .admin_forms import ProviderPageForm
from .choices import CityGroupedChoiceIterator
from .forms import DirectoryFilterForm


class TaxonomyBase(TranslatableMixin, models.Model):
    """A named, ordered term patients filter by. The slug is what search links use."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=60, help_text="Used in search links; keep it stable.")
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    # Site search suggests spellings from these names (content.sitesearch.vocabulary).
    site_search_vocabulary_field = "name"

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class Treatment(TaxonomyBase):
    """A way KAP is given (IV, IM, esketamine nasal spray, oral) or integration therapy only."""

    description = models.CharField(max_length=240, blank=True)

    panels = [*TaxonomyBase.panels, FieldPanel("description")]

    class Meta(TaxonomyBase.Meta):
        verbose_name = "treatment"


class Condition(TaxonomyBase):
    class Meta(TaxonomyBase.Meta):
        verbose_name = "condition"


class InsuranceOption(TaxonomyBase):
    """A health plan, self-pay or a sliding scale."""

    class Kind(models.TextChoices):
        PLAN = "plan", "Insurance plan"
        SELF_PAY = "self_pay", "Self-pay"
        SLIDING_SCALE = "sliding_scale", "Sliding scale"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PLAN)

    panels = [*TaxonomyBase.panels, FieldPanel("kind")]

    class Meta(TaxonomyBase.Meta):
        verbose_name = "insurance or payment option"


class Language(TaxonomyBase):
    code = models.CharField(max_length=12, blank=True, help_text="Language tag, e.g. 'es'.")

    panels = [*TaxonomyBase.panels, FieldPanel("code")]

    class Meta(TaxonomyBase.Meta):
        verbose_name = "language"


class ProviderDirectoryPage(BasePage):
    """The searchable list of providers (one per site, at /find-a-provider/)."""

    intro = models.TextField(blank=True, max_length=600)
    results_note = models.TextField(
        blank=True,
        max_length=600,
        help_text="Shown under the results, e.g. how listings are checked.",
    )

    parent_page_types = ["core.HomePage"]
    subpage_types = ["providers.ProviderPage"]
    # One per home page, that is one per language (the Spanish home has its own).
    max_count_per_parent = 1
    # The query parameters this page reads: the whole-page cache keys on these only.
    cache_query_params = (*DirectoryFilterForm.base_fields, "page")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("results_note")]

    class Meta:
        verbose_name = "provider directory"

    def get_providers(self):
        return ProviderPage.objects.live().public().child_of(self)

    def robots_noindex(self, request) -> bool:
        """Filtered and paginated variants are not indexed; the plain directory is canonical."""
        return bool(request is not None and request.GET)

    def get_context(self, request, *args, **kwargs):
        from .search import DirectorySearch

        context = super().get_context(request, *args, **kwargs)
        context["search"] = DirectorySearch(self, request).run()
        return context


class ProviderPageQuerySet(PageQuerySet):
    def taking_requests(self):
        """Live, public practices that take appointment requests through this site's form and
        accept new patients (the clinic's own locations), ordered by city then name."""
        return (
            self.live()
            .public()
            .filter(takes_requests_here=True, accepting_new_patients=True)
            .order_by("city", "title")
        )


ProviderPageManager = PageManager.from_queryset(ProviderPageQuerySet)


class ProviderPage(BasePage):
    """One practice location, with the clinicians who work there."""

    street_address = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(
        max_length=2, blank=True, choices=sorted(geo.US_STATES.items(), key=lambda kv: kv[1])
    )
    postal_code = models.CharField("ZIP code", max_length=10, blank=True)
    latitude = models.FloatField(
        null=True, blank=True, help_text="Leave blank to use the middle of the ZIP code area."
    )
    longitude = models.FloatField(null=True, blank=True)
    phone = models.CharField(max_length=30)
    website = models.URLField(blank=True)
    hours_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shown under the opening hours, e.g. 'Pacific time' or 'Evenings by appointment'.",
    )
    accessibility_notes = models.TextField(blank=True, max_length=1000)

    treatments = ParentalManyToManyField(Treatment, blank=True, related_name="providers")
    treatments_not_offered = ParentalManyToManyField(
        Treatment,
        blank=True,
        related_name="+",
        help_text="Treatments patients often ask about that this practice does not offer.",
    )
    conditions = ParentalManyToManyField(Condition, blank=True, related_name="providers")
    insurance = ParentalManyToManyField(InsuranceOption, blank=True, related_name="providers")
    languages = ParentalManyToManyField(Language, blank=True, related_name="providers")

    in_person = models.BooleanField("sees patients in person", default=True)
    telehealth = models.BooleanField("offers telehealth", default=False)
    accepting_new_patients = models.BooleanField(default=True)
    takes_requests_here = models.BooleanField(
        "takes appointment requests through this website",
        default=False,
        help_text=(
            "Tick only for the clinic's own locations: requests sent with this website's form "
            "go to our intake team. Other practices show their phone number and website instead."
        ),
    )
    is_sample = models.BooleanField(
        "sample data", default=False, help_text="Fictional practice used in demo content."
    )

    objects = ProviderPageManager()
    # Site search lists practices after articles, with their city and treatments; a query that
    # names a treatment also lists the practices offering it (content.sitesearch.listings).
    site_search_label = gettext_lazy("Practice")
    # Site search lists practices offering a treatment the query names (sitesearch/listings.py).
    site_search_listing_heading = gettext_lazy("Providers that offer %(term)s")
    site_search_rank = 1
    site_search_prefetch = ("treatments",)
    site_search_listed_by = "treatments"
    base_form_class = ProviderPageForm
    # A result link carries the search it came from, for the "Back to results" link.
    cache_query_params = ("search",)
    # How a form lists practices (grouped by city): see choices.py.
    choice_iterator = CityGroupedChoiceIterator

    parent_page_types = ["providers.ProviderDirectoryPage"]
    subpage_types = []
    route_prefetch_related = (
        "opening_hours",
        "telehealth_states",
        "treatments",
        "treatments_not_offered",
        "conditions",
        "insurance",
        "languages",
        "clinicians",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("state"), FieldPanel("postal_code")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Address",
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("website"),
                FieldPanel("accessibility_notes"),
            ],
            heading="Contact and access",
        ),
        MultiFieldPanel(
            [
                InlinePanel("opening_hours", label="Day"),
                FieldPanel("hours_note"),
            ],
            heading="Opening hours",
        ),
        MultiFieldPanel(
            [
                FieldPanel("in_person"),
                FieldPanel("telehealth"),
                InlinePanel("telehealth_states", label="State", heading="Telehealth states"),
                FieldPanel("accepting_new_patients"),
                FieldPanel("takes_requests_here"),
            ],
            heading="How patients are seen",
        ),
        MultiFieldPanel(
            [
                FieldPanel("treatments", widget=forms.CheckboxSelectMultiple),
                FieldPanel("treatments_not_offered", widget=forms.CheckboxSelectMultiple),
                FieldPanel("conditions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("insurance", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Care offered",
        ),
        InlinePanel("clinicians", label="Clinician", heading="Clinicians"),
        FieldPanel("is_sample"),
    ]
    promote_panels = [*Page.promote_panels, *BasePage.translation_panels]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("city"),
        index.FilterField("state"),
    ]

    class Meta:
        verbose_name = "provider"

    def clean(self):
        super().clean()
        # In the admin the states come from the inline rows, checked by ProviderPageForm.
        self.clean_listing(states=None)

    @staticmethod
    def telehealth_states_error(telehealth: bool, states: list[str]) -> str:
        """The one rule for telehealth states (the admin form and the CSV import use it)."""
        if telehealth and not states:
            return "List the states where telehealth is offered."
        if len(states) != len(set(states)):
            return "Each state once, please."
        return ""

    def clean_listing(self, states: list[str] | None):
        """Rules for a listing that do not depend on the page tree (also used by the CSV import).

        ``states`` are the telehealth state codes when they are known here (the import);
        None when a form checks them (the admin's inline rows)."""
        errors: dict[str, str] = {}
        self.postal_code = (self.postal_code or "").strip()
        if states is not None:
            message = self.telehealth_states_error(self.telehealth, states)
            if message:
                errors["telehealth_states"] = message
        offered = {t.pk for t in self.treatments.all()}
        clash = [t.name for t in self.treatments_not_offered.all() if t.pk in offered]
        if clash:
            errors["treatments_not_offered"] = (
                f"Listed as both offered and not offered: {', '.join(clash)}."
            )
        if not self.in_person and not self.telehealth:
            errors["in_person"] = "Choose in person, telehealth, or both."
        if self.postal_code and not geo.ZIP_RE.match(self.postal_code):
            errors["postal_code"] = "Enter a 5-digit ZIP code."
        if (self.latitude is None) != (self.longitude is None):
            errors["latitude"] = "Enter both latitude and longitude, or neither."
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = "Latitude must be between -90 and 90."
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = "Longitude must be between -180 and 180."
        if self.in_person:
            for name in ("street_address", "city", "state", "postal_code"):
                if not getattr(self, name) and name not in errors:
                    errors[name] = "Needed when patients are seen in person."
            if self.latitude is None and self.postal_code and "postal_code" not in errors:
                place = geo.lookup_zip(self.postal_code)
                if place is None:
                    errors["postal_code"] = "We could not find this ZIP code."
                else:
                    self.latitude, self.longitude = place.latitude, place.longitude
        if errors:
            raise ValidationError(errors)

    def search_result_details(self) -> list[str]:
        """Where the practice is and what it offers, for site search results (treatments are
        prefetched by the search page)."""
        place = f"{self.city}, {self.state}" if self.city else gettext("Telehealth only")
        details = [place]
        names = [t.name for t in self.treatments.all()]
        if names:
            details.append(gettext("Offers: %(treatments)s") % {"treatments": "; ".join(names)})
        return details

    @property
    def telehealth_state_list(self) -> list[str]:
        return sorted(row.state for row in self.telehealth_states.all())

    @property
    def telehealth_state_names(self) -> list[str]:
        return [geo.US_STATES.get(code, code) for code in self.telehealth_state_list]

    @property
    def opening_hours_spans(self) -> list:
        """Opening hours grouped for display and JSON-LD: 'Monday to Friday', '9am to 5pm'."""
        from .hours import spans

        return spans(self.opening_hours.all())

    @property
    def has_address(self) -> bool:
        return bool(self.street_address and self.city)

    @property
    def full_address(self) -> str:
        parts = [self.street_address, self.city, f"{self.state} {self.postal_code}".strip()]
        return ", ".join(p for p in parts if p)

    @property
    def directions_url(self) -> str:
        """An external directions link (no map is embedded on our pages)."""
        return "https://www.google.com/maps/dir/?" + urlencode(
            {"api": "1", "destination": self.full_address}
        )

    @property
    def phone_href(self) -> str:
        return tel_href(self.phone)

    @property
    def can_request_here(self) -> bool:
        """Whether patients can send an appointment request for this practice on this site."""
        return self.takes_requests_here and self.accepting_new_patients

    def booking_url(self, request=None) -> str:
        """The booking form with this provider pre-selected, or '' when this practice does not
        take requests through this site (or no booking page is configured)."""
        from content.core.models import ClinicSettings

        if not self.can_request_here:
            return ""

        settings = ClinicSettings.for_request(request) if request else ClinicSettings.load(request)
        booking = settings.booking_page
        if booking is None or not booking.live:
            return ""
        url = booking.get_url(request)
        return f"{url}?provider={self.pk}" if url else ""

    def structured_data(self, request) -> list[dict]:
        """MedicalClinic with address, geo, hours, services and clinicians, plus breadcrumbs."""
        from content.core.structured_data import practice_location_structured_data

        return practice_location_structured_data(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .search import RETURN_PARAM, results_url

        context["booking_url"] = self.booking_url(request)
        back = request.GET.get(RETURN_PARAM, "") if request is not None else ""
        context["results_url"] = results_url(back) if back else ""
        context["clinician_list"] = list(self.clinicians.all())
        return context


class OpeningHours(Orderable):
    """When a practice is open on one day of the week (add a row per day)."""

    class Day(models.IntegerChoices):
        MONDAY = 1, "Monday"
        TUESDAY = 2, "Tuesday"
        WEDNESDAY = 3, "Wednesday"
        THURSDAY = 4, "Thursday"
        FRIDAY = 5, "Friday"
        SATURDAY = 6, "Saturday"
        SUNDAY = 7, "Sunday"

    page = ParentalKey(ProviderPage, on_delete=models.CASCADE, related_name="opening_hours")
    day = models.PositiveSmallIntegerField(choices=Day.choices)
    opens = models.TimeField()
    closes = models.TimeField(help_text="Use 00:00 for midnight.")

    panels = [FieldRowPanel([FieldPanel("day"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"

    def __str__(self):
        return f"{self.get_day_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        if self.opens is not None and self.closes is not None and self.opens == self.closes:
            raise ValidationError({"closes": "Closing time must differ from opening time."})


class TelehealthState(models.Model):
    """A state where a practice offers telehealth (its clinicians are licensed there)."""

    page = ParentalKey(ProviderPage, on_delete=models.CASCADE, related_name="telehealth_states")
    state = models.CharField(
        max_length=2, choices=sorted(geo.US_STATES.items(), key=lambda kv: kv[1])
    )

    panels = [FieldPanel("state")]

    class Meta:
        ordering = ["state"]
        verbose_name = "telehealth state"
        constraints = [
            models.UniqueConstraint(fields=["page", "state"], name="unique_telehealth_state")
        ]

    def __str__(self):
        return geo.US_STATES.get(self.state, self.state)


class Clinician(Orderable):
    """A clinician who works at a practice location."""

    class Role(models.TextChoices):
        PRESCRIBER = "prescriber", "Prescriber"
        KAP_THERAPIST = "kap_therapist", "KAP therapist"
        INTEGRATION_THERAPIST = "integration_therapist", "Integration therapist"

    page = ParentalKey(ProviderPage, on_delete=models.CASCADE, related_name="clinicians")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=30, choices=Role.choices)
    credentials = models.CharField(max_length=120, help_text="e.g. 'MD, psychiatrist'.")
    # Field names keep their original spelling (stored columns, CSV import headers); what staff
    # and patients read is US English.
    licence_type = models.CharField(
        "license type", max_length=80, help_text="e.g. 'Physician and surgeon'."
    )
    licence_number = models.CharField("license number", max_length=40)
    licence_state = models.CharField(
        "license state",
        max_length=2,
        blank=True,
        choices=sorted(geo.US_STATES.items(), key=lambda kv: kv[1]),
    )
    licence_verified_on = models.DateField(
        "license last verified", help_text="When staff last checked the license with the board."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("credentials"),
        FieldRowPanel(
            [FieldPanel("licence_type"), FieldPanel("licence_number"), FieldPanel("licence_state")]
        ),
        FieldPanel("licence_verified_on"),
    ]

    def __str__(self):
        return f"{self.name}, {self.credentials}"
