import json
import math
import os
import time
from pathlib import Path

import pytest

from kiosk.cli import demo_layout_path
from layouts import CURRENT_SCHEMA_VERSION, LayoutInvalid, LayoutTooNew, load_layout_file, parse_layout
from layouts.json_input import MAX_NESTING
from layouts.migrations import migrate
from layouts.schema import layout_json_schema
from layouts.validate import MAX_DOCUMENT_BYTES, collect_problems


def minimal(**overrides):
    doc = {
        "schema_version": 2,
        "name": "test",
        "screen": {"width": 800, "height": 600},
        "regions": [{"id": "main", "x": 0, "y": 0, "width": 800, "height": 600,
                     "playlist": [{"kind": "text", "text": "Bonjour", "duration_s": 5}]}],
    }
    doc.update(overrides)
    return doc


def problems_of(doc):
    layout, problems = collect_problems(doc)
    return {p.path: p.message for p in problems}


def test_demo_layout_is_valid():
    layout = parse_layout(demo_layout_path().read_bytes())
    assert {r.id for r in layout.regions} == {"photos", "horloge", "agenda", "bandeau"}


def test_every_problem_is_reported_with_its_path():
    doc = minimal()
    doc["background"] = "black"
    doc["regions"][0]["width"] = -5
    doc["regions"][0]["playlist"] = [
        {"kind": "image", "duration_s": 0},
        {"kind": "gif", "src": "a.gif"},
        {"kind": "text", "text": "x", "duraton_s": 3},
    ]
    found = problems_of(doc)
    assert found["$.background"].startswith("must be a colour")
    assert found["$.regions[0].width"].startswith("must be greater than 0")
    assert found["$.regions[0].playlist[0].src"] == "is required but missing"
    assert found["$.regions[0].playlist[0].duration_s"] == "must be at least 0.2 (found 0)"
    assert "kind must be one of" in found["$.regions[0].playlist[1]"]
    assert "not a known field" in found["$.regions[0].playlist[2].duraton_s"]
    assert len(found) == 6


def test_rules_across_fields_are_checked_together():
    doc = minimal()
    doc["regions"].append({"id": "main", "x": 700, "y": 0, "width": 200, "height": 100,
                           "playlist": [
                               {"id": "a", "kind": "text", "text": "1", "duration_s": 1, "transition": {"kind": "crossfade", "duration_ms": 2000}},
                               {"id": "a", "kind": "clock", "timezone": "Mars/Olympus"},
                               {"kind": "image", "src": "../../etc/passwd"},
                               {"kind": "video", "src": "file:///dev/zero"},
                               {"kind": "web", "url": "javascript:alert(1)"},
                           ]})
    found = problems_of(doc)
    assert "used twice" in found["$.regions[1].id"]
    assert "goes past the screen" in found["$.regions[1]"]
    assert "longer than the item" in found["$.regions[1].playlist[0].transition.duration_ms"]
    assert "used twice" in found["$.regions[1].playlist[1].id"]
    assert "IANA" in found["$.regions[1].playlist[1].timezone"]
    assert "inside the layout folder" in found["$.regions[1].playlist[2].src"]
    assert "not a file: URL" in found["$.regions[1].playlist[3].src"]
    assert "http(s) URL or local:" in found["$.regions[1].playlist[4].url"]


@pytest.mark.parametrize(("text", "expected"), [
    (b'{"name": "x",', "not valid JSON at line 1"),
    (b"[1, 2]", "must be a JSON object"),
    (b"\xff\xfe", "not valid JSON"),
    (json.dumps(minimal(schema_version="2")).encode(), "schema_version"),
])
def test_broken_documents_get_one_clear_problem(text, expected):
    with pytest.raises(LayoutInvalid) as caught:
        parse_layout(text)
    assert expected in str(caught.value)


def test_a_newer_schema_version_is_refused_clearly():
    with pytest.raises(LayoutTooNew, match=f"only knows up to version {CURRENT_SCHEMA_VERSION}"):
        parse_layout(json.dumps(minimal(schema_version=CURRENT_SCHEMA_VERSION + 1)))


