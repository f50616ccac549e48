from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup

from content.providers import geo

from .bulk import insert_providers
from .conftest import KNOWN, OAKLAND_94612

URL = "/find-a-provider/"
ALL_TITLES = sorted(spec["title"] for spec in KNOWN)


def search(client, query=None, **params):
    response = client.get(
        URL + "?" + (query if query is not None else urlencode(params, doseq=True))
    )
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".c-provider-card .c-card__title a")]


def count(soup):
    return int(soup.select_one(".c-results__count").get_text().split()[0])


def field_error(soup, name):
    block = soup.find(id=f"field-{name}")
    error = block.select_one(".c-field__error")
    return error.get_text(" ", strip=True) if error else ""


@pytest.mark.django_db
def test_sample_directory_renders_with_sample_listings(client):
    soup = search(client)
    assert count(soup) >= 15
    assert soup.find("form", attrs={"method": "get"})
    assert len(soup.find_all("h1")) == 1


@pytest.mark.django_db
def test_no_filters_lists_everyone_by_name(client, known_providers):
    soup = search(client)
    assert titles(soup) == ALL_TITLES
    assert count(soup) == len(KNOWN)
    assert not soup.select(".c-error-summary")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"treatment": "iv-ketamine"}, ["Alpha Clinic", "Delta Sacramento"]),
        ({"treatment": "integration-only"}, ["Foxtrot Video Therapy", "Golf New York Video"]),
        ({"condition": "anxiety"}, ["Bravo Berkeley", "Delta Sacramento", "Golf New York Video"]),
        ({"insurance": "sliding-scale"}, ["Delta Sacramento", "Foxtrot Video Therapy"]),
        ({"insurance": "medicare"}, ["Charlie San Jose"]),
        ({"language": "vietnamese"}, ["Charlie San Jose"]),
        (
            {"language": "spanish"},
            ["Alpha Clinic", "Delta Sacramento", "Foxtrot Video Therapy"],
        ),
        ({"visit": "telehealth"}, ["Alpha Clinic", "Foxtrot Video Therapy", "Golf New York Video"]),
        (
            {"visit": "in_person"},
            [
                "Alpha Clinic",
                "Bravo Berkeley",
                "Charlie San Jose",
                "Delta Sacramento",
                "Echo Los Angeles",
            ],
        ),
        ({"accepting": "yes"}, [t for t in ALL_TITLES if t != "Bravo Berkeley"]),
    ],
)
def test_each_filter_alone(client, known_providers, params, expected):
    soup = search(client, **params)
    assert titles(soup) == expected
    assert count(soup) == len(expected)


@pytest.mark.django_db
def test_filters_combine(client, known_providers):
    soup = search(client, treatment="iv-ketamine", language="spanish", condition="ptsd")
    assert titles(soup) == ["Alpha Clinic", "Delta Sacramento"]
    soup = search(
        client,
        location="94612",
        radius="100",
        treatment="iv-ketamine",
        insurance="self-pay",
        visit="in_person",
        accepting="yes",
        language="spanish",
        condition="ptsd",
    )
    assert titles(soup) == ["Alpha Clinic", "Delta Sacramento"]
    soup = search(client, location="94612", radius="25", treatment="esketamine-nasal")
    assert titles(soup) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("radius", "expected"),
    [
        ("10", ["Alpha Clinic", "Bravo Berkeley", "Foxtrot Video Therapy"]),
        ("25", ["Alpha Clinic", "Bravo Berkeley", "Foxtrot Video Therapy"]),
        ("50", ["Alpha Clinic", "Bravo Berkeley", "Charlie San Jose", "Foxtrot Video Therapy"]),
        (
            "100",
            [
                "Alpha Clinic",
                "Bravo Berkeley",
                "Charlie San Jose",
                "Delta Sacramento",
                "Foxtrot Video Therapy",
            ],
        ),
    ],
)
def test_location_sorts_by_distance_then_telehealth_in_that_state(
    client, known_providers, radius, expected
):
    soup = search(client, location="94612", radius=radius)
    assert titles(soup) == expected


