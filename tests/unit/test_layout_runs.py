"""Whatever validates must run: values the validator accepted used to fail only once on screen.

Each test feeds a layout through ``collect_problems`` and, when it is accepted, hands the values to
the very code that uses them at run time (the beach display, the feed rules, the MQTT settings and
client, the navigation policy, the QR encoder).
"""

import json
from datetime import UTC, datetime

import paho.mqtt.client as mqtt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layouts import LayoutInvalid, parse_layout
from layouts.validate import collect_problems
from media.feeds.http_sources import dig
from media.feeds.mqtt_feed import MqttSettings
from media.qr import render_qr_png
from signs.beach.display import BeachState, panel_display
from signs.beach.feeds import document_parser, sensor_map
from signs.widgets.navigation import NavigationRequest, is_navigation_allowed

NOW = datetime(2026, 7, 14, 13, 5, tzinfo=UTC)
QUICK = settings(max_examples=150, deadline=None)


def layout(*items, **region):
    return {"schema_version": 2, "name": "t", "screen": {"width": 800, "height": 600},
            "regions": [{"id": "main", "x": 0, "y": 0, "width": 800, "height": 600, **region, "playlist": list(items)}]}


def beach(**fields):
    return {"kind": "beach_panel", "replay": "builtin:romaniquette", "theme": "auto", "latitude": None, "longitude": None,
            **fields}


def found(doc) -> dict[str, str]:
    accepted, problems = collect_problems(doc)
    return {p.path: p.message for p in problems}


ITEM = "$.regions[0].playlist[0]"


@pytest.mark.parametrize("value", ["99:99", "24:00", "07:60", "٠٧:٠٠", "０７:００", "7:00", "07:00\n", "07h00"])
def test_times_of_day_the_display_cannot_read_are_refused(value):
    for name in ("day_from", "night_from"):
        message = found(layout(beach(**{name: value})))[f"{ITEM}.{name}"]
        assert message.startswith("must be a time of day written HH:MM, from 00:00 to 23:59 (found ")


@QUICK
@given(st.text(alphabet="0123456789:٠٧２", min_size=4, max_size=6), st.text(alphabet="0123456789:", min_size=5, max_size=5))
def test_every_accepted_time_of_day_runs_in_the_display(day_from, night_from):
    accepted, problems = collect_problems(layout(beach(day_from=day_from, night_from=night_from)))
    if accepted is not None:
        config = accepted.regions[0].playlist[0]
        assert panel_display(BeachState(), config, NOW)["tiles"]


@pytest.mark.parametrize("path", ["data.²", "data.٣", "a..b", ".a", "a.", "@iot.id", "données", "a b", "x." * 16 + "x"])
def test_value_paths_are_ascii_names_and_indexes(path):
    source = {"kind": "json", "url": "https://data.example/v.json", "quantity": "h2s", "value_path": path, "time_path": path}
    problems = found(layout(beach(http_sources=[source])))
    assert problems[f"{ITEM}.http_sources[0].value_path"].startswith("must be a dotted path of ASCII names and list indexes")
    assert f"{ITEM}.http_sources[0].time_path" in problems


json_docs = st.recursive(st.none() | st.integers() | st.text(max_size=3),
                         lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["a", "0", "b_1", "²"]), inner, max_size=4),
                         max_leaves=12)


@QUICK
@given(st.text(alphabet="ab_0123456789-.²٣", min_size=1, max_size=12), json_docs)
def test_every_accepted_value_path_can_be_walked(path, doc):
    source = {"kind": "json", "url": "https://data.example/v.json", "quantity": "h2s", "value_path": path}
    accepted, _ = collect_problems(layout(beach(http_sources=[source])))
    if accepted is not None:
        try:
            dig(doc, path)
        except KeyError:
            pass  # absent from this document: a refusal the feed reports, not a crash
        parse = document_parser(accepted.regions[0].playlist[0].http_sources[0])
        assert parse(json.dumps({"a": doc}).encode(), NOW).source == source["url"]


