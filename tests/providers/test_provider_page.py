import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Page, Site

from content.core.models import ClinicSettings, HomePage, StandardPage
from content.providers.models import (
    Clinician,
    ProviderDirectoryPage,
    ProviderPage,
    Treatment,
)

SAMPLE = "/find-a-provider/lakeside-kap-oakland/"


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_provider_page_shows_everything(client):
    page = ProviderPage.objects.get(locale__language_code="en", slug="lakeside-kap-oakland")
    soup = get(client, SAMPLE)
    text = soup.get_text(" ", strip=True)
    assert soup.find("h1").get_text() == page.title
    for expected in [
        "200 Sample Avenue, Suite 300",
        "Oakland, CA 94612",
        "(510) 555-0101",
        "https://lakeside.example.com",
        "Monday to Friday: 8am to 6pm",
        "Step-free entrance",
        "Ketamine infusion (IV)",
        "Ketamine injection (IM)",
        "Not offered here",
        "Esketamine nasal spray (Spravato)",
        "PTSD",
        "Aetna",
        "Spanish (Español)",
        "Telehealth available in California",
        "Accepting new patients",
        "sample listing",
    ]:
        assert expected in text, expected
    clinicians = soup.select(".c-clinician")
    assert len(clinicians) == page.clinicians.count() >= 2
    first = page.clinicians.order_by("sort_order").first()
    card = clinicians[0].get_text(" ", strip=True)
    assert first.name in card and first.credentials in card
    assert first.get_role_display() in card
    assert first.licence_number in card and first.licence_type in card
    assert first.licence_verified_on.strftime("%Y-%m-%d") in str(clinicians[0])
    directions = soup.select_one('a[href^="https://www.google.com/maps/dir/?api=1&destination="]')
    assert "Get directions" in directions.get_text()
    assert "200+Sample+Avenue" in directions["href"]
    assert "noopener" in directions["rel"]
    assert not soup.find("iframe")
    assert soup.find("a", href="tel:+15105550101")


CLINIC_LOCATION = "/find-a-provider/bayview-kap-oakland/"


def use_booking_page(page):
    settings = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    settings.booking_page = page
    settings.save()


@pytest.mark.django_db
def test_request_link_preselects_a_practice_that_takes_requests_here(client):
    use_booking_page(StandardPage.objects.get(locale__language_code="en", slug="about"))
    page = ProviderPage.objects.get(locale__language_code="en", slug="bayview-kap-oakland")
    assert page.takes_requests_here and page.accepting_new_patients
    soup = get(client, CLINIC_LOCATION)
    link = soup.select_one(".c-provider__cta").find("a", string="Request an appointment")
    assert link["href"] == f"/about/?provider={page.pk}"
    assert "Contact this practice directly" not in soup.get_text()
    assert not soup.select_one(".c-status-badge--closed")


@pytest.mark.django_db
def test_other_practices_are_contacted_directly(client):
    use_booking_page(StandardPage.objects.get(locale__language_code="en", slug="about"))
    assert not ProviderPage.objects.get(
        locale__language_code="en", slug="lakeside-kap-oakland"
    ).takes_requests_here
    soup = get(client, SAMPLE)
    cta = soup.select_one(".c-provider__cta")
    assert not cta.find("a", string="Request an appointment")
    assert cta.find("h2").get_text(strip=True) == "Contact this practice directly"
    assert cta.find("a", href="tel:+15105550101").get_text() == "(510) 555-0101"
    assert cta.find("a", href="https://lakeside.example.com")
    assert not soup.select_one(".c-status-badge--closed")  # it accepts new patients


@pytest.mark.django_db
def test_not_accepting_new_patients_shows_a_badge_and_no_booking_button(client):
    use_booking_page(StandardPage.objects.get(locale__language_code="en", slug="about"))
    page = ProviderPage.objects.get(locale__language_code="en", slug="bayview-kap-oakland")
    page.accepting_new_patients = False
    page.save_revision().publish()
    soup = get(client, CLINIC_LOCATION)
    badge = soup.select_one(".c-status-badge")
    assert badge.get_text(strip=True) == "Not accepting new patients"
    cta = soup.select_one(".c-provider__cta")
    assert not cta.find("a", string="Request an appointment")
    assert "Contact this practice directly" in cta.get_text()
    assert "not taking new patients" in cta.get_text()
    assert cta.find("a", href=page.phone_href)
    # The directory card shows the same badge.
    card = get(client, "/find-a-provider/").find("a", string=page.title).find_parent("li")
    assert card.select_one(".c-status-badge").get_text(strip=True) == "Not accepting new patients"


