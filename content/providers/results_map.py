"""A small map of one page of results, drawn on the server as SVG.

No tiles, scripts or requests to other sites: the searched point, the search circle and one
numbered marker per listed practice that has coordinates, placed with a flat projection around
the searched point (fine over the 10 to 100 miles a search covers). The list of results is the
accessible version of the same information; the template hides the drawing from screen readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import geo

SIZE = 320  # the drawing is SIZE x SIZE units; CSS scales it
MARGIN = 18  # room for a marker at the edge
MARKER_RADIUS = 11
MIN_REACH_MILES = 1.0


@dataclass(frozen=True)
class Marker:
    number: int
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class ResultsMap:
    size: int
    centre: float
    circle_radius: float
    radius_miles: int
    place_label: str
    markers: list[Marker]
    marker_radius: int = MARKER_RADIUS


def _offset_miles(place: geo.Place, latitude: float, longitude: float) -> tuple[float, float]:
    """East and north offsets in miles from the searched point (equirectangular)."""
    east = (longitude - place.longitude) * geo.MILES_PER_DEGREE_LAT
    east *= math.cos(math.radians(place.latitude))
    north = (latitude - place.latitude) * geo.MILES_PER_DEGREE_LAT
    return east, north


def build(place: geo.Place | None, radius: int, numbered: list[tuple[int, object]]):
    """A ResultsMap for ``numbered`` (list number, provider) pairs, or None without a place.

    Practices without coordinates (telehealth only) get no marker; their list number is
    simply absent from the drawing.
    """
    if place is None:
        return None
    points = []
    for number, provider in numbered:
        if provider.in_person and provider.latitude is not None and provider.longitude is not None:
            east, north = _offset_miles(place, provider.latitude, provider.longitude)
            points.append((number, east, north, provider.title))
    # Zoomed to the listed practices (at least a mile around the searched point), so that close
    # markers stay apart; the search circle is drawn at the same scale and may run off the edge.
    reach = max([MIN_REACH_MILES] + [max(abs(e), abs(n)) * 1.1 for _, e, n, _ in points])
    half = SIZE / 2
    scale = (half - MARGIN) / reach
    markers = [
        Marker(number=n, x=round(half + e * scale, 1), y=round(half - no * scale, 1), title=t)
        for n, e, no, t in points
    ]
    return ResultsMap(
        size=SIZE,
        centre=half,
        circle_radius=round(radius * scale, 1),
        radius_miles=radius,
        place_label=place.label,
        markers=markers,
    )