@pytest.mark.parametrize(("text", "message"), [
    ('"z": 2147483648', "must be at most 1000 (found 2147483648)"),
    ('"z": -2147483649', "must be at least -1000 (found -2147483649)"),
    ('"z": ' + "1" + "0" * 100, "is a number with 101 digits; numbers have at most 30"),
])
def test_region_z_stays_in_a_small_range(text, message):
    doc = json.dumps(layout({"kind": "text", "text": "x"})).replace('"x": 0', text + ', "x": 0')
    with pytest.raises(LayoutInvalid) as caught:
        parse_layout(doc)
    assert [str(p) for p in caught.value.problems] == [f"$.regions[0].z: {message}"]


@pytest.mark.parametrize(("entry", "says"), [
    ("*", "would allow every host"),
    ("*.fr", "a wildcard needs a domain of at least two labels"),
    ("*.", "would allow every host"),
    ("istres.fr.", "must not end with a dot"),
    ("*.istres.fr.", "must not end with a dot"),
    ("www.*.fr", "a * may only open the entry"),
    ("**.istres.fr", "a * may only open the entry"),
    ("*.168.1", "a wildcard needs a domain of at least two labels"),
    ("-bad.istres.fr", "must be a host name"),
    ("exa mple.org", "must be a host name"),
    ("istres..fr", "must be a host name"),
    ("städte.de", "must be a host name"),
    ("evil.org\x00.istres.fr", "must be a host name"),
])
def test_allow_list_entries_that_open_too_much_or_match_nothing_are_refused(entry, says):
    problems = found(layout({"kind": "web", "url": "https://www.istres.fr/", "allow": ["www.istres.fr", entry]}))
    assert list(problems) == [f"{ITEM}.allow[1]"]
    assert problems[f"{ITEM}.allow[1]"].startswith(says)
    assert "\x00" not in problems[f"{ITEM}.allow[1]"]


def test_good_allow_list_entries_work_in_the_navigation_policy():
    allow = ["*.istres.fr", "www.service-public.fr", "xn--stdte-kva.de", "intranet", "192.168.1.10"]
    accepted, problems = collect_problems(layout({"kind": "web", "url": "https://www.istres.fr/", "allow": allow}))
    assert problems == []
    web = accepted.regions[0].playlist[0]
    def allowed(url):
        return is_navigation_allowed(NavigationRequest(url, web.url, tuple(web.allow)))
    assert allowed("https://agenda.istres.fr/x") and allowed("http://192.168.1.10/")
    assert not allowed("https://istres.fr.evil.org/") and not allowed("https://gouv.fr/")


@pytest.mark.parametrize(("field", "value"), [
    ("src", "a\x00.png"), ("src", "https://x.org/\x00.png"), ("src", "https://x.org/\x1b[2J.png"), ("src", "photo\u202e.png"),
    ("url", "https://x.org/\x00"), ("url", "https://x.org/\r\nSet-Cookie: a"),
])
def test_control_characters_in_sources_and_urls_are_refused(field, value):
    item = {"kind": "image", "src": value} if field == "src" else {"kind": "web", "url": value}
    message = found(layout(item))[f"{ITEM}.{field}"]
    assert "control characters" in message or "must be an http(s) URL" in message
    assert message.isprintable()


@pytest.mark.parametrize(("field", "value"), [
    ("mqtt_url", "mqtt://["), ("mqtt_url", "mqtt://broker:99999"), ("mqtt_url", "mqtt://"), ("mqtt_url", "mqtt://bro\x00ker"),
    ("url", "https://["), ("url", "https://x.org:0x50/"), ("url", "https://x.org/\x00"), ("url", "https://"),
])
def test_beach_urls_the_clients_cannot_use_are_refused(field, value):
    if field == "mqtt_url":
        item, path = beach(mqtt_url=value, replay=None), f"{ITEM}.mqtt_url"
    else:
        item, path = beach(http_sources=[{"kind": "flag", "url": value}]), f"{ITEM}.http_sources[0].url"
    assert path in found(layout(item))


@QUICK
@given(st.sampled_from(["mqtt://", "mqtts://", "mqtt://u:p@"]), st.text(alphabet="ab.[]:0123456789\x00 ", max_size=12))
def test_every_accepted_mqtt_url_makes_mqtt_settings(scheme, rest):
    accepted, _ = collect_problems(layout(beach(mqtt_url=scheme + rest, replay=None)))
    if accepted is not None:
        assert MqttSettings.from_url(accepted.regions[0].playlist[0].mqtt_url).host


