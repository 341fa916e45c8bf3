"""Property tests of the layout parser: whatever the text, only LayoutInvalid or LayoutTooNew escape, quickly."""

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli import demo_layout_path
from layouts import Layout, LayoutInvalid, LayoutTooNew, parse_layout
from layouts.validate import collect_problems
from tests.support.uplinks import beach_item

MAX_SECONDS = 2.0  # per document; a 2 MB hostile document takes well under a second
QUICK = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BEACH_LAYOUT = {"schema_version": 2, "name": "plage", "regions": [
    {"id": "main", "x": 0, "y": 0, "width": 1920, "height": 1080, "playlist": [
        beach_item("mqtt://127.0.0.1:1883", http_sources=[
            {"kind": "sensorthings", "url": "https://sta.example/v1.1/Datastreams(7)/Observations", "quantity": "h2s"},
            {"kind": "flag", "url": "https://data.example/flag.json", "value_path": "data.0.flag"}])]}]}
VALID = [json.loads(demo_layout_path().read_text()), BEACH_LAYOUT]
KEYS = ["schema_version", "name", "screen", "regions", "playlist", "kind", "src", "url", "id", "x", "z", "duration_s",
        "duration", "type", "width", "allow", "transition", "timezone", "devices", "fields", "day_from", "value_path"]

scalars = (st.none() | st.booleans() | st.integers(-(10**40), 10**40) | st.floats()
           | st.text(max_size=30) | st.sampled_from(["image", "web", "beach_panel", "http://[::1", "https://[", "99:99",
                                                    "data.²", "*.", "\x00", "../x", "local:/", "Europe/Paris"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5)
                           | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5), max_leaves=40)


def check(text: str | bytes) -> None:
    started = time.monotonic()
    try:
        layout = parse_layout(text)
    except (LayoutInvalid, LayoutTooNew) as exc:
        assert str(exc).encode("utf-8")  # every message can be printed on a strict UTF-8 terminal
        if isinstance(exc, LayoutInvalid):
            assert exc.problems
    else:
        assert isinstance(layout, Layout)
    assert time.monotonic() - started < MAX_SECONDS


def positions(doc):
    """Every (container, key) in a decoded document, found without recursion."""
    found, stack = [], [doc]
    while stack:
        value = stack.pop()
        members = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, member in members:
            found.append((value, key))
            stack.append(member)
    return found


@QUICK
@given(json_values)
def test_any_json_value(value):
    check(json.dumps(value))


@QUICK
@given(st.sampled_from(range(len(VALID))), st.data())
def test_mutated_valid_layouts(which, data):
    doc = json.loads(json.dumps(VALID[which]))
    for _ in range(data.draw(st.integers(1, 4))):
        spots = positions(doc)
        if not spots:
            break
        container, key = data.draw(st.sampled_from(spots))
        operation = data.draw(st.sampled_from(["replace", "delete", "add", "wrap"]))
        if operation == "replace":
            container[key] = data.draw(json_values)
        elif operation == "delete":
            del container[key]
        elif operation == "add" and isinstance(container, dict):
            container[data.draw(st.sampled_from(KEYS))] = data.draw(json_values)
        elif operation == "wrap":
            depth = data.draw(st.integers(1, 600))  # past 64 (refused) and 500 (deepcopy crashed)
            container[key] = json.loads("[" * depth + json.dumps(container[key]) + "]" * depth)
    text = json.dumps(doc)
    check(text)
    check(text.encode("utf-16"))
    try:
        layout, problems = collect_problems(doc)  # the decoded value handed in directly
    except LayoutTooNew:
        return
    assert layout is not None or problems


@QUICK
@given(st.sampled_from(range(len(VALID))), st.data())
def test_mangled_text_of_valid_layouts(which, data):
    text = bytearray(json.dumps(VALID[which]).encode())
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        piece = data.draw(st.binary(max_size=4) | st.sampled_from([b"9" * 5000, b"NaN", b"1e999", b"[" * 2000, b'"id": 1, "id": 2,',
                                                                   b"\\ud800", b"-Infinity", b"\x00"]))
        cut = data.draw(st.integers(0, 8))
        text[at:at + cut] = piece
    check(bytes(text))
