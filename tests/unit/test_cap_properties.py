"""Property tests of the CAP parser: whatever bytes come in, only ``CapRefused`` escapes, quickly.

What does come out is usable: aware times within the parser's years, finite coordinates in range,
closed polygons of at most 1,000 points, bounded texts.
"""

import math
import re
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from media.feeds.cap import parse_cap
from media.feeds.cap_area import MAX_POLYGON_POINTS, ScreenPlace, applies_to
from media.feeds.cap_atom import cap_links
from media.feeds.cap_model import CapAlert, CapRefused
from tests.support.cap import fixture_bytes

PROPERTY = settings(max_examples=200, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])
FIXTURE = fixture_bytes().decode("utf-8")
ELEMENT_TEXTS = list(re.finditer(r">([^<>]+)</", FIXTURE))
NASTY = st.sampled_from(["NaN", "inf", "-0", "1e400", "9" * 5000, "", " ", "\u202e", "\x1b[2J", "&amp;", "&lol;", "<!--x-->",
                         "9999-12-31T23:59:59+00:00", "2026-02-30T00:00:00Z", "43.5,4.9 1e9", "0,0 0,0 0,0 0,0",
                         "Actual", "Cancel", "Update", "Extreme", "]]>", "<![CDATA[x]]>", "<!DOCTYPE a>"])


def check_usable(alert: CapAlert) -> None:
    assert alert.sent.tzinfo is not None
    for info in alert.infos:
        assert len(info.headline) <= 400 and len(info.description) <= 8000
        for moment in (info.onset, info.expires):
            assert moment is None or moment.tzinfo is not None
        for area in info.areas:
            for circle in area.circles:
                assert all(math.isfinite(v) for v in (circle.lat, circle.lon, circle.radius_km))
            for polygon in area.polygons:
                assert 4 <= len(polygon.points) <= MAX_POLYGON_POINTS and polygon.points[0] == polygon.points[-1]
                assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in polygon.points)
    applies_to(alert, ScreenPlace((43.5, 4.98), frozenset({"13047"})))  # never raises either
    alert.expires(86400)


def parse_or_refuse(data: bytes) -> None:
    try:
        alert = parse_cap(data)
    except CapRefused as refused:
        assert refused.where and refused.reason
        return
    check_usable(alert)


@PROPERTY
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    parse_or_refuse(data)


@PROPERTY
@given(st.data())
def test_element_texts_replaced(data):
    text = FIXTURE
    for _ in range(data.draw(st.integers(1, 4))):
        match = data.draw(st.sampled_from(ELEMENT_TEXTS))
        new = data.draw(NASTY | st.text(max_size=60))
        text = text.replace(f">{match.group(1)}</", f">{new}</", 1)
    parse_or_refuse(text.encode("utf-8", "surrogatepass"))


@PROPERTY
@given(st.integers(0, len(FIXTURE)), st.integers(0, 200), st.text(max_size=80) | NASTY)
def test_cut_and_spliced(at, cut, insert):
    parse_or_refuse((FIXTURE[:at] + insert + FIXTURE[at + cut:]).encode("utf-8", "surrogatepass"))


@PROPERTY
@given(st.lists(st.tuples(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True, allow_infinity=True)),
                max_size=30), st.booleans())
def test_polygons_of_any_numbers(points, close):
    pairs = [f"{lat!r},{lon!r}" for lat, lon in points] + ([f"{points[0][0]!r},{points[0][1]!r}"] if close and points else [])
    parse_or_refuse(FIXTURE.replace("<circle>43.5030,4.9890 0.4</circle>", f"<polygon>{' '.join(pairs)}</polygon>").encode())


@PROPERTY
@given(st.binary(max_size=1000) | st.text(max_size=300).map(lambda t: f'<feed xmlns="http://www.w3.org/2005/Atom">{t}</feed>'.encode()))
def test_atom_index_any_input(data):
    try:
        links = cap_links(data, "https://feeds.example/index")
    except CapRefused:
        return
    assert all(link.startswith(("http://", "https://")) for link in links)
