"""The finder as a patient uses it: honest errors, ambiguity, sort, multi-select, cards, map,
and the way back from a provider page (issue 18)."""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup

from .bulk import insert_providers
from .test_directory import URL, count, search, titles


def summary(soup):
    return soup.select_one(".c-results__count").get_text(" ", strip=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("00000", "We could not find ZIP code 00000. Check the number, or enter a city"),
        ("9461", "A ZIP code has 5 digits; “9461” has 4"),
        ("abcde", "We could not find a place called “abcde”"),
        ("Nowhereville, CA", "We could not find a place called “Nowhereville, CA”"),
    ],
)
def test_a_place_we_cannot_find_shows_the_error_and_no_list(
    client, known_providers, location, message
):
    soup = search(client, location=location)
    assert message in soup.select_one(".c-error-summary").get_text()
    assert titles(soup) == []
    assert not soup.select(".c-provider-list, .c-results-map")
    assert "No results yet" in summary(soup)
    assert "could not understand" in soup.select_one(".c-no-results").get_text()


@pytest.mark.django_db
def test_an_unknown_filter_value_shows_no_list_either(client, known_providers):
    soup = search(client, location="94612", treatment=["iv-ketamine", "unicorn"])
    assert "We do not list that treatment" in soup.select_one(".c-error-summary").get_text()
    assert titles(soup) == []


@pytest.mark.django_db
def test_an_ambiguous_city_offers_its_matches_as_links(client, known_providers):
    soup = search(client, location="Oakland", treatment="iv-ketamine", radius="50")
    assert (
        "More than one place is called “Oakland”" in soup.select_one(".c-error-summary").get_text()
    )
    assert soup.select_one(".c-error-summary a")["href"] == "#place-choices"
    links = soup.select(".c-place-choices a")
    labels = [a.get_text(strip=True) for a in links]
    assert labels[0] == "Oakland, CA"  # the largest place first
    assert "Oakland, NJ" in labels
    assert titles(soup) == []
    first = urlsplit(links[0]["href"])
    assert first.fragment == "results"
    assert parse_qs(first.query) == {
        "location": ["Oakland, CA"],
        "radius": ["50"],
        "treatment": ["iv-ketamine"],
    }
    soup = search(client, query=first.query)
    assert titles(soup) == ["Alpha Clinic"]
    assert (
        summary(soup) == "1 practice within 50 miles of Oakland, CA or by telehealth in California"
    )


@pytest.mark.django_db
def test_the_form_lands_on_the_results_summary(client, known_providers):
    soup = search(client, location="94612", radius="25")
    form = soup.select_one("form#search-form")
    assert form["action"].endswith("#results")
    heading = soup.find(id="results")
    assert heading["tabindex"] == "-1"
    assert summary(soup) == (
        "3 practices within 25 miles of Oakland, CA 94612 or by telehealth in California"
    )
    # Right after the form: the summary, then a compact "Change search".
    assert form.find_next("h2") is heading
    assert soup.select_one(".c-applied__change")["href"] == "#search-form"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["Alpha Clinic", "Bravo Berkeley", "Charlie San Jose", "Foxtrot Video Therapy"]),
        (
            "distance",
            ["Alpha Clinic", "Bravo Berkeley", "Charlie San Jose", "Foxtrot Video Therapy"],
        ),
        ("name", ["Alpha Clinic", "Bravo Berkeley", "Charlie San Jose", "Foxtrot Video Therapy"]),
        (
            "accepting",
            ["Alpha Clinic", "Charlie San Jose", "Foxtrot Video Therapy", "Bravo Berkeley"],
        ),
    ],
)
def test_sort_orders(client, known_providers, sort, expected):
    soup = search(client, location="94612", radius="50", sort=sort)
    assert titles(soup) == expected


@pytest.mark.django_db
def test_sort_by_name_and_accepting_first_without_a_location(client, known_providers):
    assert titles(search(client, sort="name"))[:2] == ["Alpha Clinic", "Bravo Berkeley"]
    assert titles(search(client, sort="distance"))[:2] == ["Alpha Clinic", "Bravo Berkeley"]
    accepting_first = titles(search(client, sort="accepting"))
    assert accepting_first[-1] == "Bravo Berkeley"
    assert accepting_first[:-1] == sorted(accepting_first[:-1])


@pytest.mark.django_db
def test_name_sort_differs_from_distance_sort(client, known_providers):
    by_distance = titles(search(client, location="95814", radius="100", visit="in_person"))
    by_name = titles(search(client, location="95814", radius="100", visit="in_person", sort="name"))
    assert by_distance[0] == "Delta Sacramento"
    assert by_name == sorted(by_distance)
    assert by_name != by_distance


