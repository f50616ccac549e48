import csv
import io

import pytest
from django.core.management import CommandError, call_command

from content.providers.csv_import import CLINICIAN_COLUMNS, PROVIDER_COLUMNS
from content.providers.models import ProviderPage

HEADER = list(PROVIDER_COLUMNS)
GOOD = {
    "slug": "imported-practice",
    "name": "Imported Practice (sample)",
    "summary": "A test practice.",
    "street_address": "9 Sample Street",
    "city": "Berkeley",
    "state": "CA",
    "postal_code": "94704",
    "phone": "(510) 555-0177",
    "website": "https://imported.example.com",
    "in_person": "yes",
    "telehealth": "yes",
    "telehealth_states": "CA;OR",
    "hours": "Monday to Friday, 9am to 5pm",
    "accepting_new_patients": "no",
    "treatments": "iv-ketamine;oral-ketamine",
    "treatments_not_offered": "esketamine-nasal",
    "conditions": "ptsd",
    "insurance": "self-pay;aetna",
    "languages": "english;spanish",
    "is_sample": "yes",
}
CLINICIAN = {
    "provider_slug": "imported-practice",
    "name": "Test Prescriber (sample)",
    "role": "prescriber",
    "credentials": "MD",
    "licence_type": "Physician and surgeon",
    "licence_number": "SAMPLE-9",
    "licence_state": "CA",
    "licence_verified_on": "2026-02-01",
}


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_providers", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args):
    """Run the command, expect it to fail, and return what it wrote to stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_providers", *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


@pytest.mark.django_db
def test_valid_file_imports_providers_and_clinicians(tmp_path):
    second = {**GOOD, "slug": "second-practice", "name": "Second (sample)", "in_person": "no"}
    second.update(street_address="", city="", state="", postal_code="")
    providers = write_csv(tmp_path / "p.csv", HEADER, [GOOD, second])
    clinicians = write_csv(
        tmp_path / "c.csv",
        list(CLINICIAN_COLUMNS),
        [CLINICIAN, {**CLINICIAN, "name": "Therapist (sample)", "role": "KAP therapist"}],
    )
    out, _ = run(providers, "--clinicians", clinicians)
    assert "Created 2 provider(s)" in out
    page = ProviderPage.objects.get(locale__language_code="en", slug="imported-practice")
    assert page.live and page.get_parent().slug == "find-a-provider"
    assert page.title == "Imported Practice (sample)"
    assert page.latitude == pytest.approx(37.8688, abs=0.01)  # from the ZIP code
    assert page.telehealth_state_list == ["CA", "OR"]
    assert [(s.day_label, s.time_label) for s in page.opening_hours_spans] == [
        ("Monday to Friday", "9am to 5pm")
    ]
    assert not page.accepting_new_patients
    assert sorted(t.slug for t in page.treatments.all()) == ["iv-ketamine", "oral-ketamine"]
    assert [t.slug for t in page.treatments_not_offered.all()] == ["esketamine-nasal"]
    assert [c.role for c in page.clinicians.order_by("sort_order")] == [
        "prescriber",
        "kap_therapist",
    ]
    assert page.live_revision is not None


@pytest.mark.django_db
def test_existing_slug_is_updated(tmp_path):
    row = {**GOOD, "slug": "lakeside-kap-oakland", "name": "Lakeside Renamed (sample)"}
    out, _ = run(write_csv(tmp_path / "p.csv", HEADER, [row]))
    assert "updated 1" in out
    page = ProviderPage.objects.get(locale__language_code="en", slug="lakeside-kap-oakland")
    assert page.title == "Lakeside Renamed (sample)"
    assert page.clinicians.count() >= 2  # no clinicians file: clinicians kept


@pytest.mark.django_db
def test_invalid_rows_report_row_and_column_and_write_nothing(tmp_path):
    before = ProviderPage.objects.count()
    rows = [
        {**GOOD, "slug": "fine-row"},
        {**GOOD, "slug": "bad-zip", "postal_code": "123"},
        {**GOOD, "slug": "bad-values", "in_person": "perhaps", "treatments": "iv-ketamine;magic"},
        {**GOOD, "slug": "fine-row"},
        {**GOOD, "slug": "no phone!", "phone": ""},
        {**GOOD, "slug": "bad-rows", "telehealth_states": "CA;QQ", "hours": "By appointment"},
    ]
    providers = write_csv(tmp_path / "p.csv", HEADER, rows)
    clinicians = write_csv(
        tmp_path / "c.csv",
        list(CLINICIAN_COLUMNS),
        [
            {**CLINICIAN, "provider_slug": "fine-row", "role": "surgeon"},
            {**CLINICIAN, "provider_slug": "nobody", "licence_verified_on": "15/01/2026"},
        ],
    )
    err = run_failing(providers, "--clinicians", clinicians)
    assert "p.csv: row 3, column 'postal_code': Enter a 5-digit ZIP code." in err
    assert "p.csv: row 4, column 'in_person': Use yes or no." in err
    assert "p.csv: row 4, column 'treatments': Unknown: magic." in err
    assert "p.csv: row 5, column 'slug': same slug as row 2." in err
    assert "p.csv: row 6, column 'slug'" in err
    assert "p.csv: row 6, column 'phone'" in err
    assert "p.csv: row 7, column 'telehealth_states': Not a US state code: QQ." in err
    assert "p.csv: row 7, column 'hours': Could not read “By appointment”." in err
    assert "c.csv: row 2, column 'role'" in err
    assert "c.csv: row 3, column 'licence_verified_on'" in err
    assert ProviderPage.objects.count() == before
    assert not ProviderPage.objects.filter(locale__language_code="en", slug="fine-row").exists()


@pytest.mark.django_db
def test_unknown_and_missing_columns_are_reported(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("slug,name,zipcode\nx,y,94612\n", encoding="utf-8")
    err = run_failing(str(path))
    assert "row 1, column 'zipcode': unknown column." in err
    assert "row 1, column 'phone': required column is missing." in err


@pytest.mark.django_db
def test_unreadable_file_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(b"\xff\xfe\x00bad")
    assert "cannot read the file" in run_failing(str(path))
    assert "cannot read the file" in run_failing(str(tmp_path / "missing.csv"))


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path):
    before = ProviderPage.objects.count()
    out, _ = run(write_csv(tmp_path / "p.csv", HEADER, [GOOD]), "--dry-run")
    assert "Dry run, nothing written: would create 1 provider(s)" in out
    assert "imported-practice" in out
    assert ProviderPage.objects.count() == before


@pytest.mark.django_db
def test_dry_run_still_reports_errors(tmp_path):
    path = write_csv(tmp_path / "p.csv", HEADER, [{**GOOD, "website": "not a url"}])
    assert "row 2, column 'website'" in run_failing(path, "--dry-run")


def test_help_documents_every_column():
    from content.providers.management.commands.import_providers import Command

    text = Command().create_parser("manage.py", "import_providers").format_help()
    for column in [*PROVIDER_COLUMNS, *CLINICIAN_COLUMNS]:
        assert f"  {column}:" in text
    assert "--dry-run" in text


@pytest.mark.django_db
def test_exit_status_is_non_zero(tmp_path, capsys):
    from content.providers.management.commands.import_providers import Command

    path = tmp_path / "p.csv"
    path.write_text("slug\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        Command().run_from_argv(["manage.py", "import_providers", str(path), "--dry-run"])
    assert exc.value.code == 1
    assert "required column is missing" in capsys.readouterr().err


@pytest.mark.django_db
def test_takes_requests_here_column(tmp_path):
    rows = [
        {**GOOD, "slug": "clinic-location", "takes_requests_here": "yes"},
        {**GOOD, "slug": "elsewhere", "takes_requests_here": ""},
    ]
    run(write_csv(tmp_path / "p.csv", HEADER, rows))
    assert ProviderPage.objects.get(
        locale__language_code="en", slug="clinic-location"
    ).takes_requests_here
    assert not ProviderPage.objects.get(
        locale__language_code="en", slug="elsewhere"
    ).takes_requests_here
    err = run_failing(
        write_csv(tmp_path / "bad.csv", HEADER, [{**GOOD, "takes_requests_here": "maybe"}])
    )
    assert "column 'takes_requests_here': Use yes or no." in err
