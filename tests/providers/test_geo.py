import pytest

from content.providers import geo


@pytest.mark.parametrize(
    ("text", "label", "state"),
    [
        ("94612", "Oakland, CA 94612", "CA"),
        ("94612-1234", "Oakland, CA 94612", "CA"),
        ("Oakland, CA", "Oakland, CA", "CA"),
        ("oakland ca", "Oakland, CA", "CA"),
        ("Portland, Oregon", "Portland, OR", "OR"),
        ("Salt Lake City Utah", "Salt Lake City, UT", "UT"),
        ("  San   Francisco ,  ca ", "San Francisco, CA", "CA"),
    ],
)
def test_places_resolve_offline(text, label, state):
    place = geo.resolve_place(text)
    assert place.label == label
    assert place.state == state


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("99999", "We could not find ZIP code 99999. Check the number"),
        ("00000", "We could not find ZIP code 00000. Check the number, or enter a city"),
        ("9461", "A ZIP code has 5 digits; “9461” has 4"),
        ("946 123", "A ZIP code has 5 digits"),
        ("abcde", "We could not find a place called “abcde”"),
        ("Springfield", "More than one place"),
        ("Oakland, ZZ", "could not find"),
        ("", "Enter a ZIP code"),
    ],
)
def test_unknown_places_explain_the_problem(text, message):
    with pytest.raises(geo.PlaceNotFound, match=message):
        geo.resolve_place(text)


def test_an_ambiguous_city_lists_its_matches_larger_places_first():
    with pytest.raises(geo.PlaceAmbiguous) as caught:
        geo.resolve_place("Oakland")
    labels = [place.label for place in caught.value.places]
    assert labels[0] == "Oakland, CA"
    assert "Oakland, NJ" in labels
    assert len(labels) == len(set(labels)) > 5
    # Each offered match resolves on its own.
    for label in labels:
        assert geo.resolve_place(label).label == label


def test_haversine_matches_known_distances():
    # Oakland (94612) to San Jose city hall is about 39 miles; to Los Angeles about 337.
    assert 37 < geo.haversine_miles(37.8085, -122.2668, 37.3382, -121.8863) < 41
    assert 330 < geo.haversine_miles(37.8085, -122.2668, 34.0522, -118.2437) < 345
    assert geo.haversine_miles(37.8, -122.2, 37.8, -122.2) == 0


def test_bounding_box_contains_the_circle():
    lat, lng = 37.8085, -122.2668
    min_lat, max_lat, min_lng, max_lng = geo.bounding_box(lat, lng, 25)
    assert geo.haversine_miles(lat, lng, max_lat, lng) >= 24.9
    assert geo.haversine_miles(lat, lng, lat, max_lng) >= 24.9
    assert min_lat < lat < max_lat and min_lng < lng < max_lng


def test_state_lists_are_normalised():
    assert geo.normalise_states("ca, or;wa CA") == ("CA,OR,WA", [])
    assert geo.normalise_states("CA, XX") == ("CA", ["XX"])
