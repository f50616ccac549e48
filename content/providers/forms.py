"""The directory's filter form: plain GET parameters, so a search can be bookmarked."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import geo

RADIUS_CHOICES = [
    (10, _("10 miles")),
    (25, _("25 miles")),
    (50, _("50 miles")),
    (100, _("100 miles")),
]
DEFAULT_RADIUS = 25
SORT_CHOICES = [
    ("distance", _("Nearest first")),
    ("name", _("Name (A to Z)")),
    ("accepting", _("Accepting new patients first")),
]
VISIT_CHOICES = [
    ("", _("In person or telehealth")),
    ("in_person", _("In person")),
    ("telehealth", _("Telehealth (video or phone)")),
]


class YesCheckbox(forms.CheckboxInput):
    """A checkbox that submits 'yes' and passes any other value on to be rejected."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda value: value == "yes")

    def format_value(self, value):
        return "yes"

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class DirectoryFilterForm(forms.Form):
    location = forms.CharField(
        label=_("ZIP code or city"),
        required=False,
        max_length=100,
        help_text=_("For example 94612 or Oakland, CA."),
        error_messages={
            "max_length": _("Enter a ZIP code or a city name (100 characters at most).")
        },
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "text"}),
    )
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        choices=RADIUS_CHOICES,
        coerce=int,
        required=False,
        empty_value=DEFAULT_RADIUS,
        error_messages={
            "invalid_choice": _("Choose 10, 25, 50 or 100 miles. We searched within 25 miles.")
        },
    )
    treatment = forms.MultipleChoiceField(
        label=_("Treatment"), required=False, widget=forms.CheckboxSelectMultiple
    )
    condition = forms.MultipleChoiceField(
        label=_("Condition"), required=False, widget=forms.CheckboxSelectMultiple
    )
    insurance = forms.MultipleChoiceField(
        label=_("Insurance or payment"), required=False, widget=forms.CheckboxSelectMultiple
    )
    visit = forms.ChoiceField(
        label=_("How you want to be seen"),
        choices=VISIT_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Choose in person, telehealth, or either.")},
    )
    language = forms.MultipleChoiceField(
        label=_("Language"), required=False, widget=forms.CheckboxSelectMultiple
    )
    accepting = forms.ChoiceField(
        label=_("Only show providers accepting new patients"),
        choices=[("yes", "yes")],
        required=False,
        widget=YesCheckbox,
        error_messages={"invalid_choice": _("This box can only be ticked or left empty.")},
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        required=False,
        error_messages={
            "invalid_choice": _("Choose nearest first, name, or accepting new patients first.")
        },
    )

    TAXONOMY_FIELDS = ("treatment", "condition", "insurance", "language")
    UNKNOWN_TERM = {
        "treatment": _("We do not list that treatment. Choose from the list."),
        "condition": _("We do not list that condition. Choose from the list."),
        "insurance": _("We do not list that insurance or payment. Choose from the list."),
        "language": _("We do not list that language. Choose from the list."),
    }
    # Errors that only make us fall back to a default (said in the message); any other error
    # means we cannot run the search the person asked for, so no list is shown.
    FALLBACK_FIELDS = ("radius", "sort")

    def __init__(self, data, *, terms: dict[str, list]):
        """``terms`` maps each taxonomy field to its terms (already loaded, one query each)."""
        super().__init__(data)
        self.terms = {name: {t.slug: t for t in items} for name, items in terms.items()}
        for name in self.TAXONOMY_FIELDS:
            field = self.fields[name]
            field.choices = [(t.slug, t.name) for t in terms[name]]
            field.error_messages["invalid_choice"] = self.UNKNOWN_TERM[name]

    def clean_location(self):
        text = self.cleaned_data["location"].strip()
        if not text:
            self.place = None
            return ""
        try:
            self.place = geo.resolve_place(text)
        except geo.PlaceAmbiguous as exc:
            self.place_choices = exc.places[: self.MAX_PLACE_CHOICES]
            raise forms.ValidationError(str(exc)) from exc
        except geo.PlaceNotFound as exc:
            self.place = None
            raise forms.ValidationError(str(exc)) from exc
        return text

    MAX_PLACE_CHOICES = 30

    def full_clean(self):
        self.place = None
        self.place_choices: list[geo.Place] = []
        super().full_clean()
        for name, field in self.fields.items():
            if name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
                described = [f"id_{name}_error"]
                if field.help_text:
                    described.append(f"id_{name}_helptext")
                field.widget.attrs["aria-describedby"] = " ".join(described)

    @property
    def blocks_results(self) -> bool:
        """True when part of the search cannot be understood: we show no list rather than a
        list that ignores what the person asked for."""
        return any(name not in self.FALLBACK_FIELDS for name in self.errors)

    def chosen_terms(self, name) -> list:
        """The chosen term objects for a taxonomy field, in the field's order."""
        slugs = set(getattr(self, "cleaned_data", {}).get(name) or ())
        return [term for slug, term in self.terms[name].items() if slug in slugs]
