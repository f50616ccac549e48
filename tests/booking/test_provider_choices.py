""" "Preferred provider" lists only the practices that take requests through this site."""

import pytest
from bs4 import BeautifulSoup

from content.booking.models import BookingRequest
from content.providers.models import ProviderPage
from tests.booking.conftest import URL, valid_data

pytestmark = pytest.mark.django_db


def provider_select(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("select", attrs={"name": "preferred_provider"})


def test_only_practices_taking_requests_are_listed_grouped_by_city(client, booking_page):
    select = provider_select(client)
    groups = {
        group["label"]: [option.get_text(strip=True) for option in group.find_all("option")]
        for group in select.find_all("optgroup")
    }
    assert groups == {
        "Oakland": ["Bayview Ketamine Care, Oakland (sample)"],
        "San Francisco": ["Bayview Ketamine Care, San Francisco (sample)"],
    }
    listed = {option["value"] for option in select.find_all("option") if option["value"]}
    expected = {
        str(pk)
        for pk in ProviderPage.objects.taking_requests()
        .filter(locale__language_code="en")  # the English form lists the English practices
        .values_list("pk", flat=True)
    }
    assert listed == expected
    others = ProviderPage.objects.live().exclude(pk__in=[int(pk) for pk in listed])
    assert others.count() >= 15  # the rest of the directory is not offered


def test_a_practice_not_taking_requests_is_refused_and_not_preselected(client, booking_page):
    elsewhere = ProviderPage.objects.get(locale__language_code="en", slug="chelsea-kap-new-york")
    assert not provider_select(client, f"?provider={elsewhere.pk}").find("option", selected=True)[
        "value"
    ]
    response = client.post(URL, valid_data(preferred_provider=str(elsewhere.pk)))
    assert response.status_code == 200
    assert "Choose a provider from the list" in response.content.decode()
    assert not BookingRequest.objects.exists()


@pytest.mark.parametrize(
    "value",
    ["9223372036854775808", "99999999999999999999999", "-1", "1e3", "\u0663", "12abc"],
)
def test_a_value_that_is_no_page_id_is_an_ordinary_wrong_choice(client, booking_page, value):
    """Found by tests/security/test_fuzz.py: 2**63 overflowed the database lookup (a 500)."""
    response = client.post(URL, valid_data(preferred_provider=value))
    assert response.status_code == 200
    assert "Choose a provider from the list" in response.content.decode()
    assert not BookingRequest.objects.exists()


def test_a_clinic_location_can_be_chosen_and_is_stored(client, booking_page):
    clinic = ProviderPage.objects.get(locale__language_code="en", slug="bayview-kap-oakland")
    selected = provider_select(client, f"?provider={clinic.pk}").find("option", selected=True)
    assert selected["value"] == str(clinic.pk)
    response = client.post(URL, valid_data(preferred_provider=str(clinic.pk)))
    assert response.status_code in (200, 302)
    assert BookingRequest.objects.get().preferred_provider_id == clinic.pk


def test_a_location_that_stops_accepting_patients_leaves_the_list(client, booking_page):
    clinic = ProviderPage.objects.get(locale__language_code="en", slug="bayview-kap-oakland")
    clinic.accepting_new_patients = False
    clinic.save_revision().publish()
    values = {option["value"] for option in provider_select(client).find_all("option")}
    assert str(clinic.pk) not in values