def test_version_1_documents_are_migrated():
    v1 = {"schema_version": 1, "name": "old", "width": 640, "height": 480,
          "regions": [{"id": "r", "x": 0, "y": 0, "width": 640, "height": 480,
                       "playlist": [{"type": "text", "text": "hi", "duration": 2500}]}]}
    layout = parse_layout(json.dumps(v1))
    assert layout.schema_version == 2
    assert (layout.screen.width, layout.screen.height) == (640, 480)
    assert layout.regions[0].playlist[0].kind == "text"
    assert layout.regions[0].playlist[0].duration_s == 2.5


def test_schema_names_every_item_kind_and_the_current_version():
    schema = layout_json_schema()
    text = json.dumps(schema)
    for kind in ("image", "video", "web", "pdf", "text", "clock", "qr"):
        assert f'"const": "{kind}"' in text
    assert schema["$id"].endswith(f"v{CURRENT_SCHEMA_VERSION}.json")


def test_beach_panel_rules():
    doc = minimal()
    doc["regions"][0]["playlist"] = [{"kind": "beach_panel", "devices": [
        {"fields": [{"quantity": "air_temperature", "field": "t"}]},
        {"dev_eui": "2CF7F1C04430012B", "fields": [{"quantity": "parking_free", "field": "free", "minimum": -5}]},
    ], "timezone": "Europe/Nowhere"}]
    found = problems_of(doc)
    assert "mqtt_url, replay or http_sources" in found["$.regions[0].playlist[0]"]
    assert "dev_eui or tags" in found["$.regions[0].playlist[0].devices[0]"]
    assert "minimum >= 0" in found["$.regions[0].playlist[0].devices[1].fields[0]"]
    assert "IANA" in found["$.regions[0].playlist[0].timezone"]
    doc["regions"][0]["playlist"][0]["mqtt_url"] = "ftp://x"
    assert "$.regions[0].playlist[0].mqtt_url" in problems_of(doc)
    doc["regions"][0]["playlist"][0] = {"kind": "beach_panel", "http_sources": [{"kind": "flag", "url": "https://x", "quantity": "h2s"}]}
    assert "not allowed for flag" in problems_of(doc)["$.regions[0].playlist[0].http_sources[0].quantity"]


def refusal(text) -> list[str]:
    with pytest.raises(LayoutInvalid) as caught:
        parse_layout(text)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("levels", [500, 100_000])
def test_deep_nesting_is_refused_before_decoding(levels):
    started = time.monotonic()
    text = '{"schema_version": 1, "name": "x", "regions": ' + "[" * levels + "]" * levels + "}"
    assert refusal(text) == [f"$: the document nests {levels + 1} levels deep; the limit is {MAX_NESTING}"]
    assert time.monotonic() - started < 2


def test_deep_values_handed_in_directly_are_refused_without_recursing():
    doc = minimal()
    deep: list = []
    doc["regions"][0]["playlist"][0]["extra"] = deep
    for _ in range(100_000):
        deep.append([])
        deep = deep[0]
    layout, problems = collect_problems(doc)
    assert layout is None
    assert [str(p) for p in problems] == [f"$.regions[0].playlist[0].extra{'[0]' * (MAX_NESTING - 5)}: nests deeper than {MAX_NESTING} levels"]


def test_version_1_documents_are_copied_without_recursion():
    v1 = {"schema_version": 1, "name": "old", "regions": [{"id": "r", "x": 0, "y": 0, "width": 10, "height": 10,
                                                            "playlist": [{"type": "text", "text": "hi", "duration": 10**400}]}]}
    deep: list = []
    v1["regions"][0]["deep"] = deep
    for _ in range(10_000):
        deep.append([])
        deep = deep[0]
    migrated, problems = migrate(v1)
    assert problems == [] and migrated["regions"][0]["playlist"][0]["duration_s"] == math.inf
    assert v1["regions"][0]["playlist"][0]["type"] == "text"  # the input is left as it was


def test_huge_and_non_finite_numbers_are_refused_with_their_path():
    doc = json.dumps(minimal())
    nines = "9" * 5000
    found = refusal(doc.replace('"x": 0', f'"x": {nines}').replace('"duration_s": 5', '"duration_s": NaN')
                    .replace('"y": 0', '"y": 1e999'))
    assert found == ["$.regions[0].playlist[0].duration_s: must be a finite number, not NaN",
                     "$.regions[0].x: is a number with 5000 digits; numbers have at most 30",
                     "$.regions[0].y: is a number too large to use ('1e999')"]
    big = minimal()
    big["regions"][0]["z"] = 10**4000  # a value handed in directly, not through the decoder
    big["regions"][0]["x"] = float("inf")
    assert problems_of(big) == {"$.regions[0].x": "must be a finite number (found inf)",
                                "$.regions[0].z": "is a number with more than 30 digits"}


