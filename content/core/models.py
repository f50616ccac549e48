"""Shared models: people, site settings, abstract page mixins, the home and standard pages."""

import datetime
import math

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import PRIMARY_REFERENCE_KINDS, BodyStreamBlock, ReferencesBlock


def one_year_after(day: datetime.date) -> datetime.date:
    """The same calendar day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


WORDS_PER_MINUTE = 200


@register_snippet
class Person(TranslatableMixin, index.Indexed, models.Model):
    """An author or clinical reviewer shown on health pages."""

    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=120, help_text="Degrees and licences, e.g. 'MD, board-certified psychiatrist'."
    )
    job_title = models.CharField(max_length=120, blank=True)
    bio = models.TextField(blank=True, max_length=600)
    email = models.EmailField(
        blank=True, help_text="Internal only: where review reminders are sent. Never shown."
    )
    is_sample = models.BooleanField(
        "sample data", default=False, help_text="Fictional person used in demo content."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("job_title"),
        FieldPanel("bio"),
        FieldPanel("email"),
        FieldPanel("is_sample"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


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
        help_text="Shown at the top of every page.",
    )
    booking_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page with the appointment request form (linked from provider pages).",
    )
    disclaimer = models.TextField(
        default=(
            "This information does not replace advice from your own clinician. "
            "If you are worried about your health, talk to a doctor."
        )
    )

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
            [FieldPanel("crisis_text"), FieldPanel("disclaimer")], heading="Safety text"
        ),
        FieldPanel("booking_page"),
    ]

    class Meta:
        verbose_name = "clinic settings"

    @property
    def phone_href(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}"


class BasePage(Page):
    """Fields every public page has: a summary used for listings and the meta description."""

    summary = models.CharField(
        max_length=160,
        blank=True,
        help_text="One or two plain sentences (160 characters at most). Also used in search results.",
    )

    promote_panels = [*Page.promote_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary


class ClinicalReviewMixin(models.Model):
    """Authorship, clinical review dates and references for health content."""

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

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("clinical_reviewer"),
                FieldPanel("last_reviewed"),
                FieldPanel("next_review_due"),
            ],
            heading="Authorship and clinical review",
        ),
        FieldPanel("references"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if self.last_reviewed and self.next_review_due:
            if self.next_review_due <= self.last_reviewed:
                errors["next_review_due"] = "The next review must be after the last review."
            elif self.next_review_due > one_year_after(self.last_reviewed):
                errors["next_review_due"] = (
                    "The next review must be within 12 months of the last review."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def primary_reference_count(self):
        return sum(1 for ref in self.references if ref.value.get("kind") in PRIMARY_REFERENCE_KINDS)

    @property
    def review_overdue(self):
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())


def _stream_text(value) -> str:
    """All text in a block value, without rendering it (no database lookups)."""
    if isinstance(value, str):
        return strip_tags(value)
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
    intro = RichTextField(features=["bold", "italic", "link"], blank=True)
    body = StreamField(BodyStreamBlock(), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

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
