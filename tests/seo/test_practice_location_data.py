"""Structured data for practice locations, without the providers app (plain stand-ins)."""

from types import SimpleNamespace

from content.core.structured_data import (
    SCHEMA,
    opening_hours_specification,
    practice_location,
)


def test_opening_hours_are_parsed_per_day_range():
    specs = opening_hours_specification("Monday to Friday, 9am to 5pm; Saturday, 9:30am to 1pm")
    assert specs[0]["dayOfWeek"] == [
        f"{SCHEMA}/{d}" for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    ]
    assert (specs[0]["opens"], specs[0]["closes"]) == ("09:00", "17:00")
    assert specs[1]["dayOfWeek"] == [f"{SCHEMA}/Saturday"]
    assert (specs[1]["opens"], specs[1]["closes"]) == ("09:30", "13:00")


def test_wrapping_ranges_noon_and_midnight():
    (spec,) = opening_hours_specification("Friday to Monday: 12pm to 12am")
    assert [d.rsplit("/", 1)[1] for d in spec["dayOfWeek"]] == [
        "Friday",
        "Saturday",
        "Sunday",
        "Monday",
    ]
    assert (spec["opens"], spec["closes"]) == ("12:00", "00:00")


def test_unparseable_hours_are_left_out_not_guessed():
    assert opening_hours_specification("By appointment only") == []
    assert opening_hours_specification("") == []


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
        hours="Monday to Friday, 8am to 6pm",
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
