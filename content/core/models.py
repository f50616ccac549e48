"""Shared models: people, site settings, abstract page mixins, the home and standard pages."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext, gettext_noop
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from . import citations as citation_markers
from .blocks import PRIMARY_REFERENCE_KINDS, BodyStreamBlock, ReferencesBlock
from .forms import ClinicalReviewPageForm
from .home_blocks import HomeStreamBlock
from .panels import EditorChecksPanel
from .phone import tel_href
from .review import next_review_problem, publication_problems

WORDS_PER_MINUTE = 200


@register_snippet
class Person(TranslatableMixin, index.Indexed, models.Model):
    """An author or clinical reviewer shown on health pages."""

    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=120, help_text="Degrees and licenses, e.g. 'MD, board-certified psychiatrist'."
    )
    job_title = models.CharField(max_length=120, blank=True)
    bio = models.TextField(blank=True, max_length=600)
    email = models.EmailField(
        blank=True, help_text="Internal only: where review reminders are sent. Never shown."
    )
    is_sample = models.BooleanField(
        "sample data", default=False, help_text="Fictional person used in demo content."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text="Internal only: the admin account of this person. A clinical reviewer's "
        "approval records this person as the page's reviewer.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("job_title"),
        FieldPanel("bio"),
        FieldPanel("email"),
        # Only administrators (who manage users) link an account: an approval by that account
        # names this person as the page's clinical reviewer.
        FieldPanel("user", heading="Admin account", permission="auth.change_user"),
        FieldPanel("is_sample"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


@register_snippet
class Fact(TranslatableMixin, index.Indexed, models.Model):
    """A fact that changes over time (FDA status, crisis numbers, prices), with its dates.

    Pages show it through the body's ``fact`` block, so a change here updates every page.
    Pages that use a fact past its recheck date appear in the "Content due for review" report.
    """

    text = models.CharField(max_length=300, help_text="One plain sentence, as readers see it.")
    source_url = models.URLField("source", help_text="Where the fact was checked.")
    verified_on = models.DateField("verified on", help_text="When someone last checked it.")
    recheck_on = models.DateField("recheck by", help_text="When it must be checked again.")

    panels = [
        FieldPanel("text"),
        FieldPanel("source_url"),
        FieldPanel("verified_on"),
        FieldPanel("recheck_on"),
    ]
    search_fields = [index.SearchField("text"), index.AutocompleteField("text")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["recheck_on"]
        verbose_name = "fact"

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.verified_on and self.recheck_on and self.recheck_on <= self.verified_on:
            raise ValidationError(
                {"recheck_on": "The recheck date must be after the verified date."}
            )

    @property
    def is_stale(self):
        return self.recheck_on < timezone.localdate()


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting):
    """Clinic details, crisis text and disclaimer shown on every page."""

    clinic_name = models.CharField(max_length=120, default="Bayview Ketamine Care (sample)")
    tagline = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=30, default="(510) 555-0142")
    email = models.EmailField(default="hello@example.com")
    street_address = models.CharField(max_length=200, blank=True)
    locality = models.CharField("city", max_length=100, blank=True)
    region = models.CharField("state", max_length=50, blank=True)
    postal_code = models.CharField("ZIP code", max_length=10, blank=True)
    opening_hours = models.CharField(
        max_length=200, blank=True, help_text="e.g. Monday to Friday, 9am to 5pm"
    )
    crisis_text = models.CharField(
        max_length=200,
        default="In crisis? Call or text 988 any time. In an emergency, call 911.",
        help_text="Shown at the top of every page, beside buttons that call the numbers below. "
        "It must mention both numbers.",
    )
    crisis_line = models.CharField(
        "crisis line number",
        max_length=20,
        default="988",
        help_text="Called or texted from every crisis link on the site.",
    )
    crisis_line_name = models.CharField(
        "crisis line name", max_length=80, default="Suicide and Crisis Lifeline"
    )
    emergency_number = models.CharField(max_length=20, default="911")
    booking_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page with the appointment request form (linked from provider pages).",
    )
    about_content_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="'About this information' page",
        help_text="How the site's health information is written, sourced and reviewed.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="privacy notice",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="accessibility statement",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The clinic's logo, used by search engines. A default mark is used if empty.",
    )
    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when a page is shared on social media (cropped to 1200 x 630).",
    )
    disclaimer = models.TextField(
        default=(
            "This information does not replace advice from your own clinician. "
            "If you are worried about your health, talk to a doctor."
        )
    )
    # The same wording for the Spanish edition (shown on /es/ pages; English when left empty).
    tagline_es = models.CharField("tagline (Spanish)", max_length=200, blank=True)
    opening_hours_es = models.CharField("opening hours (Spanish)", max_length=200, blank=True)
    crisis_text_es = models.CharField(
        "crisis text (Spanish)",
        max_length=200,
        blank=True,
        help_text="Shown on Spanish pages. It must mention both numbers, like the English text.",
    )
    disclaimer_es = models.TextField("disclaimer (Spanish)", blank=True)
    crisis_line_name_es = models.CharField("crisis line name (Spanish)", max_length=80, blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("clinic_name"), FieldPanel("tagline")], heading="Clinic"),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("street_address"),
                FieldPanel("locality"),
                FieldPanel("region"),
                FieldPanel("postal_code"),
                FieldPanel("opening_hours"),
            ],
            heading="Contact details",
        ),
        MultiFieldPanel(
            [
                FieldPanel("crisis_text"),
                FieldPanel("crisis_line"),
                FieldPanel("crisis_line_name"),
                FieldPanel("emergency_number"),
                FieldPanel("disclaimer"),
            ],
            heading="Safety text",
        ),
        MultiFieldPanel(
            [
                FieldPanel("tagline_es"),
                FieldPanel("opening_hours_es"),
                FieldPanel("crisis_text_es"),
                FieldPanel("crisis_line_name_es"),
                FieldPanel("disclaimer_es"),
            ],
            heading="Spanish edition",
            help_text="The clinic's wording on Spanish pages (/es/). Left empty, the English shows.",
        ),
        FieldPanel("booking_page"),
        MultiFieldPanel(
            [
                FieldPanel("about_content_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading="Footer links",
            help_text="Linked from the footer of every page, with 'Contact us' (the booking page).",
        ),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("default_social_image")],
            heading="Search engines and sharing",
        ),
    ]

    class Meta:
        verbose_name = "clinic settings"

    @classmethod
    def for_request(cls, request):
        """As Wagtail's, but read from the shared fragment cache: every page shows these
        settings, and a change to them starts a new fragment generation
        (content.performance.signal_handlers). The admin edits them through for_site."""
        from wagtail.models import Site

        from content.core import fragments

        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        site_settings = fragments.cached(
            f"clinic-settings:{site.pk}", lambda: cls.for_site(site), request=request
        )
        site_settings._request = request
        setattr(request, attr_name, site_settings)
        return site_settings

    def clean(self):
        """The crisis text beside the call buttons names the numbers the buttons call."""
        super().clean()
        errors = {}
        for field in ("crisis_text", "crisis_text_es"):
            text = getattr(self, field)
            if not text and field.endswith("_es"):
                continue
            missing = [n for n in (self.crisis_line, self.emergency_number) if n not in text]
            if missing:
                errors[field] = (
                    "The crisis text must mention "
                    + " and ".join(missing)
                    + ", the numbers its buttons call."
                )
        if errors:
            raise ValidationError(errors)

    TRANSLATED_TEXT = ("tagline", "opening_hours", "crisis_text", "crisis_line_name", "disclaimer")

    @property
    def text(self) -> dict[str, str]:
        """The clinic's wording in the active language (``{{ clinic.text.disclaimer }}``): the
        Spanish field on Spanish pages when it is filled in, else the English."""
        spanish = (get_language() or "").startswith("es")
        return {
            name: (getattr(self, f"{name}_es") if spanish else "") or getattr(self, name)
            for name in self.TRANSLATED_TEXT
        }

    FOOTER_LINKS = (
        ("about_content_page", gettext_noop("About this information")),
        ("booking_page", gettext_noop("Contact us")),
        ("privacy_page", gettext_noop("Privacy notice")),
        ("accessibility_page", gettext_noop("Accessibility statement")),
    )

    def footer_links(self, request=None) -> list[tuple[str, str]]:
        """(label, URL) for the footer's links to the pages chosen above, live ones only, in
        the active language where the page has a live translation, in two queries."""
        from .translation import in_active_language

        ids = {field: getattr(self, f"{field}_id") for field, _ in self.FOOTER_LINKS}
        pages = in_active_language([pk for pk in ids.values() if pk])
        links = []
        for field, label in self.FOOTER_LINKS:
            page = pages.get(ids[field])
            url = page.get_url(request) if page is not None else None
            if url:
                links.append((gettext(label), url))
        return links

    @property
    def phone_href(self):
        return tel_href(self.phone)


class BasePage(Page):
    """Fields every public page has: a summary used for listings and the meta description."""

    summary = models.CharField(
        max_length=160,
        blank=True,
        help_text="One or two plain sentences (160 characters at most). Also used in search results.",
    )

    # Spanish pages (content.core.translation): who translated the page, and when it was last
    # checked against the English; an English revision published later makes it stale.
    translator = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Spanish pages: who translated this page.",
    )
    source_checked_at = models.DateTimeField(
        "checked against the English version",
        null=True,
        blank=True,
        help_text="Spanish pages: when the translator last compared this page with the English "
        "one. Set it after every check; the 'Stale translations' report lists pages whose "
        "English changed since.",
    )

    translation_panels = [
        MultiFieldPanel(
            [FieldPanel("translator"), FieldPanel("source_checked_at")],
            heading="Translation",
        )
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("summary"), *translation_panels]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    # What this page type's template shows from other tables, fetched with the page when it is
    # routed to (see route()).
    route_select_related: tuple[str, ...] = ("locale",)
    route_prefetch_related: tuple[str, ...] = ()
    # Policies other apps read from the page type (never from its name):
    # query parameters the page reads (the page cache keys on these; content.performance),
    cache_query_params: tuple[str, ...] = ()
    # responses that must be `Cache-Control: no-store` (content.security),
    cache_no_store = False
    # sub-paths crawlers must not fetch, listed in robots.txt (content.core.views).
    robots_disallow_subpaths: tuple[str, ...] = ()
    # Site search (content.sitesearch) lists live pages of the types with a label ("Article"),
    # lower site_search_rank first, and fetches site_search_prefetch with the results it shows.
    site_search_label = ""
    site_search_rank = 0
    site_search_prefetch: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """Page.route with fewer queries; the same pages, 404s and view restrictions.

        Kept because tests/performance/test_images_and_queries.py::
        test_uncached_query_budget_with_fifty_articles fails with Wagtail's own route (checked
        in issue 21). Only Wagtail's public page API is used.

        Wagtail loads each page on the path twice (its row, then its specific row). Here a
        page that is only passed through is loaded as a deferred specific instance (its own
        fields are not needed to route), and when this page allows a single child type, the
        requested child is loaded in one query with what its template shows.
        """
        if not path_components:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        child = self._single_type_child(slug)
        if child is None:
            try:
                child = self.get_children().get(slug=slug)
            except Page.DoesNotExist as e:
                raise Http404 from e
            passed_through = child.specific_deferred
            if remaining and type(passed_through).route is BasePage.route:
                child = passed_through
            else:
                child = child.specific
        return child.route(request, remaining)

    def _single_type_child(self, slug):
        child_models = self.specific_class.allowed_subpage_models()
        if len(child_models) != 1:
            return None
        model = child_models[0]
        return (
            model.objects.child_of(self)
            .select_related(*getattr(model, "route_select_related", ()))
            .prefetch_related(*getattr(model, "route_prefetch_related", ()))
            .filter(slug=slug)
            .first()
        )

    @property
    def meta_description(self):
        return self.search_description or self.summary

    # Search engines and sharing (see content.core.templatetags.seo_tags and
    # content.core.structured_data).

    def robots_noindex(self, request) -> bool:
        """True when this page (for this request) must carry `noindex` and stay out of the sitemap.

        Override in page types with private or thin variants (a confirmation step, filtered or
        paginated listings).
        """
        return False

    def canonical_url(self, request) -> str:
        """The absolute URL search engines should index for this page (no query string)."""
        return self.get_full_url(request)

    def search_result_details(self) -> list[str]:
        """Short facts shown under this page's summary in site search results."""
        return []

    def social_image(self):
        """The Wagtail image for Open Graph cards: the page's lead image (the first image block
        of its body), or None to use the site default. Reads the stored blocks, so a page
        without an image costs no query."""
        from wagtail.images import get_image_model

        body = getattr(self, "body", None)
        for block in body.raw_data if body is not None else ():
            if block.get("type") == "image" and (block.get("value") or {}).get("image"):
                return get_image_model().objects.filter(pk=block["value"]["image"]).first()
        return None

    def structured_data(self, request) -> list[dict]:
        """JSON-LD objects describing this page. Page types extend this list."""
        from .structured_data import page_structured_data

        return page_structured_data(self, request)

    def get_sitemap_urls(self, request=None):
        """This page's sitemap entry, with an ``alternates`` list of
        ``{"lang_code", "location"}`` for each language it is published in (itself included) and
        ``x-default`` for the English page: the same set as the hreflang links in its <head>.
        The groups come from one query per request (translation.translation_groups); a
        translation has this page's type, so it is indexable when this page is."""
        if self.robots_noindex(request):
            return []
        from . import translation

        urls = super().get_sitemap_urls(request)
        group = translation.translation_groups(request).get(self.translation_key, {})
        alternates = []
        for language_code in sorted(group):
            location = group[language_code].get_full_url(request)
            if not location:
                continue
            alternates.append(
                {"lang_code": translation.hreflang(language_code), "location": location}
            )
            if language_code == translation.default_language():
                alternates.append({"lang_code": "x-default", "location": location})
        for url in urls:
            url["alternates"] = alternates
        return urls


