"""Validate and import providers (and their clinicians) from CSV files.

Every row of both files is validated before anything is written; any error means nothing is
written. Errors name the file, the row (the header is row 1, as in a spreadsheet) and the column.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from . import geo, hours
from .models import (
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

# column -> what it holds (printed by `import_providers --help` and in the README)
PROVIDER_COLUMNS = {
    "slug": "required; the page's web address part, e.g. 'oakland-harbor-kap'. An existing slug is updated.",
    "name": "required; practice name shown as the page title.",
    "summary": "one or two sentences, 160 characters at most.",
    "street_address": "required when in_person is yes.",
    "city": "required when in_person is yes.",
    "state": "two-letter state code; required when in_person is yes.",
    "postal_code": "5-digit ZIP code; required when in_person is yes.",
    "latitude": "decimal degrees; leave latitude and longitude blank to use the ZIP code's center.",
    "longitude": "decimal degrees.",
    "phone": "required.",
    "website": "full URL starting with https://.",
    "hours": "opening hours, e.g. 'Monday to Friday, 9am to 5pm; Saturday, 9am to 1pm'.",
    "hours_note": "shown under the hours, e.g. 'Pacific time'.",
    "accessibility_notes": "step-free access, parking, interpreters and so on.",
    "in_person": "yes or no.",
    "telehealth": "yes or no.",
    "telehealth_states": "state codes separated by ';', required when telehealth is yes.",
    "accepting_new_patients": "yes or no.",
    "takes_requests_here": (
        "yes only for the clinic's own locations, whose requests come to the intake inbox; "
        "blank or no for other practices."
    ),
    "treatments": "treatment slugs separated by ';'.",
    "treatments_not_offered": "treatment slugs separated by ';'.",
    "conditions": "condition slugs separated by ';'.",
    "insurance": "insurance or payment option slugs separated by ';'.",
    "languages": "language slugs separated by ';'.",
    "is_sample": "yes for fictional demo listings.",
}
PROVIDER_REQUIRED = ("slug", "name", "phone")
CLINICIAN_COLUMNS = {
    "provider_slug": "required; slug of a provider in the providers file or already on the site.",
    "name": "required.",
    "role": "required; prescriber, kap_therapist or integration_therapist.",
    "credentials": "required, e.g. 'MD, psychiatrist'.",
    "licence_type": "required, e.g. 'Physician and surgeon'.",
    "licence_number": "required.",
    "licence_state": "two-letter state code.",
    "licence_verified_on": "required; date the license was last checked, YYYY-MM-DD.",
}
CLINICIAN_REQUIRED = tuple(k for k in CLINICIAN_COLUMNS if k != "licence_state")
MODEL_FIELD_TO_COLUMN = {"title": "name"}
TAXONOMY_COLUMNS = {
    "treatments": Treatment,
    "treatments_not_offered": Treatment,
    "conditions": Condition,
    "insurance": InsuranceOption,
    "languages": Language,
}


def columns_help() -> str:
    lines = ["Providers file columns:"]
    lines += [f"  {name}: {text}" for name, text in PROVIDER_COLUMNS.items()]
    lines.append("Clinicians file columns (one row per clinician):")
    lines += [f"  {name}: {text}" for name, text in CLINICIAN_COLUMNS.items()]
    return "\n".join(lines)


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"row {self.row}" + (f", column '{self.column}'" if self.column else "")
        return f"{self.file}: {where}: {self.message}"

    @classmethod
    def all_from(cls, file, row, messages_by_column, column_names=None) -> list[RowError]:
        """One RowError per message of a form's ``errors`` or a ValidationError's
        ``message_dict``; ``column_names`` maps model field names to CSV columns."""
        names = column_names or {}
        return [
            cls(file, row, names.get(column, column), message)
            for column, messages in messages_by_column.items()
            for message in messages
        ]


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


class YesNoField(forms.Field):
    TRUE = {"yes", "y", "true", "1"}
    FALSE = {"no", "n", "false", "0", ""}

    def __init__(self, *, default=False, **kwargs):
        self.default = default
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        text = (value or "").strip().lower()
        if text == "":
            return self.default
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError("Use yes or no.")


class SlugListField(forms.Field):
    def __init__(self, terms: dict, **kwargs):
        self.terms = terms
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        slugs = [s.strip() for s in (value or "").split(";") if s.strip()]
        unknown = [s for s in slugs if s not in self.terms]
        if unknown:
            known = ", ".join(sorted(self.terms)) or "none yet"
            raise ValidationError(f"Unknown: {', '.join(unknown)}. Known values: {known}.")
        return [self.terms[s] for s in dict.fromkeys(slugs)]


class ProviderRowForm(forms.Form):
    slug = forms.SlugField(max_length=255)
    name = forms.CharField(max_length=255)
    summary = forms.CharField(max_length=160, required=False)
    street_address = forms.CharField(max_length=200, required=False)
    city = forms.CharField(max_length=100, required=False)
    state = forms.CharField(max_length=2, required=False)
    postal_code = forms.CharField(max_length=10, required=False)
    latitude = forms.FloatField(required=False)
    longitude = forms.FloatField(required=False)
    phone = forms.CharField(max_length=30)
    website = forms.URLField(required=False, max_length=200, assume_scheme="https")
    hours = forms.CharField(max_length=600, required=False)
    hours_note = forms.CharField(max_length=200, required=False)
    accessibility_notes = forms.CharField(max_length=1000, required=False)
    in_person = YesNoField(default=True)
    telehealth = YesNoField(default=False)
    telehealth_states = forms.CharField(max_length=200, required=False)
    accepting_new_patients = YesNoField(default=True)
    takes_requests_here = YesNoField(default=False)
    is_sample = YesNoField(default=False)

    def __init__(self, data, *, terms):
        super().__init__(data)
        for column, model in TAXONOMY_COLUMNS.items():
            self.fields[column] = SlugListField(terms[model])

    # Stored as rows, not as fields of the page.
    ROW_FIELDS = ("hours", "telehealth_states")

    def clean_state(self):
        return self.cleaned_data["state"].strip().upper()

    def clean_hours(self):
        try:
            return hours.parse(self.cleaned_data["hours"])
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc

    def clean_telehealth_states(self):
        states, unknown = geo.normalise_states(self.cleaned_data["telehealth_states"])
        if unknown:
            raise ValidationError(
                f"Not a US state code: {', '.join(unknown)}. Use two letters, e.g. CA."
            )
        return [code for code in states.split(",") if code]


class ClinicianRowForm(forms.Form):
    provider_slug = forms.SlugField(max_length=255)
    name = forms.CharField(max_length=120)
    role = forms.CharField()
    credentials = forms.CharField(max_length=120)
    licence_type = forms.CharField(max_length=80)
    licence_number = forms.CharField(max_length=40)
    licence_state = forms.CharField(max_length=2, required=False)
    licence_verified_on = forms.DateField(input_formats=["%Y-%m-%d"])

    def clean_role(self):
        text = self.cleaned_data["role"].strip().lower()
        for value, label in Clinician.Role.choices:
            if text in (value, label.lower()):
                return value
        raise ValidationError("Use prescriber, kap_therapist or integration_therapist.")

    def clean_licence_state(self):
        from .geo import US_STATES

        code = self.cleaned_data["licence_state"].strip().upper()
        if code and code not in US_STATES:
            raise ValidationError("Use a two-letter US state code, e.g. CA.")
        return code

    def clean_licence_verified_on(self):
        day = self.cleaned_data["licence_verified_on"]
        if day > datetime.date.today():
            raise ValidationError("This date is in the future.")
        return day


@dataclass
class PlannedProvider:
    row: int
    page: ProviderPage
    is_new: bool
    clinicians: list[Clinician] | None = None


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    clinicians: int = 0


def _read(path: Path, label: str, columns: dict, required: tuple, errors: list[RowError]):
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        errors.append(RowError(label, 1, "", f"cannot read the file ({exc})."))
        return []
    header = [h.strip() for h in header]
    if not header:
        errors.append(RowError(label, 1, "", "the file is empty."))
        return []
    for name in header:
        if name not in columns:
            errors.append(RowError(label, 1, name, "unknown column."))
    for name in required:
        if name not in header:
            errors.append(RowError(label, 1, name, "required column is missing."))
    cleaned = []
    for number, row in enumerate(rows, start=2):
        if None in row:
            errors.append(RowError(label, number, "", "more cells than columns in the header."))
            continue
        cleaned.append((number, {(k or "").strip(): (v or "").strip() for k, v in row.items()}))
    return cleaned


class ProviderImporter:
    def __init__(self, directory: ProviderDirectoryPage, providers_path, clinicians_path=None):
        self.directory = directory
        self.providers_path = Path(providers_path)
        self.clinicians_path = Path(clinicians_path) if clinicians_path else None
        self.planned: list[PlannedProvider] = []

    def _terms(self):
        locale_id = self.directory.locale_id
        return {
            model: {t.slug: t for t in model.objects.filter(locale_id=locale_id)}
            for model in {*TAXONOMY_COLUMNS.values()}
        }

    def validate(self) -> list[RowError]:
        errors: list[RowError] = []
        label = self.providers_path.name
        rows = _read(self.providers_path, label, PROVIDER_COLUMNS, PROVIDER_REQUIRED, errors)
        if errors:
            return errors
        terms = self._terms()
        existing = {p.slug: p for p in ProviderPage.objects.child_of(self.directory)}
        taken = set(self.directory.get_children().values_list("slug", flat=True))
        seen: dict[str, int] = {}
        self.planned = []
        for number, row in rows:
            form = ProviderRowForm(row, terms=terms)
            if not form.is_valid():
                errors += RowError.all_from(label, number, form.errors)
                continue
            data = form.cleaned_data
            if data["slug"] in seen:
                errors.append(
                    RowError(label, number, "slug", f"same slug as row {seen[data['slug']]}.")
                )
                continue
            seen[data["slug"]] = number
            page = existing.get(data["slug"])
            is_new = page is None
            if is_new and data["slug"] in taken:
                errors.append(RowError(label, number, "slug", "another page already uses it."))
                continue
            page = page or ProviderPage(slug=data["slug"])
            page.title = data["name"]
            for name in ProviderRowForm.base_fields:
                if name not in ("slug", "name", *ProviderRowForm.ROW_FIELDS):
                    setattr(page, name, data[name])
            for column in TAXONOMY_COLUMNS:
                setattr(page, column, data[column])
            page.opening_hours = [
                OpeningHours(day=day, opens=opens, closes=closes, sort_order=n)
                for n, (day, opens, closes) in enumerate(data["hours"])
            ]
            page.telehealth_states = [
                TelehealthState(state=code) for code in data["telehealth_states"]
            ]
            try:
                page.clean_listing(states=data["telehealth_states"])
            except ValidationError as exc:
                errors += RowError.all_from(label, number, exc.message_dict, MODEL_FIELD_TO_COLUMN)
                continue
            self.planned.append(PlannedProvider(number, page, is_new))
        if self.clinicians_path:
            self._validate_clinicians(errors, seen, existing)
        return errors

    def _validate_clinicians(self, errors, seen, existing):
        label = self.clinicians_path.name
        rows = _read(self.clinicians_path, label, CLINICIAN_COLUMNS, CLINICIAN_REQUIRED, errors)
        by_slug = {plan.page.slug: plan for plan in self.planned}
        extra: dict[str, PlannedProvider] = {}
        for number, row in rows:
            form = ClinicianRowForm(row)
            if not form.is_valid():
                errors += RowError.all_from(label, number, form.errors)
                continue
            data = form.cleaned_data
            slug = data.pop("provider_slug")
            plan = by_slug.get(slug) or extra.get(slug)
            if plan is None and slug in existing and slug not in seen:
                plan = extra[slug] = PlannedProvider(number, existing[slug], False)
            if plan is None:
                if slug not in seen:  # rows of an invalid provider are not reported twice
                    errors.append(
                        RowError(label, number, "provider_slug", f"no provider '{slug}'.")
                    )
                continue
            if plan.clinicians is None:
                plan.clinicians = []
            plan.clinicians.append(Clinician(**data, sort_order=len(plan.clinicians)))
        self.planned.extend(extra.values())

    @transaction.atomic
    def write(self, *, skip_existing=False) -> ImportResult:
        result = ImportResult()
        for plan in self.planned:
            page = plan.page
            if not plan.is_new and skip_existing:
                result.skipped.append(page.slug)
                continue
            if plan.clinicians is not None:
                page.clinicians = plan.clinicians
                result.clinicians += len(plan.clinicians)
            if plan.is_new:
                self.directory.add_child(instance=page)
                result.created.append(page.slug)
            else:
                result.updated.append(page.slug)
            page.save_revision().publish()
        return result

    def run(self, *, dry_run=False, skip_existing=False) -> ImportResult:
        errors = self.validate()
        if errors:
            raise ImportFailed(errors)
        if dry_run:
            result = ImportResult()
            for plan in self.planned:
                (result.created if plan.is_new else result.updated).append(plan.page.slug)
                result.clinicians += len(plan.clinicians or [])
            return result
        return self.write(skip_existing=skip_existing)
