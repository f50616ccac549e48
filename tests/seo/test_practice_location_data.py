"""Structured data for practice locations, without the providers app (plain stand-ins)."""

import datetime
from types import SimpleNamespace

from content.core.structured_data import (
    SCHEMA,
    opening_hours_specification,
    practice_location,
)


def test_opening_hours_come_from_structured_spans():
    spans = [
        SimpleNamespace(days=(1, 2, 3, 4, 5), opens=datetime.time(9), closes=datetime.time(17)),
        SimpleNamespace(days=(6,), opens=datetime.time(9, 30), closes=datetime.time(0)),
    ]
    specs = opening_hours_specification(spans)
    assert specs[0]["dayOfWeek"] == [
        f"{SCHEMA}/{d}" for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    ]
    assert (specs[0]["opens"], specs[0]["closes"]) == ("09:00", "17:00")
    assert specs[1]["dayOfWeek"] == [f"{SCHEMA}/Saturday"]
    assert (specs[1]["opens"], specs[1]["closes"]) == ("09:30", "00:00")
    assert opening_hours_specification([]) == []


class _Related(list):
    def all(self):
        return self


def test_practice_location_states_what_the_page_shows():
    page = SimpleNamespace(
        title="Lakeside KAP (sample)",
        get_full_url=lambda request: "http://localhost/find-a-provider/lakeside/",
        phone="(510) 555-0110",
        accepting_new_patients=False,
        meta_description="A sample practice.",
        street_address="1 Sample Way",
        city="Oakland",
        state="CA",
        postal_code="94610",
        latitude=37.8,
        longitude=-122.25,
        opening_hours_spans=[
            SimpleNamespace(days=(1, 2, 3, 4, 5), opens=datetime.time(8), closes=datetime.time(18))
        ],
        treatments=_Related([SimpleNamespace(name="IV ketamine")]),
        clinicians=_Related(
            [
                SimpleNamespace(
                    name="Dr. A (sample)",
                    credentials="MD, psychiatrist",
                    get_role_display=lambda: "Prescriber",
                ),
                SimpleNamespace(
                    name="B (sample)", credentials="LMFT", get_role_display=lambda: "KAP therapist"
                ),
            ]
        ),
    )
    node = practice_location(page, None)
    assert node["@type"] == "MedicalClinic"
    assert node["isAcceptingNewPatients"] is False
    assert node["geo"] == {"@type": "GeoCoordinates", "latitude": 37.8, "longitude": -122.25}
    assert node["address"]["addressLocality"] == "Oakland"
    assert node["availableService"] == [{"@type": "MedicalTherapy", "name": "IV ketamine"}]
    assert node["openingHoursSpecification"][0]["closes"] == "18:00"
    doctor, therapist = node["employee"]
    assert doctor["@type"] == ["Person", "Physician"] and doctor["jobTitle"] == "Prescriber"
    assert therapist["@type"] == "Person" and therapist["honorificSuffix"] == "LMFT"