@pytest.mark.django_db
def test_multi_select_means_any_of_the_chosen_terms(client, known_providers):
    soup = search(client, treatment=["iv-ketamine", "oral-ketamine"])
    assert titles(soup) == ["Alpha Clinic", "Bravo Berkeley", "Delta Sacramento"]
    soup = search(
        client, language=["vietnamese", "spanish"], insurance=["medicare", "sliding-scale"]
    )
    assert titles(soup) == ["Charlie San Jose", "Delta Sacramento", "Foxtrot Video Therapy"]
    checked = [box["value"] for box in soup.select("input[name=language][checked]")]
    assert checked == ["spanish", "vietnamese"] or sorted(checked) == ["spanish", "vietnamese"]
    # The disclosure with a choice is open; one without is closed.
    assert soup.find(id="field-language").has_attr("open")
    assert not soup.find(id="field-treatment").has_attr("open")
    labels = [item.contents[0].strip() for item in soup.select(".c-applied__item")]
    assert "Language: Spanish (Español)" in labels and "Language: Vietnamese" in labels
    # Removing one choice keeps the other.
    remove = next(i for i in soup.select(".c-applied__item") if "Vietnamese" in i.get_text())
    query = parse_qs(urlsplit(remove.find("a")["href"]).query)
    assert query["language"] == ["spanish"] and len(query["insurance"]) == 2


@pytest.mark.django_db
def test_distance_shows_under_the_telehealth_filter_and_order_stays_by_distance(
    client, known_providers
):
    soup = search(client, location="94612", visit="telehealth")
    assert titles(soup) == ["Alpha Clinic", "Foxtrot Video Therapy"]
    cards = soup.select(".c-provider-card")
    assert cards[0].select_one(".c-provider-card__distance").get_text() == "less than 1 mile away"
    assert cards[1].select_one(".c-provider-card__distance") is None  # telehealth only
    assert "Telehealth only" in cards[1].get_text()
    assert summary(soup) == "2 practices offering telehealth in California"
    # Far away but serving the state by telehealth: its distance is still shown.
    soup = search(client, location="95814", radius="10", visit="telehealth")
    card = soup.select(".c-provider-card")[0]
    assert titles(soup)[0] == "Alpha Clinic"
    assert re.fullmatch(r"\d+ miles away", card.select_one(".c-provider-card__distance").get_text())


@pytest.mark.django_db
def test_cards_show_contact_status_and_booking_only_where_requests_come_here(client, rf, directory):
    from content.providers.models import ProviderPage

    request = rf.get(URL)

    soup = search(client, location="94612", radius="10")
    cards = {
        c.select_one(".c-card__title a").get_text(): c for c in soup.select(".c-provider-card")
    }
    own = ProviderPage.objects.live().filter(takes_requests_here=True, accepting_new_patients=True)
    assert own.exists()
    for title, card in cards.items():
        page = ProviderPage.objects.get(title=title)
        assert card.select_one(f'a[href="{page.phone_href}"]')
        badge = card.select_one(".c-status-badge").get_text(strip=True)
        assert badge == (
            "Accepting new patients"
            if page.accepting_new_patients
            else "Not accepting new patients"
        )
        booking = card.select_one(".c-provider-card__actions a.c-button")
        assert bool(booking) == bool(page.booking_url(request)), title
        if booking:
            assert booking["href"] == page.booking_url(request) and page.can_request_here
        if page.in_person:
            directions = card.find("a", href=re.compile("^https://www.google.com/maps/dir/"))
            assert directions["target"] == "_blank" and "noopener" in directions["rel"]
            assert "new tab" in directions.get_text()
        else:
            assert "Directions" not in card.get_text()
        if page.telehealth:
            assert "Telehealth in" in card.get_text()
    assert any(c.select(".c-provider-card__actions a.c-button") for c in cards.values())


@pytest.mark.django_db
def test_pagination_has_numbered_links_that_keep_every_filter(client, empty_directory):
    specs = [
        {
            "title": f"Practice {n:02d}",
            "slug": f"practice-{n}",
            "latitude": 37.8085 + n * 0.001,
            "longitude": -122.2668,
            "treatments": ["iv-ketamine"] if n % 2 else ["oral-ketamine"],
            "languages": ["english", "spanish"],
        }
        for n in range(35)
    ]
    insert_providers(specs, directory=empty_directory)
    params = {
        "location": "94612",
        "treatment": ["iv-ketamine", "oral-ketamine"],
        "language": "spanish",
        "sort": "name",
    }
    soup = search(client, **params)
    assert count(soup) == 35
    links = soup.select(".c-pagination__list a")
    numbers = [a.get_text(strip=True).replace("Page", "").strip() for a in links]
    assert numbers == ["1", "2", "3", "4", "Next page"] or numbers[:4] == ["1", "2", "3", "4"]
    current = soup.select_one(".c-pagination [aria-current=page]")
    assert current.get_text(strip=True).endswith("1")
    third = next(a for a in links if a.get_text(strip=True).endswith("3"))
    query = parse_qs(urlsplit(third["href"]).query)
    assert query == {
        "location": ["94612"],
        "radius": ["25"],
        "treatment": ["iv-ketamine", "oral-ketamine"],
        "language": ["spanish"],
        "sort": ["name"],
        "page": ["3"],
    }
    assert urlsplit(third["href"]).fragment == "results"
    soup = search(client, query=urlsplit(third["href"]).query)
    assert titles(soup) == [f"Practice {n:02d}" for n in range(20, 30)]
    assert soup.select_one(".c-provider-list")["start"] == "21"


