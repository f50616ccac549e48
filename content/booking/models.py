"""The booking page and the requests it stores.

A BookingRequest is personal, health-adjacent data: only the intake team can see it, it is
never e-mailed or logged, and it is deleted after ``BOOKING_RETENTION_DAYS`` (see retention.py).
"""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from content.core.models import BasePage

from .references import new_reference

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


# What the patient filled in, in the order of the form: shown, exported and purged together.
SUBMITTED_FIELDS = [
    "reference",
    "created_at",
    "name",
    "email",
    "phone",
    "contact_method",
    "voicemail_ok",
    "text_ok",
    "kind",
    "preferred_provider",
    "preferred_times",
    "note",
]


class BookingRequest(models.Model):
    class Kind(models.TextChoices):
        APPOINTMENT = "appointment", _("Appointment request")
        QUESTION = "question", _("Question")

    class ContactMethod(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        SCHEDULED = "scheduled", "Scheduled"
        CLOSED = "closed", "Closed"
        SPAM = "spam", "Spam"

    class NotificationStatus(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    reference = models.CharField(max_length=9, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    # What the patient sent (limits match the form).
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    contact_method = models.CharField(
        "preferred contact method", max_length=10, choices=ContactMethod.choices
    )
    voicemail_ok = models.BooleanField("voicemail is OK", default=False)
    text_ok = models.BooleanField("text message is OK", default=False)
    kind = models.CharField("what they need", max_length=20, choices=Kind.choices)
    preferred_provider = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A provider page, when the patient chose one.",
    )
    preferred_times = models.CharField("preferred days and times", max_length=200, blank=True)
    note = models.TextField(max_length=500, blank=True)
    consent_to_contact = models.BooleanField(default=False)
    privacy_acknowledged = models.BooleanField(default=False)
    acknowledge_by_email = models.BooleanField(
        "acknowledgement email requested",
        default=False,
        help_text="The patient asked for an email confirming that the request arrived.",
    )
    # The language the form was filled in: the acknowledgement email is written in it.
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        editable=False,
        help_text="The language of the page the request was sent from.",
    )
    # Set when the acknowledgement is claimed for sending (acknowledgements.py): at most one.
    acknowledgement_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Staff handling.
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    staff_notes = models.TextField(blank=True, max_length=5000, editable=False)

    # Notification to the intake address (no submitted data is ever in it).
    notification_status = models.CharField(
        max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    notification_attempts = models.PositiveSmallIntegerField(default=0)
    notification_error = models.CharField(max_length=200, blank=True)
    notification_updated_at = models.DateTimeField(default=timezone.now)
    notification_next_attempt_at = models.DateTimeField(null=True, blank=True)

    # Not in Wagtail's reference index: a provider page's "usage" must not list requests.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "booking request"
        verbose_name_plural = "booking requests"
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        # Used as the audit-log label: the reference only, never the person's details.
        return f"Request {self.reference}"

    def save_with_new_reference(self, attempts=5):
        """Save in its own transaction with a fresh unique reference (retrying on a collision)."""
        for attempt in range(attempts):
            self.reference = new_reference()
            try:
                with transaction.atomic():
                    self.save(force_insert=True)
                return self
            except IntegrityError:
                self.pk = None
                if attempt == attempts - 1:
                    raise
        return self


class BookingPage(RoutablePageMixin, BasePage):
    """The page with the appointment and contact request form."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    reply_time = models.CharField(
        max_length=120,
        default="within 2 business days",
        help_text="How soon the team replies, e.g. 'within 2 business days'.",
    )
    next_steps = RichTextField(
        "what happens next",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Shown on the form and on the confirmation page.",
    )

    parent_page_types = ["core.HomePage"]
    subpage_types = []
    # One per home page, that is one per language (the Spanish home has its own).
    max_count_per_parent = 1
    # Personal answers: never stored by a browser or a shared cache (SecurityHeadersMiddleware).
    cache_no_store = True
    # The confirmation step shows one person's reference: crawlers keep out (robots.txt).
    robots_disallow_subpaths = ("thanks/",)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("reply_time"),
        FieldPanel("next_steps"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "booking page"

    def robots_noindex(self, request) -> bool:
        """The confirmation step (a reference number for one person) is never indexed; the
        form itself keeps the normal head tags."""
        match = getattr(request, "routable_resolver_match", None)
        return bool(match and match.url_name == "confirmation_view")

    @path("")
    def form_view(self, request):
        from .views import booking_form

        return booking_form(request, self)

    @path("thanks/")
    def confirmation_view(self, request):
        from .views import booking_confirmation

        return booking_confirmation(request, self)


def retention_days():
    return int(settings.BOOKING_RETENTION_DAYS)