@pytest.mark.parametrize("topic", ["a/#/b", "a+/b", "a/b#", "x\x00y", ""])
def test_topic_filters_the_mqtt_client_refuses_are_refused(topic):
    assert any(path.startswith(f"{ITEM}.topics") for path in found(layout(beach(topics=["v3/+/devices/+/up", topic]))))


@QUICK
@given(st.lists(st.text(alphabet="ab/+#", min_size=1, max_size=6), min_size=1, max_size=3))
def test_every_accepted_topic_filter_is_taken_by_the_mqtt_client(topics):
    accepted, _ = collect_problems(layout(beach(topics=topics, flag_topic=topics[0])))
    if accepted is not None:
        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
        client.subscribe([(topic, 0) for topic in accepted.regions[0].playlist[0].topics])  # raises ValueError when bad


def test_rule_numbers_the_feed_refuses_are_refused():
    fields = [{"quantity": "air_temperature", "field": "t", "scale": 0, "minimum": 50, "maximum": -20}]
    source = {"kind": "json", "url": "https://d.example/x", "quantity": "h2s", "scale": 0, "minimum": 2, "maximum": 1}
    problems = found(layout(beach(devices=[{"dev_eui": "2CF7F1C04430012B", "fields": fields}], http_sources=[source])))
    assert problems[f"{ITEM}.devices[0].fields[0].scale"].startswith("must not be 0")
    assert problems[f"{ITEM}.devices[0].fields[0].minimum"] == "is over maximum (50 > -20)"
    assert problems[f"{ITEM}.http_sources[0].scale"].startswith("must not be 0")
    assert problems[f"{ITEM}.http_sources[0].minimum"] == "is over maximum (2 > 1)"
    fields[0].update(scale=1, minimum=-20, maximum=50)
    source.update(scale=1, minimum=0, maximum=5)
    accepted, problems = collect_problems(layout(beach(devices=[{"dev_eui": "2CF7F1C04430012B", "fields": fields}], http_sources=[source])))
    assert problems == []
    config = accepted.regions[0].playlist[0]
    sensor_map(config)  # the rules the feed builds from the layout: no ValueError
    document_parser(config.http_sources[0])


@pytest.mark.parametrize(("text", "message"), [
    ('"duration_s": 1e-9', "must be at least 0.2 (found 1e-09)"),
    ('"duration_s": 0', "must be at least 0.2 (found 0)"),
    ('"duration_s": NaN', "must be a finite number, not NaN"),
    ('"duration_s": "nan"', "must be a finite number (not NaN or Infinity)"),
    ('"duration_s": "inf"', "must be a finite number (not NaN or Infinity)"),
])
def test_durations_are_finite_and_long_enough_to_show(text, message):
    doc = json.dumps(layout({"kind": "text", "text": "x", "duration_s": 5})).replace('"duration_s": 5', text)
    with pytest.raises(LayoutInvalid) as caught:
        parse_layout(doc)
    assert [str(p) for p in caught.value.problems] == [f"{ITEM}.duration_s: {message}"]


def test_a_time_to_live_is_at_least_a_second():
    assert found(layout(beach(ttl_s={"h2s": 1e-9})))[f"{ITEM}.ttl_s.h2s"] == "must be at least 1.0 (found 1e-09)"


def test_a_too_long_id_is_said_to_be_too_long():
    problems = found(layout({"kind": "text", "text": "x", "id": "a" * 65}, id="b" * 65))
    assert problems[f"{ITEM}.id"].startswith("must be at most 64 characters")
    assert problems["$.regions[0].id"].startswith("must be at most 64 characters")
    assert found(layout({"kind": "text", "text": "x", "id": "-a"}))[f"{ITEM}.id"].startswith("may only use letters, digits")


def test_qr_data_that_no_qr_code_holds_is_refused(tmp_path):
    problems = found(layout({"kind": "qr", "data": "漢" * 1500}))
    assert problems[f"{ITEM}.data"] == "is 4500 bytes in UTF-8; a QR code holds at most 2331"
    assert f"{ITEM}.data" in found(layout({"kind": "qr", "data": "a\ud800"}))  # a lone surrogate: not text
    accepted, problems = collect_problems(layout({"kind": "qr", "data": "€" * 777}))  # 2331 bytes: the most that fits
    assert problems == []
    render_qr_png(accepted.regions[0].playlist[0].data, tmp_path / "qr.png", 400, "#000000", "#ffffff")
