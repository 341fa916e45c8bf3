"""CAP areas: reading circles, polygons and geocodes, and whether a screen stands inside one.

A screen has a point (latitude, longitude) and/or zone codes (e.g. INSEE 13047). An alert applies
when the point is inside one of its circles or polygons, or one of the zone codes is one of its
geocode values. Distances are great-circle (haversine); polygons are tested by ray casting in
degrees, exact enough for areas the size of a town or a département.
"""

import math
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from media.feeds.cap_fields import children, number, point, text
from media.feeds.cap_model import Area, CapAlert, CapRefused, Circle, Polygon

MAX_POLYGON_POINTS = 1000
MAX_SHAPES_PER_AREA = 32  # circles, polygons and geocodes each
EARTH_RADIUS_KM = 6371.0088
MAX_RADIUS_KM = 20038.0  # half the circumference: a circle this big covers the Earth


@dataclass(frozen=True, slots=True)
class ScreenPlace:
    """Where a screen is, from its configuration (``kiosk run --location LAT,LON --zone CODE``)."""

    location: tuple[float, float] | None = None
    zones: frozenset[str] = frozenset()

    @property
    def configured(self) -> bool:
        return self.location is not None or bool(self.zones)


def parse_area(element: Element, path: str) -> Area:
    description = text(element, "areaDesc", path, required=True)
    circles = tuple(parse_circle(c.text or "", f"{path}/circle[{i}]")
                    for i, c in enumerate(children(element, "circle", path, MAX_SHAPES_PER_AREA)))
    polygons = tuple(parse_polygon(p.text or "", f"{path}/polygon[{i}]")
                     for i, p in enumerate(children(element, "polygon", path, MAX_SHAPES_PER_AREA)))
    geocodes = []
    for i, code in enumerate(children(element, "geocode", path, MAX_SHAPES_PER_AREA)):
        where = f"{path}/geocode[{i}]"
        geocodes.append((text(code, "valueName", where, required=True), text(code, "value", where, required=True)))
    return Area(description, circles, polygons, tuple(geocodes))


def parse_circle(value: str, where: str) -> Circle:
    """"lat,lon radius_km"."""
    parts = value.split()
    if len(parts) != 2:
        raise CapRefused(where, f"{value.strip()[:60]!r} is not 'latitude,longitude radius'")
    lat, lon = point(parts[0], where)
    return Circle(lat, lon, number(parts[1], where, 0.0, MAX_RADIUS_KM))


def parse_polygon(value: str, where: str) -> Polygon:
    """Whitespace-separated "lat,lon" pairs, at least four, the first repeated last."""
    tokens = value.split(None, MAX_POLYGON_POINTS)  # never splits more than the limit needs
    if len(tokens) > MAX_POLYGON_POINTS:
        raise CapRefused(where, f"more than {MAX_POLYGON_POINTS} points ({len(value.split())}): refused")
    if len(tokens) < 4:
        raise CapRefused(where, f"{len(tokens)} points: a polygon needs at least 4 (3 corners and the first again)")
    points = tuple(point(token, f"{where} point {i}") for i, token in enumerate(tokens))
    if points[0] != points[-1]:
        raise CapRefused(where, f"does not close: the first point {tokens[0][:40]} is not repeated last ({tokens[-1][:40]})")
    return Polygon(points)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def inside_polygon(spot: tuple[float, float], polygon: Polygon) -> bool:
    """Ray casting (even-odd rule) on (lat, lon); a point on an edge may fall either way."""
    lat, lon = spot
    inside = False
    points = polygon.points
    for (lat1, lon1), (lat2, lon2) in zip(points, points[1:], strict=False):
        if (lat1 > lat) != (lat2 > lat):
            crossing_lon = lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1)
            if lon < crossing_lon:
                inside = not inside
    return inside


def area_contains(area: Area, place: ScreenPlace) -> bool:
    if place.zones and any(value in place.zones for _name, value in area.geocodes):
        return True
    if place.location is None:
        return False
    return (any(distance_km(place.location, (c.lat, c.lon)) <= c.radius_km for c in area.circles)
            or any(inside_polygon(place.location, p) for p in area.polygons))


def applies_to(alert: CapAlert, place: ScreenPlace) -> bool:
    """Whether ``alert`` is for this screen. A screen configured with no place takes every alert (safety
    content is never hidden by a missing setting); an alert whose areas say nowhere testable (areaDesc
    only) applies everywhere too: its sender meant it for whoever receives it."""
    if not place.configured:
        return True
    areas = [area for info in alert.infos for area in info.areas]
    if not any(area.located for area in areas):
        return True
    return any(area_contains(area, place) for area in areas)