@pytest.mark.django_db
def test_without_a_booking_page_the_clinic_location_is_contacted_by_phone(client):
    use_booking_page(None)
    soup = get(client, CLINIC_LOCATION)
    cta = soup.select_one(".c-provider__cta")
    assert not cta.find("a", string="Request an appointment")
    assert cta.find("a", href="tel:+15105550142")


@pytest.mark.django_db
def test_unpublished_booking_page_falls_back_to_phone(client):
    booking = StandardPage.objects.get(locale__language_code="en", slug="about")
    booking.unpublish()
    use_booking_page(booking)
    soup = get(client, CLINIC_LOCATION)
    assert not soup.select_one(".c-provider__cta").find("a", string="Request an appointment")


@pytest.mark.django_db
def test_taking_requests_lists_only_live_clinic_locations_accepting_patients():
    slugs = list(
        ProviderPage.objects.taking_requests()
        .filter(locale__language_code="en")
        .values_list("slug", flat=True)
    )
    assert slugs == ["bayview-kap-oakland", "bayview-kap-san-francisco"]  # by city
    oakland = ProviderPage.objects.get(locale__language_code="en", slug="bayview-kap-oakland")
    oakland.unpublish()
    assert "bayview-kap-oakland" not in ProviderPage.objects.taking_requests().filter(
        locale__language_code="en"
    ).values_list("slug", flat=True)


@pytest.mark.django_db
def test_telehealth_only_page_has_no_address_or_directions(client):
    soup = get(client, "/find-a-provider/west-coast-integration-telehealth/")
    text = soup.get_text(" ", strip=True)
    assert "Telehealth only" in text
    assert "Oregon, California" not in text  # shown sorted
    assert "California, Oregon" in text
    assert not soup.select_one('a[href^="https://www.google.com/maps/"]')


# -- tree rules ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_tree_rules():
    home = HomePage.objects.get(locale__language_code="en")
    directory = ProviderDirectoryPage.objects.get(locale__language_code="en")
    assert directory.slug == "find-a-provider"
    assert directory.show_in_menus
    assert directory.get_parent().specific == home
    assert ProviderDirectoryPage.allowed_parent_page_models() == [HomePage]
    assert ProviderDirectoryPage.allowed_subpage_models() == [ProviderPage]
    assert ProviderPage.allowed_parent_page_models() == [ProviderDirectoryPage]
    assert ProviderPage.allowed_subpage_models() == []
    # Only one directory per site (it exists already from the sample content).
    assert not ProviderDirectoryPage.can_create_at(home)
    assert ProviderPage.can_create_at(directory)
    assert not ProviderPage.can_create_at(home)
    assert not ProviderPage.can_create_at(
        StandardPage.objects.get(locale__language_code="en", slug="about")
    )
    assert not ProviderDirectoryPage.can_create_at(
        StandardPage.objects.get(locale__language_code="en", slug="about")
    )


@pytest.mark.django_db
def test_directory_can_be_created_under_home_when_missing():
    home = HomePage.objects.get(locale__language_code="en")
    ProviderDirectoryPage.objects.get(locale__language_code="en").delete()
    assert ProviderDirectoryPage.can_create_at(home)
    assert not ProviderDirectoryPage.can_create_at(Page.get_first_root_node())


@pytest.mark.django_db
def test_directory_in_main_navigation(client):
    soup = get(client, "/")
    nav = soup.find("nav", attrs={"aria-label": "Main"})
    assert nav.find("a", href="/find-a-provider/")


# -- model validation ---------------------------------------------------------------------


def _provider(**overrides):
    values = {
        "title": "Test practice",
        "slug": "test-practice",
        "street_address": "1 Sample Street",
        "city": "Oakland",
        "state": "CA",
        "postal_code": "94612",
        "phone": "(510) 555-0199",
    }
    values.update(overrides)
    return ProviderPage(**values)