@pytest.mark.django_db
def test_distances_are_shown_and_match_known_coordinates(client, known_providers):
    soup = search(client, location="94612", radius="100", visit="in_person")
    cards = soup.select(".c-provider-card")
    distances = [c.select_one(".c-provider-card__distance").get_text(strip=True) for c in cards]
    expected = []
    for spec in KNOWN[:4]:
        miles = geo.haversine_miles(*OAKLAND_94612, spec["latitude"], spec["longitude"])
        expected.append(miles)
    assert distances[0] == "less than 1 mile away"
    assert distances[1] == f"{expected[1]:.1f} miles away"  # Berkeley, about 4.4 miles
    assert 4.0 < expected[1] < 4.8
    assert distances[2] == f"{expected[2]:.0f} miles away"  # San Jose, about 39 miles
    assert distances[3] == f"{expected[3]:.0f} miles away"  # Sacramento, about 72 miles
    assert expected == sorted(expected)


@pytest.mark.django_db
def test_telehealth_with_a_location_means_telehealth_in_that_state(client, known_providers):
    soup = search(client, location="Oakland, CA", visit="telehealth")
    assert titles(soup) == ["Alpha Clinic", "Foxtrot Video Therapy"]
    soup = search(client, location="10001", visit="telehealth")
    assert titles(soup) == ["Golf New York Video"]
    soup = search(client, location="Portland, OR", radius="10")
    assert titles(soup) == ["Foxtrot Video Therapy"]


@pytest.mark.django_db
def test_city_and_state_lookup(client, known_providers):
    soup = search(client, location="Berkeley, California", radius="10", visit="in_person")
    assert titles(soup) == ["Bravo Berkeley", "Alpha Clinic"]
    assert "Within 10 miles of Berkeley, CA" in soup.select_one(".c-applied").get_text()


@pytest.mark.django_db
def test_applied_filters_are_echoed_with_remove_links(client, known_providers):
    soup = search(client, location="94612", radius="50", treatment="iv-ketamine", accepting="yes")
    applied = soup.select(".c-applied__item")
    labels = [item.contents[0].strip() for item in applied]
    assert labels == [
        "Within 50 miles of Oakland, CA 94612",
        "Treatment: Ketamine infusion (IV)",
        "Accepting new patients",
    ]
    remove_location = applied[0].find("a")["href"]
    assert "location" not in remove_location and "radius" not in remove_location
    assert "treatment=iv-ketamine" in remove_location
    # The form shows the values back.
    assert soup.find(id="id_location")["value"] == "94612"
    assert soup.find(id="id_radius").find("option", selected=True)["value"] == "50"
    assert [box["value"] for box in soup.select("input[name=treatment][checked]")] == [
        "iv-ketamine"
    ]
    assert soup.find(id="id_accepting").has_attr("checked")


@pytest.mark.django_db
def test_no_results_suggests_widening_the_search(client, known_providers):
    soup = search(client, location="94612", radius="10", language="vietnamese")
    assert titles(soup) == []
    assert count(soup) == 0
    text = soup.select_one(".c-no-results").get_text(" ", strip=True)
    assert "No practices match" in text and "larger distance" in text


