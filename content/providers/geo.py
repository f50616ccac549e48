"""Offline US place lookup (the bundled `zipcodes` dataset) and distance helpers."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

import zipcodes
from django.utils.translation import gettext as _

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_LAT = 69.0

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "PR": "Puerto Rico", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
STATE_BY_NAME = {name.lower(): code for code, name in US_STATES.items()}

ZIP_RE = re.compile(r"^\d{5}(?:-\d{4})?$")
# Digits, spaces and dashes only: meant as a ZIP code, but not 5 digits.
NUMBER_LIKE_RE = re.compile(r"^[\d\s-]+$")


class PlaceNotFound(ValueError):
    """The text could not be matched to one US ZIP code or city; the message says why."""


class PlaceAmbiguous(PlaceNotFound):
    """Several places share the name; ``places`` lists them, larger places first."""

    def __init__(self, message: str, places: list[Place]):
        super().__init__(message)
        self.places = places


@dataclass(frozen=True)
class Place:
    label: str
    state: str
    latitude: float
    longitude: float


def lookup_zip(code: str) -> Place | None:
    code = code.strip()
    if not ZIP_RE.match(code):
        return None
    try:
        matches = zipcodes.matching(code)
    except (TypeError, ValueError):
        return None
    for item in matches:
        if item.get("lat") and item.get("long"):
            return Place(
                label=f"{item['city'].title()}, {item['state']} {item['zip_code']}",
                state=item["state"],
                latitude=float(item["lat"]),
                longitude=float(item["long"]),
            )
    return None


@cache
def _city_index() -> dict[tuple[str, str], tuple[str, float, float, int]]:
    """(city in lower case, state) -> (city name, centroid latitude, centroid longitude,
    number of street ZIP codes). The dataset has no population; the number of ZIP codes a
    place has is a fair stand-in for its size, so larger places are offered first."""
    sums: dict[tuple[str, str], list] = {}
    for item in zipcodes.list_all():
        if not (item.get("lat") and item.get("long")) or item.get("zip_code_type") == "PO BOX":
            continue
        key = (item["city"].lower(), item["state"])
        entry = sums.setdefault(key, [item["city"].title(), 0.0, 0.0, 0])
        entry[1] += float(item["lat"])
        entry[2] += float(item["long"])
        entry[3] += 1
    return {key: (name, lat / n, lng / n, n) for key, (name, lat, lng, n) in sums.items()}


def lookup_city(city: str, state: str = "") -> list[Place]:
    """Places with this name (in this state, if given), larger places first."""
    index = _city_index()
    city_key = " ".join(city.lower().split())
    states = [state] if state else [code for name, code in index if name == city_key]
    found = [(index[(city_key, code)], code) for code in states if (city_key, code) in index]
    found.sort(key=lambda item: (-item[0][3], item[1]))
    return [
        Place(label=f"{name}, {code}", state=code, latitude=lat, longitude=lng)
        for (name, lat, lng, _), code in found
    ]


def resolve_place(text: str) -> Place:
    """Turn '94612', 'Oakland, CA', 'Oakland CA' or 'Oakland, California' into a Place."""
    text = " ".join(text.split())
    if not text:
        raise PlaceNotFound(_("Enter a ZIP code or a city."))
    if ZIP_RE.match(text):
        place = lookup_zip(text)
        if place is None:
            raise PlaceNotFound(
                _(
                    "We could not find ZIP code %(zip)s. Check the number, "
                    "or enter a city and state instead."
                )
                % {"zip": text}
            )
        return place
    if NUMBER_LIKE_RE.match(text):
        digits = sum(ch.isdigit() for ch in text)
        raise PlaceNotFound(
            _(
                "A ZIP code has 5 digits; “%(text)s” has %(digits)d. Check the number, "
                "or enter a city and state instead."
            )
            % {"text": text, "digits": digits}
        )
    city, state = _split_city_state(text)
    places = lookup_city(city, state)
    if not places:
        where = f"{city}, {state}" if state else city
        raise PlaceNotFound(
            _(
                "We could not find a place called “%(place)s”. Check the spelling, add the "
                "state (for example “Oakland, CA”), or enter a ZIP code."
            )
            % {"place": where}
        )
    if len(places) > 1:
        raise PlaceAmbiguous(
            _(
                "More than one place is called “%(name)s”. Choose the one you mean from the "
                "list of places, or add the state, for example “%(example)s”."
            )
            % {"name": places[0].label.rsplit(",", 1)[0], "example": places[0].label},
            places,
        )
    return places[0]


def _split_city_state(text: str) -> tuple[str, str]:
    if "," in text:
        city, _, state = text.rpartition(",")
        state = state.strip()
        code = state.upper() if state.upper() in US_STATES else STATE_BY_NAME.get(state.lower())
        if code:
            return city.strip(), code
        return text, ""
    words = text.split(" ")
    if len(words) > 1 and words[-1].upper() in US_STATES:
        return " ".join(words[:-1]), words[-1].upper()
    for size in (3, 2, 1):
        if len(words) > size and " ".join(words[-size:]).lower() in STATE_BY_NAME:
            return " ".join(words[:-size]), STATE_BY_NAME[" ".join(words[-size:]).lower()]
    return text, ""


def haversine_miles(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lng: float, miles: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lng, max_lng) of a box that contains the circle."""
    dlat = miles / MILES_PER_DEGREE_LAT
    cos_lat = max(math.cos(math.radians(lat)), 0.01)
    dlng = miles / (MILES_PER_DEGREE_LAT * cos_lat)
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng


def normalise_states(value: str) -> tuple[str, list[str]]:
    """'ca, or; WA' -> ('CA,OR,WA', []) ; unknown codes are returned as the second item."""
    parts = [p.strip().upper() for p in re.split(r"[,;\s]+", value or "") if p.strip()]
    unknown = [p for p in parts if p not in US_STATES]
    seen = []
    for p in parts:
        if p in US_STATES and p not in seen:
            seen.append(p)
    return ",".join(sorted(seen)), unknown