class ClinicalReviewMixin(models.Model):
    """Authorship, clinical review dates and references for health content.

    Publishing or sending for review is gated (see ``content.core.forms``): drafts can be
    saved incomplete, but not published without everything ``publication_problems`` checks.
    """

    author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    clinical_reviewer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(
        null=True, blank=True, help_text="At most 12 months after the last review."
    )
    references = StreamField(ReferencesBlock(), blank=True)

    base_form_class = ClinicalReviewPageForm

    review_panels = [
        EditorChecksPanel(heading="Editor checks (warnings)"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                # Set by a clinical reviewer's approval, never typed (content.governance).
                FieldPanel("clinical_reviewer", read_only=True),
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review_due", read_only=True),
            ],
            heading="Authorship and clinical review",
            help_text="A clinical reviewer's approval records who reviewed the page and when.",
        ),
        FieldPanel("references"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        problem = next_review_problem(self.last_reviewed, self.next_review_due)
        if problem:
            errors["next_review_due"] = problem
        unknown = citation_markers.unknown_keys(
            list(self.citable_body().raw_data), self.reference_keys()
        )
        if unknown:
            errors["body"] = (
                "These reference markers name no reference on this page: "
                + ", ".join(citation_markers.marker(key) for key in unknown)
                + ". Add a reference with that key under References, or correct the marker."
            )
        if errors:
            raise ValidationError(errors)

    def citable_body(self):
        """The StreamField whose reference markers cite this page's references."""
        return self.body

    def reference_keys(self) -> list[str]:
        return [ref.value.get("key") for ref in self.references if ref.value.get("key")]

    @cached_property
    def citations(self) -> citation_markers.Citations:
        """References numbered by first citation in the body (see content.core.citations)."""
        return citation_markers.Citations(self.references, list(self.citable_body().raw_data))

    def publication_problems(self, action="publish") -> dict[str, str]:
        return publication_problems(
            action=action,
            author=self.author,
            clinical_reviewer=self.clinical_reviewer,
            last_reviewed=self.last_reviewed,
            next_review_due=self.next_review_due,
            references=self.references,
        )

    def structured_data(self, request) -> list[dict]:
        """Health pages describe themselves as a MedicalWebPage (see structured_data.py)."""
        from .structured_data import medical_web_page

        return medical_web_page(self, request)

    @property
    def primary_reference_count(self):
        return sum(1 for ref in self.references if ref.value.get("kind") in PRIMARY_REFERENCE_KINDS)

    @property
    def review_overdue(self):
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())


def _stream_text(value) -> str:
    """All text in a block value, without rendering it (no database lookups)."""
    if isinstance(value, str):
        return citation_markers.MARKER_RE.sub("", strip_tags(value))
    if isinstance(value, dict):
        return " ".join(_stream_text(v) for v in value.values())
    if isinstance(value, list | tuple):
        return " ".join(_stream_text(v) for v in value)
    return ""


def reading_minutes(stream_value) -> int:
    """Whole minutes to read a StreamField's text at an unhurried pace."""
    words = len(_stream_text(list(stream_value.raw_data)).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


class HomePage(BasePage):
    """The front door: sections an editor arranges (lead, start-here cards, topics, find care,
    crisis help, clinic details; see home_blocks.py)."""

    body = StreamField(HomeStreamBlock(), blank=True, verbose_name="sections")

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = "home page"


class StandardPage(BasePage):
    """A plain page such as About, Privacy or the Accessibility statement."""

    body = StreamField(BodyStreamBlock())

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = "standard page"
