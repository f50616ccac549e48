"""The provider pages' JSON-LD states what the page shows; filtered directory views are noindex."""

import json

import pytest
from bs4 import BeautifulSoup

from content.providers.models import ProviderPage


def json_ld(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


@pytest.mark.django_db
def test_provider_page_is_a_medical_clinic_matching_the_visible_details(client):
    page = ProviderPage.objects.live().filter(in_person=True).exclude(latitude=None).first()
    response = client.get(page.url)
    html = response.content.decode()
    nodes = [n for n in json_ld(response) if n.get("@id", "").endswith("#location")]
    assert len(nodes) == 1
    clinic = nodes[0]
    assert clinic["@type"] == "MedicalClinic"
    assert clinic["name"] == page.title and page.title in html
    assert clinic["telephone"] == page.phone and page.phone in html
    assert clinic["address"]["postalCode"] == page.postal_code
    assert clinic["geo"]["latitude"] == page.latitude
    assert clinic["isAcceptingNewPatients"] == page.accepting_new_patients
    services = {s["name"] for s in clinic["availableService"]}
    assert services == {t.name for t in page.treatments.all()}
    names = [c.name for c in page.clinicians.all()]
    assert names
    assert [p["name"] for p in clinic["employee"]] == names
    assert all(name in html for name in names)
    # The hours shown on the page and the JSON-LD come from the same rows.
    spans = page.opening_hours_spans
    assert spans
    assert len(clinic["openingHoursSpecification"]) == len(spans)
    for span, spec in zip(spans, clinic["openingHoursSpecification"], strict=True):
        assert f"{span.day_label}: {span.time_label}" in html
        assert spec["opens"] == span.opens.strftime("%H:%M")
        assert len(spec["dayOfWeek"]) == len(span.days)


@pytest.mark.django_db
def test_directory_first_page_is_indexable_and_filtered_views_are_not(client):
    plain = BeautifulSoup(client.get("/find-a-provider/").content, "html.parser")
    assert not plain.find(
        "meta", attrs={"name": "robots", "content": lambda c: c and "noindex" in c}
    )
    filtered = BeautifulSoup(client.get("/find-a-provider/?location=94612").content, "html.parser")
    assert filtered.find(
        "meta", attrs={"name": "robots", "content": lambda c: c and "noindex" in c}
    )
    assert b"/find-a-provider/" in client.get("/sitemap.xml").content
