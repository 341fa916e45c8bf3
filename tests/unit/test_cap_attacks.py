"""Hostile CAP input: each message refused with a clear reason (``CapRefused`` naming the place), quickly."""

import time
from datetime import UTC, datetime, timedelta

import pytest

from media.feeds.cap import MAX_CAP_BYTES, parse_cap
from media.feeds.cap_atom import cap_links
from media.feeds.cap_model import CapRefused
from tests.support.cap import cap, fixture_bytes, fixture_variant

T0 = datetime(2026, 7, 14, 13, 0, tzinfo=UTC)
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol9;</identifier></alert>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?><!DOCTYPE alert SYSTEM "http://127.0.0.1:9/evil.dtd">
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>"""


def refusal(data: bytes) -> CapRefused:
    started = time.monotonic()
    with pytest.raises(CapRefused) as refused:
        parse_cap(data)
    assert time.monotonic() - started < 1.0
    assert str(refused.value).startswith(refused.value.where)
    return refused.value


@pytest.mark.parametrize(("data", "where", "words"), [
    (b"<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'><identifier>x</identifier>", "message", "not well-formed"),
    (b"", "message", "not well-formed"),
    (b"\xff\xfe\x00garbage", "message", "XML"),
    (BILLION_LAUGHS, "message", "DTD"),
    (EXTERNAL_ENTITY, "message", "DTD"),
    (EXTERNAL_DTD, "message", "DTD"),
    (fixture_variant({'xmlns="urn:oasis:names:tc:emergency:cap:1.2"': 'xmlns="urn:oasis:names:tc:emergency:cap:1.1"'}),
     "alert", "namespace"),
    (fixture_variant({' xmlns="urn:oasis:names:tc:emergency:cap:1.2"': ""}), "alert", "CAP 1.2"),
    (b"<rss version='2.0'><channel/></rss>", "rss", "root element"),
])
def test_malformed_and_attacks(data, where, words):
    refused = refusal(data)
    assert refused.where == where and words in refused.reason, str(refused)


@pytest.mark.parametrize(("element", "where"), [
    ("<identifier>FR-13047-2026-0042</identifier>", "alert/identifier"),
    ("<sender>securite-civile@istres.fr</sender>", "alert/sender"),
    ("<sent>2026-07-14T15:05:00+02:00</sent>", "alert/sent"),
    ("<status>Actual</status>", "alert/status"),
    ("<msgType>Alert</msgType>", "alert/msgType"),
    ("<scope>Public</scope>", "alert/scope"),
    ("<event>Hydrogen sulphide emissions (green algae)</event>", "alert/info[1]/event"),
    ("<urgency>Immediate</urgency>\n    <severity>Severe</severity>\n    <certainty>Observed</certainty>\n    <effective>",
     "alert/info[0]/urgency"),
    ("<areaDesc>Plage de la Romaniquette et promontoire</areaDesc>", "alert/info[0]/area[0]/areaDesc"),
])
def test_missing_required_elements(element, where):
    if "<effective>" in element:
        data = fixture_variant({element: "<effective>"})
    else:
        data = fixture_variant({element: ""})
    refused = refusal(data)
    assert refused.where == where and "missing" in refused.reason


@pytest.mark.parametrize(("replacements", "where", "words"), [
    ({"<sent>2026-07-14T15:05:00+02:00</sent>": "<sent>2026-07-14 15:05</sent>"}, "alert/sent", "offset"),
    ({"<sent>2026-07-14T15:05:00+02:00</sent>": "<sent>9999-12-31T23:59:59+00:00</sent>"}, "alert/sent", "year 9999"),
    ({"<sent>2026-07-14T15:05:00+02:00</sent>": "<sent>2026-02-30T15:05:00+02:00</sent>"}, "alert/sent", "real date"),
    ({"<circle>43.5030,4.9890 0.4</circle>": "<circle>NaN,4.9890 0.4</circle>"}, "alert/info[0]/area[0]/circle[0]", "decimal"),
    ({"<circle>43.5030,4.9890 0.4</circle>": "<circle>95,4.9890 0.4</circle>"}, "alert/info[0]/area[0]/circle[0]", "outside"),
    ({"<circle>43.5030,4.9890 0.4</circle>": f"<circle>{'4' * 5000},4.9 1</circle>"}, "alert/info[0]/area[0]/circle[0]", "decimal"),
    ({"<circle>43.5030,4.9890 0.4</circle>": "<polygon>43.50,4.98 43.51,4.98 43.51,5.00 43.50,5.00</polygon>"},
     "alert/info[0]/area[0]/polygon[0]", "does not close"),
    ({"<circle>43.5030,4.9890 0.4</circle>": "<polygon>43.50,4.98 43.51,4.98 43.50,4.98</polygon>"},
     "alert/info[0]/area[0]/polygon[0]", "at least 4"),
    ({"<headline>Plage de la Romaniquette fermée au public</headline>": f"<headline>{'x' * 5000}</headline>"},
     "alert/info[0]/headline", "at most"),
    ({"<identifier>FR-13047-2026-0042</identifier>": "<identifier>FR 42</identifier>"}, "alert/identifier", "space"),
    ({"<msgType>Alert</msgType>": "<msgType>Cancel</msgType>"}, "alert/references", "must name"),
    ({"<msgType>Alert</msgType>": "<msgType>Update</msgType><references>securite-civile@istres.fr,FR-13047-2026-0042,"
      "2026-07-14T15:05:00+02:00</references>"}, "alert/references", "loop"),
    ({"<msgType>Alert</msgType>": "<msgType>Update</msgType><references>a,b</references>"}, "alert/references", "sender,identifier,sent"),
    ({"<web>https://www.istres.fr/alertes/FR-13047-2026-0042</web>": "<web>javascript:alert(1)</web>"}, "alert/info[0]/web", "http"),
    ({"<expires>2026-07-15T09:00:00+02:00</expires>\n    <senderName>": "<expires>2026-07-14T15:00:00+02:00</expires><onset>"
      "2026-07-14T16:00:00+02:00</onset><senderName>"}, "alert/info[0]/expires", "before its onset"),
    ({"<status>Actual</status>": "<status>Actual</status><status>Exercise</status>"}, "alert/status", "once"),
])
def test_bad_values(replacements, where, words):
    refused = refusal(fixture_variant(replacements))
    assert refused.where == where and words in refused.reason, str(refused)


def test_polygons_of_ten_thousand_points_are_refused_quickly():
    points = " ".join(f"43.{i:05d},4.98" for i in range(9999)) + " 43.00000,4.98"
    refused = refusal(fixture_variant({"<circle>43.5030,4.9890 0.4</circle>": f"<polygon>{points}</polygon>"}))
    assert refused.where == "alert/info[0]/area[0]/polygon[0]" and "more than 1000 points" in refused.reason
    closed_1000 = " ".join(f"43.{i:05d},4.98" for i in range(999)) + " 43.00000,4.98"
    alert = parse_cap(fixture_variant({"<circle>43.5030,4.9890 0.4</circle>": f"<polygon>{closed_1000}</polygon>"}))
    assert len(alert.infos[0].areas[0].polygons[0].points) == 1000


def test_size_and_element_count_bounds():
    refused = refusal(b"<a>" + b" " * MAX_CAP_BYTES + b"</a>")
    assert "limit" in refused.reason
    many = "".join(f"<note{i}/>" for i in range(25_000))
    assert "elements" in refusal(fixture_variant({"<scope>Public</scope>": f"<scope>Public</scope>{many}"})).reason
    many_infos = fixture_bytes().decode().replace("</alert>", "<info/>" * 20 + "</alert>").encode()
    assert "at most 16" in refusal(many_infos).reason
    many_refs = " ".join(f"s,id{i},2026-07-14T15:05:00+02:00" for i in range(100))
    assert "more than 64" in refusal(cap("u", sent=T0, expires=T0 + timedelta(hours=1), msg_type="Update", references=many_refs)).reason


def test_deep_nesting_is_refused_or_bounded():
    deep = b"<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'>" + b"<x>" * 30_000 + b"</x>" * 30_000 + b"</alert>"
    refused = refusal(deep)
    assert refused.where in ("alert", "message")


def test_atom_index_links_and_refusals():
    feed = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>MeteoAlarm France</title>
      <entry><id>1</id><link rel="related" type="application/cap+xml" href="/api/v1/warnings/feeds-france/abc"/>
        <link rel="alternate" href="https://meteoalarm.org/page/abc"/></entry>
      <entry><id>2</id><link href="https://feeds.example/b.xml"/></entry>
      <entry><id>3</id></entry></feed>"""
    assert cap_links(feed, "https://feeds.meteoalarm.org/feeds/meteoalarm-legacy-atom-france") == [
        "https://feeds.meteoalarm.org/api/v1/warnings/feeds-france/abc", "https://feeds.example/b.xml"]
    with pytest.raises(CapRefused, match="DTD"):
        cap_links(BILLION_LAUGHS, "https://x/")
    with pytest.raises(CapRefused, match="http"):
        cap_links(b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="file:///etc/passwd"/></entry></feed>', "https://x/")