@pytest.mark.django_db
def test_map_markers_match_the_listed_results(client, known_providers):
    soup = search(client, location="94612", radius="50")
    listed = titles(soup)
    assert listed == ["Alpha Clinic", "Bravo Berkeley", "Charlie San Jose", "Foxtrot Video Therapy"]
    svg = soup.select_one(".c-results-map svg")
    assert svg["aria-hidden"] == "true"
    markers = svg.select(".c-results-map__marker")
    # One numbered marker per listed practice with an address (Foxtrot is telehealth only).
    assert [m["data-number"] for m in markers] == ["1", "2", "3"]
    assert [m.find("text").get_text() for m in markers] == ["1", "2", "3"]
    numbers = [
        c.select_one(".c-provider-card__number").get_text() for c in soup.select(".c-provider-card")
    ]
    assert numbers == ["1", "2", "3", "4"]
    # Alpha (at the searched point) sits in the middle; Berkeley is north of it, San Jose south-east.
    positions = {m["data-number"]: (float(m.circle["cx"]), float(m.circle["cy"])) for m in markers}
    assert positions["1"] == (160.0, 160.0)
    assert positions["2"][1] < 160 and positions["3"][1] > 160 and positions["3"][0] > 160
    assert svg.select_one(".c-results-map__here")
    assert "Oakland, CA 94612" in soup.select_one(".c-results-map figcaption").get_text()


@pytest.mark.django_db
def test_the_page_requests_nothing_from_other_sites(client, known_providers):
    response = client.get(URL, {"location": "94612", "radius": "50"})
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    svg = str(soup.select_one(".c-results-map svg"))
    assert "http" not in svg and "href" not in svg
    for tag in soup.find_all(src=True):
        assert not re.match(r"^(https?:)?//", tag["src"]), tag
    for tag in soup.find_all("link", href=True):
        assert not re.match(r"^(https?:)?//", tag["href"]) or tag.get("rel") == ["canonical"], tag
    assert "<script" not in svg and "<image" not in svg


@pytest.mark.django_db
def test_no_map_without_a_location(client, known_providers):
    assert not search(client).select(".c-results-map")


@pytest.mark.django_db
def test_provider_page_links_back_to_the_exact_search(client, known_providers):
    params = [
        ("location", "94612"),
        ("radius", "50"),
        ("treatment", "iv-ketamine"),
        ("treatment", "oral-ketamine"),
        ("sort", "name"),
    ]
    soup = search(client, query=urlencode(params))
    link = soup.select_one(".c-provider-card .c-card__title a")["href"]
    path, _, query = link.partition("?")
    assert path == "/find-a-provider/alpha/"
    response = client.get(link)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    back = page.find("a", string="Back to results")["href"]
    assert back.startswith("../?") and back.endswith("#results")
    assert parse_qs(urlsplit(back).query) == {
        "location": ["94612"],
        "radius": ["50"],
        "treatment": ["iv-ketamine", "oral-ketamine"],
        "sort": ["name"],
    }
    # Resolved against the provider page, it is the directory with the same search.
    soup = search(client, query=urlsplit(back).query)
    assert titles(soup) == ["Alpha Clinic", "Bravo Berkeley"]


@pytest.mark.django_db
def test_back_link_keeps_only_directory_parameters(client, known_providers):
    junk = urlencode({"search": "location=94612&next=https://evil.example&x=" + "z" * 3000})
    page = BeautifulSoup(client.get(f"/find-a-provider/alpha/?{junk}").content, "html.parser")
    back = page.find("a", string="Back to results")["href"]
    assert back == "../?location=94612#results"
    page = BeautifulSoup(client.get("/find-a-provider/alpha/").content, "html.parser")
    assert page.find("a", string="Back to results") is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "location=94612&location=10001&radius=10&radius=50",
        "treatment=iv-ketamine&treatment=iv-ketamine&sort=name&sort=name",
        "radius=-25&location=94612",
        "radius=99999999999999999999&location=94612",
        "page=-1&sort=accepting",
        "page=999999999999999999999999",
        "sort=" + "x" * 2000,
        "language=" + "y" * 2000,
        "location=" + "%00" * 3,
    ],
)
def test_bad_input_never_fails(client, known_providers, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code in (200, 400)