@pytest.mark.django_db
def test_coordinates_come_from_the_zip_code_when_blank():
    page = _provider()
    page.clean_listing(states=[])
    assert page.latitude == pytest.approx(37.8085)
    assert page.longitude == pytest.approx(-122.2668)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"in_person": False, "telehealth": False}, "in_person"),
        ({"postal_code": "9461"}, "postal_code"),
        ({"postal_code": "00000"}, "postal_code"),
        ({"street_address": ""}, "street_address"),
        ({"latitude": 37.0}, "latitude"),
        ({"latitude": 137.0, "longitude": 0.0}, "latitude"),
    ],
)
def test_listing_rules(overrides, field):
    page = _provider(**overrides)
    with pytest.raises(ValidationError) as exc:
        page.clean_listing(states=[])
    assert field in exc.value.message_dict


@pytest.mark.parametrize(
    ("telehealth", "states", "message"),
    [
        (True, [], "List the states"),
        (True, ["CA", "CA"], "Each state once"),
        (True, ["CA", "OR"], ""),
        (False, [], ""),
    ],
)
def test_telehealth_state_rule(telehealth, states, message):
    assert ProviderPage.telehealth_states_error(telehealth, states).startswith(message)


@pytest.mark.django_db
def test_a_treatment_cannot_be_offered_and_not_offered():
    iv = Treatment.objects.get(locale__language_code="en", slug="iv-ketamine")
    page = _provider()
    page.treatments = [iv]
    page.treatments_not_offered = [iv]
    with pytest.raises(ValidationError) as exc:
        page.clean_listing(states=[])
    assert "treatments_not_offered" in exc.value.message_dict


@pytest.mark.django_db
def test_editor_creates_a_provider_with_inline_clinicians(admin_client):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    directory = ProviderDirectoryPage.objects.get(locale__language_code="en")
    iv = Treatment.objects.get(locale__language_code="en", slug="iv-ketamine")
    data = nested_form_data(
        {
            "title": "Admin Made Practice",
            "slug": "admin-made-practice",
            "summary": "",
            "street_address": "5 Sample Road",
            "city": "Oakland",
            "state": "CA",
            "postal_code": "94612",
            "phone": "(510) 555-0188",
            "in_person": "on",
            "telehealth": "on",
            "accepting_new_patients": "on",
            "opening_hours": inline_formset(
                [
                    {"day": "1", "opens": "09:00", "closes": "17:00"},
                    {"day": "2", "opens": "09:00", "closes": "17:00"},
                ]
            ),
            "telehealth_states": inline_formset([{"state": "CA"}, {"state": "OR"}]),
            "clinicians": inline_formset(
                [
                    {
                        "name": "Test Clinician",
                        "role": "prescriber",
                        "credentials": "MD",
                        "licence_type": "Physician and surgeon",
                        "licence_number": "SAMPLE-1",
                        "licence_state": "CA",
                        "licence_verified_on": "2026-01-15",
                    }
                ]
            ),
            "action-publish": "publish",
        }
    )
    data["treatments"] = [iv.pk]  # a multiple choice, not a nested list
    response = admin_client.post(f"/admin/pages/add/providers/providerpage/{directory.pk}/", data)
    assert response.status_code == 302, response.content[:2000]
    page = ProviderPage.objects.get(locale__language_code="en", slug="admin-made-practice")
    assert page.live
    assert page.latitude == pytest.approx(37.8085)
    clinician = Clinician.objects.get(page=page)
    assert clinician.licence_verified_on == datetime.date(2026, 1, 15)
    assert list(page.treatments.all()) == [iv]
    assert page.telehealth_state_list == ["CA", "OR"]
    assert [(s.day_label, s.time_label) for s in page.opening_hours_spans] == [
        ("Monday to Tuesday", "9am to 5pm")
    ]

    # Telehealth with no state rows is refused, next to the telehealth box.
    data["slug"] = "admin-made-practice-2"
    for key in [k for k in data if k.startswith("telehealth_states-")]:
        del data[key]
    data.update(nested_form_data({"telehealth_states": inline_formset([])}))
    response = admin_client.post(f"/admin/pages/add/providers/providerpage/{directory.pk}/", data)
    assert response.status_code == 200
    assert b"List the states where telehealth is offered." in response.content
    assert not ProviderPage.objects.filter(
        locale__language_code="en", slug="admin-made-practice-2"
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["treatment", "condition", "insuranceoption", "language"])
def test_taxonomies_are_edited_in_the_admin(admin_client, model):
    response = admin_client.get(f"/admin/snippets/providers/{model}/")
    assert response.status_code == 200