@pytest.mark.django_db
def test_pagination_keeps_filters(client, empty_directory):
    specs = [
        {
            "title": f"Practice {n:02d}",
            "slug": f"practice-{n}",
            "latitude": 37.8085 + n * 0.001,
            "longitude": -122.2668,
            "treatments": ["iv-ketamine"],
        }
        for n in range(23)
    ]
    insert_providers(specs, directory=empty_directory)
    soup = search(client, location="94612", treatment="iv-ketamine")
    assert count(soup) == 23
    assert titles(soup) == [f"Practice {n:02d}" for n in range(10)]
    nav = soup.select_one(".c-pagination")
    assert "Page 1 of 3" in nav.get_text()
    next_url = nav.find("a", rel="next")["href"]
    assert "treatment=iv-ketamine" in next_url and "location=94612" in next_url
    assert "page=2" in next_url
    soup = search(client, query=next_url.lstrip("?"))
    assert titles(soup) == [f"Practice {n:02d}" for n in range(10, 20)]
    soup = search(client, location="94612", treatment="iv-ketamine", page="3")
    assert titles(soup) == [f"Practice {n:02d}" for n in range(20, 23)]
    prev_url = soup.select_one(".c-pagination").find("a", rel="prev")["href"]
    assert "page=2" in prev_url
    assert not soup.select_one(".c-pagination").find("a", rel="next")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"location": "99999"}, "location", "We could not find ZIP code 99999"),
        ({"location": "Nowhereville, CA"}, "location", "could not find"),
        ({"location": "Springfield"}, "location", "or add the state"),
        ({"location": "x" * 2000}, "location", "100 characters at most"),
        ({"location": "94612", "radius": "7"}, "radius", "Choose 10, 25, 50 or 100 miles"),
        ({"location": "94612", "radius": "-1"}, "radius", "Choose 10, 25, 50 or 100 miles"),
        ({"location": "94612", "radius": "1e9"}, "radius", "Choose 10, 25, 50 or 100 miles"),
        ({"treatment": "unicorn-therapy"}, "treatment", "We do not list that treatment"),
        ({"condition": "x"}, "condition", "We do not list that condition"),
        ({"sort": "price"}, "sort", "Choose nearest first, name"),
        ({"insurance": "<script>"}, "insurance", "We do not list that insurance"),
        ({"language": "klingon"}, "language", "We do not list that language"),
        ({"visit": "boat"}, "visit", "Choose in person, telehealth, or either"),
        ({"accepting": "maybe"}, "accepting", "ticked or left empty"),
    ],
)
def test_bad_input_is_explained_next_to_the_field(client, known_providers, params, field, message):
    soup = search(client, **params)
    assert message in field_error(soup, field)
    summary = soup.select_one(".c-error-summary")
    assert summary and message in summary.get_text()
    control = soup.find(id=f"id_{field}") or soup.find(id=f"id_{field}_0")  # checkbox groups
    assert control["aria-invalid"] == "true"
    assert f"id_{field}_error" in control["aria-describedby"]
    assert soup.select_one(".c-results__count") is not None
    if field in ("radius", "sort"):
        assert titles(soup)  # we fall back to a default and say so
    else:
        assert titles(soup) == []  # never a list that ignores part of the search
        assert "could not understand" in soup.select_one(".c-no-results").get_text()


@pytest.mark.django_db
def test_control_characters_in_a_filter_get_a_clear_400(client, known_providers):
    response = client.get("/find-a-provider/", {"treatment": "iv\x00ketamine"})
    assert response.status_code == 400
    assert "hidden control characters" in response.content.decode()


@pytest.mark.django_db
def test_bad_radius_falls_back_to_25_miles(client, known_providers):
    soup = search(client, location="94612", radius="7")
    assert titles(soup) == ["Alpha Clinic", "Bravo Berkeley", "Foxtrot Video Therapy"]
    assert "Within 25 miles" in soup.select_one(".c-applied").get_text()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "message", "shown"),
    [
        ("abc", "whole numbers", 1),
        ("2.5", "whole numbers", 1),
        ("0", "start at 1", 1),
        ("-3", "start at 1", 1),
        ("99", "only 1 page", 1),
        ("9" * 400, "only 1 page", 1),
    ],
)
def test_bad_page_numbers(client, known_providers, page, message, shown):
    soup = search(client, page=page)
    nav = soup.select_one(".c-pagination")
    assert message in nav.select_one(".c-field__error").get_text()
    assert f"Page {shown} of 1" in nav.get_text()
    assert titles(soup) == ALL_TITLES


@pytest.mark.django_db
def test_a_2000_character_query_string_still_renders(client, known_providers):
    query = urlencode({"junk": "z" * 1900, "treatment": "iv-ketamine"})
    assert len(query) >= 1900
    soup = search(client, query=query[:2000])
    assert titles(soup) == ["Alpha Clinic", "Delta Sacramento"]
    query = "&".join(f"location={n}" for n in range(400))[:2000]
    soup = search(client, query=query)
    assert field_error(soup, "location")
    soup = search(client, query="%ZZ%%&&==&page=%C0&radius=%FF" + "&a" * 980)
    assert soup.select_one(".c-results__count")
