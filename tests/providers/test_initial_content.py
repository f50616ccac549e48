import io
import re

import pytest
from django.core.management import call_command

from content.providers.models import (
    Condition,
    InsuranceOption,
    Language,
    ProviderDirectoryPage,
    ProviderPage,
    Treatment,
)


@pytest.mark.django_db
def test_sample_providers_are_loaded_and_marked_as_sample():
    providers = list(ProviderPage.objects.live())
    assert len(providers) >= 15
    for page in providers:
        assert page.is_sample
        # "(ejemplo)" on the Spanish pages
        assert ("(sample)" if page.locale.language_code == "en" else "(ejemplo)") in page.title
        assert re.search(r"555-01\d\d", page.phone), page.phone
        assert page.website.endswith(".example.com") or not page.website
        assert page.clinicians.exists()
        for clinician in page.clinicians.all():
            assert "(sample)" in clinician.name
            assert clinician.licence_number.startswith("SAMPLE-")
    telehealth_only = [p for p in providers if not p.in_person]
    assert len(telehealth_only) >= 2
    bay_area = [p for p in providers if p.state == "CA" and p.in_person]
    assert len(bay_area) >= 8
    assert len({p.state for p in providers if p.state}) >= 4


@pytest.mark.django_db
def test_taxonomies_cover_the_issue():
    treatments = set(Treatment.objects.values_list("slug", flat=True))
    assert {
        "iv-ketamine",
        "im-ketamine",
        "esketamine-nasal",
        "oral-ketamine",
        "integration-only",
    } <= treatments
    kinds = set(InsuranceOption.objects.values_list("kind", flat=True))
    assert kinds == {"plan", "self_pay", "sliding_scale"}
    assert (
        Condition.objects.exists()
        and Language.objects.filter(locale__language_code="en", slug="spanish").exists()
    )


@pytest.mark.django_db
def test_loading_again_creates_nothing_new():
    before = (ProviderPage.objects.count(), Treatment.objects.count())
    call_command("load_initial_content", stdout=io.StringIO())
    assert (ProviderPage.objects.count(), Treatment.objects.count()) == before
    assert ProviderDirectoryPage.objects.count() == 2  # English and Spanish
