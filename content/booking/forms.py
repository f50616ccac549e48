"""The fixed booking form (not Wagtail's form builder: editors cannot add health questions)."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from .fields import EmailAddressField, NoteField, PracticeChoiceField, SingleLineField
from .models import BookingRequest
from .validators import normalize_phone

PROVIDERS_APP = "content.providers"


def provider_queryset():
    """Practices that take requests through this site (grouped by city in the choice list), in
    the active language, or None when the provider directory is not installed."""
    if not apps.is_installed(PROVIDERS_APP):
        return None
    try:
        provider_model = apps.get_model("providers", "ProviderPage")
    except LookupError:
        return None
    # The practices in the reader's language (each Spanish practice page is a translation of
    # an English one): the form lists each practice once, under the name the reader sees.
    return provider_model.objects.taking_requests().filter(locale=Locale.get_active())


def request_language() -> str:
    """The language the form is being filled in (one of settings.LANGUAGES), for the
    acknowledgement email."""
    try:
        return translation.get_supported_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


# Django fills in limit_value (the field's limit) and show_value (the length that was sent).
class BookingForm(forms.Form):
    name = SingleLineField(
        label=_("Your name"),
        max_length=100,
        error_messages={
            "required": _("Enter your name."),
            "max_length": _(
                "Please shorten your name to %(limit_value)d characters or fewer; "
                "it has %(show_value)d."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = EmailAddressField(
        label=_("Email address"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an email address in the right format, like name@example.com."),
            "max_length": _(
                "Please shorten your email address to %(limit_value)d characters or fewer; "
                "it has %(show_value)d."
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = SingleLineField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        error_messages={
            "max_length": _(
                "Please shorten your phone number to %(limit_value)d characters or fewer; "
                "it has %(show_value)d."
            )
        },
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    contact_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=BookingRequest.ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how we should contact you."),
            "invalid_choice": _("Choose how we should contact you."),
        },
    )
    voicemail_ok = forms.BooleanField(label=_("It is OK to leave a voicemail"), required=False)
    text_ok = forms.BooleanField(label=_("It is OK to send a text message"), required=False)
    kind = forms.ChoiceField(
        label=_("What do you need?"),
        choices=BookingRequest.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you want an appointment or have a question."),
            "invalid_choice": _("Choose whether you want an appointment or have a question."),
        },
    )
    preferred_provider = PracticeChoiceField(
        label=_("Preferred provider (optional)"),
        queryset=Page.objects.none(),
        required=False,
        empty_label=_("No preference"),
        error_messages={
            "invalid_choice": _("Choose a provider from the list, or choose 'No preference'."),
        },
    )
    preferred_times = SingleLineField(
        label=_("Days and times that suit you (optional)"),
        help_text=_("For example: weekday mornings, or Tuesday after 3pm."),
        required=False,
        max_length=200,
        error_messages={
            "max_length": _(
                "Please shorten the days and times to %(limit_value)d characters or fewer; "
                "it has %(show_value)d."
            )
        },
    )
    note = NoteField(
        label=_("Short note (optional)"),
        help_text=_(
            "Up to 500 characters. Please do not include medical details. "
            "We will talk about those with you."
        ),
        required=False,
        max_length=500,
        error_messages={
            "max_length": _(
                "Please shorten your note to %(limit_value)d characters or fewer; "
                "it has %(show_value)d."
            )
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent_to_contact = forms.BooleanField(
        label=_("I agree that the clinic may contact me about this request"),
        error_messages={"required": _("Tick the box to agree that we can contact you.")},
    )
    privacy_acknowledged = forms.BooleanField(
        label=_("I have read the privacy notice"),
        error_messages={"required": _("Tick the box to say you have read the privacy notice.")},
    )
    acknowledge = forms.BooleanField(
        label=_("Email me to confirm that my request arrived"),
        help_text=_(
            "Only if you gave an email address. The email has your reference number and "
            "nothing you wrote."
        ),
        required=False,
        initial=True,
    )
    # The honeypot (spam.HONEYPOT_FIELD) is not a form field: the template writes it with a
    # meaningless name and id, and views.py reads it from the POST data.
    started = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    # The order of the fields in the error summary matches the page.
    CONTACT_FIELDS = ("email", "phone", "contact_method", "voicemail_ok", "text_ok")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        providers = provider_queryset()
        if providers is None:
            del self.fields["preferred_provider"]
        else:
            # The iterator first: setting the queryset hands the choices to the widget.
            self.fields["preferred_provider"].iterator = providers.model.choice_iterator
            self.fields["preferred_provider"].queryset = providers

    @property
    def has_provider_field(self):
        return "preferred_provider" in self.fields

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        if not value:
            return ""
        return normalize_phone(value)

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        phone = cleaned.get("phone")
        method = cleaned.get("contact_method")
        email_ok = "email" not in self.errors
        phone_ok = "phone" not in self.errors
        if email_ok and phone_ok and not email and not phone:
            self.add_error(
                "email", _("Enter an email address or a phone number so we can reach you.")
            )
        elif method == BookingRequest.ContactMethod.EMAIL and email_ok and not email:
            self.add_error(
                "email", _("Enter your email address, or choose another way to reach you.")
            )
        elif method == BookingRequest.ContactMethod.PHONE and phone_ok and not phone:
            self.add_error(
                "phone", _("Enter your phone number, or choose another way to reach you.")
            )
        elif method == BookingRequest.ContactMethod.TEXT and phone_ok and not phone:
            self.add_error(
                "phone",
                _(
                    "Enter a mobile phone number for text messages, or choose another way to "
                    "reach you."
                ),
            )
        # A text message is sent only when the person allowed it: never tick the box for them.
        if method == BookingRequest.ContactMethod.TEXT and not cleaned.get("text_ok"):
            self.add_error(
                "text_ok",
                _("Tick 'It is OK to send a text message', or choose another way to reach you."),
            )
        return cleaned

    def annotate_widgets(self):
        """aria-describedby for hints and errors, aria-invalid on fields with errors."""
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}-hint")
            if self.is_bound and name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
                if not isinstance(field.widget, forms.RadioSelect):
                    described.append(f"{bound.auto_id}-error")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def error_summary(self):
        """(field id, message) pairs in page order, for the summary at the top of the form."""
        items = []
        for message in self.non_field_errors():
            items.append(("", message))
        for name, field in self.fields.items():
            if name in self.errors:
                bound = self[name]
                target = bound.auto_id
                if isinstance(field.widget, forms.RadioSelect):
                    target = f"{bound.auto_id}_0"
                for message in self.errors[name]:
                    items.append((target, message))
        return items

    def to_request(self) -> BookingRequest:
        data = self.cleaned_data
        return BookingRequest(
            name=data["name"],
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            contact_method=data["contact_method"],
            voicemail_ok=data.get("voicemail_ok", False),
            text_ok=data.get("text_ok", False),
            kind=data["kind"],
            preferred_provider=data.get("preferred_provider"),
            preferred_times=data.get("preferred_times", ""),
            note=data.get("note", ""),
            consent_to_contact=data["consent_to_contact"],
            privacy_acknowledged=data["privacy_acknowledged"],
            acknowledge_by_email=bool(data.get("acknowledge") and data.get("email")),
            # The acknowledgement email is written in the language the form was sent in.
            language=request_language(),
        )


def validate_transition(old, new):
    """Requests move forward (new → contacted → scheduled → closed) or to spam; spam can reopen."""
    order = [s.value for s in BookingRequest.Status if s != BookingRequest.Status.SPAM]
    spam = BookingRequest.Status.SPAM
    if old == new or new == spam:
        return
    if old == spam and new == BookingRequest.Status.NEW:
        return
    if old != spam and new in order and order.index(new) > order.index(old):
        return
    old_label = BookingRequest.Status(old).label
    new_label = BookingRequest.Status(new).label
    raise ValidationError(f"A request cannot go from '{old_label}' back to '{new_label}'.")