def test_duplicate_keys_are_refused_with_their_path():
    text = json.dumps(minimal()).replace('"id": "main"', '"id": "main", "id": "other", "id": "third"')
    assert refusal(text) == ["$.regions[0].id: this key appears more than once in the object; give it once"]
    assert refusal('{"schema_version": 2, "schema_version": 3}') == [
        "$.schema_version: this key appears more than once in the object; give it once"]


@pytest.mark.parametrize(("field", "value"), [("src", "http://[::1"), ("src", "https://[x/a.png"), ("url", "https://["),
                                              ("url", "http://[::1")])
def test_urls_that_cannot_be_split_are_problems(field, value):
    doc = minimal()
    doc["regions"][0]["playlist"] = [{"kind": "image" if field == "src" else "web", field: value}]
    message = problems_of(doc)[f"$.regions[0].playlist[0].{field}"]
    assert repr(value) in message


def test_outside_text_in_problems_is_escaped_and_bounded():
    doc = minimal()
    doc["regions"][0]["id"] = "\x1b[2Jok" + "x" * 5000
    doc["regions"][0]["\x1b]0;pwned\x07"] = 1
    found = problems_of(doc)
    assert "\\x1b[2Jok" in found["$.regions[0].id"] and len(found["$.regions[0].id"]) < 200
    assert "not a known field" in found["$.regions[0]['\\x1b]0;pwned\\x07']"]
    doc["regions"][0]["\ud800"] = 1  # a lone surrogate: JSON allows "\ud800"
    for line in map(str, collect_problems(doc)[1]):
        assert line.isprintable() and line.encode("utf-8")  # safe on a strict UTF-8 terminal


def test_special_files_are_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "layout.fifo"
    os.mkfifo(fifo)
    for path, kind in ((fifo, "a named pipe (FIFO)"), (Path("/dev/zero"), "a character device"), (tmp_path, "a folder")):
        started = time.monotonic()
        with pytest.raises(LayoutInvalid) as caught:
            load_layout_file(path)
        assert str(caught.value.problems[0]) == f"$: cannot read the file: it is {kind}, not a regular file"
        assert time.monotonic() - started < 1


def test_an_oversized_file_is_read_only_up_to_the_limit(tmp_path: Path):
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as f:
        f.truncate(50 * 1024 * 1024 * 1024)  # 50 GB, sparse: reading it whole would never end well
    started = time.monotonic()
    with pytest.raises(LayoutInvalid, match=f"over the {MAX_DOCUMENT_BYTES}-byte limit"):
        load_layout_file(huge)
    assert time.monotonic() - started < 2


LIMIT_FILLER = MAX_DOCUMENT_BYTES // 3 - 100


@pytest.mark.parametrize("text", [
    '{"x": [' + "[]," * LIMIT_FILLER + "[]]}",
    '{"schema_version": 2, "name": "x", "regions": [' + "{}," * LIMIT_FILLER + "{}]}",
    '{"schema_version": 1, "name": "x", "regions": [' + "{}," * LIMIT_FILLER + "{}]}",
    '{"x": [' + "1," * (LIMIT_FILLER + 200_000) + "NaN]}",
    "{" + '"a":1,' * (LIMIT_FILLER // 2) + '"a":1}',
], ids=["lists", "regions", "v1-regions", "nan-last", "duplicates"])
def test_a_hostile_document_at_the_size_limit_is_refused_in_bounded_time(text):
    assert len(text) <= MAX_DOCUMENT_BYTES
    started = time.monotonic()
    problems = refusal(text)
    assert 1 <= len(problems) <= 50
    assert time.monotonic() - started < 6  # about 1 s on a 2-core machine shared with other jobs


@pytest.mark.parametrize("text, message", [("NaN", "must be a finite number, not NaN"), ("1" * 5000, "is a number with 5000 digits")])
def test_a_document_that_is_one_refused_value_is_refused_plainly(text, message):
    """Found by the property test: a whole document that is NaN or a huge number raised a TypeError."""
    with pytest.raises(LayoutInvalid) as refused:
        parse_layout(text)
    assert refused.value.problems[0].path == "$" and refused.value.problems[0].message.startswith(message)
