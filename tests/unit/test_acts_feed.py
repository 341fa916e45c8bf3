"""The JSON acts feed: good entries kept, each bad one reported with its JSON path; its JSON Schema."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from media.acts.feed_json import parse_acts_feed
from media.acts.feed_schema import acts_json_schema_text
from media.acts.problems import FeedRefused

SHA = "a" * 64


def entry(**changes):
    base = {"id": "AR-2026-0412", "category": "arretes_municipaux", "title": "Stationnement quai Pasteur", "number": "2026-412",
            "author": {"first_name": "François", "name": "Bernardini", "capacity": "Maire"},
            "adopted_on": "2026-06-20", "online_on": "2026-06-22", "display": {"from": "2026-06-22", "until": "2026-09-30"},
            "pdf": {"src": "https://www.istres.fr/actes/AR-2026-0412.pdf", "sha256": SHA, "pages": 4},
            "website_url": "https://www.istres.fr/actes/AR-2026-0412"}
    base.update(changes)
    return base


def feed(*entries) -> bytes:
    return json.dumps({"schema_version": 1, "acts": list(entries)}).encode()


def test_a_good_feed_gives_typed_acts():
    acts, problems = parse_acts_feed(feed(entry(), entry(id="B-1", display={"from": "2026-06-22", "until": "until_decision"},
                                                         category="urbanisme_depot")), "feed.json")
    assert problems == [] and [a.id for a in acts] == ["AR-2026-0412", "B-1"]
    first = acts[0]
    assert first.author.line() == "François Bernardini, Maire" and first.pdf.pages == 4 and first.window.until.isoformat() == "2026-09-30"
    assert acts[1].window.until is None


def test_bad_entries_are_reported_with_their_path_and_the_others_kept():
    acts, problems = parse_acts_feed(feed(
        entry(id="ok"),
        entry(id="bad-date", adopted_on="2026-02-30"),
        entry(id="unknown-cat", category="horoscope"),
        entry(id="short", display={"from": "2026-06-22", "until": "2026-07-01"}),
        entry(id="no-hash", pdf={"src": "a.pdf"}),
        entry(id="timestamp", online_on=1750000000),
        entry(id="bool-pages", pdf={"src": "a.pdf", "sha256": SHA, "pages": True}),
    ), "feed.json")
    assert [a.id for a in acts] == ["ok"]
    text = "\n".join(str(p) for p in problems)
    assert "feed.json: $.acts[1].adopted_on:" in text
    assert "feed.json: $.acts[2].category:" in text
    assert "$.acts[3] (act 'short'): display window 2026-06-22 to 2026-07-01 is shorter than the legal minimum" in text
    assert "$.acts[4]: the pdf needs its sha256" in text
    assert "$.acts[5].online_on: Value error, must be a date written YYYY-MM-DD" in text
    assert "$.acts[6].pdf.pages" in text


@pytest.mark.parametrize("body", [b"", b"not json", b"[]", b'{"schema_version": 2, "acts": []}', b"[" * 100_000,
                                  b'{"schema_version": 1, "acts": {}}', "\ud800".encode("utf-8", "surrogatepass")])
def test_a_document_that_is_not_a_feed_is_refused_as_a_whole(body):
    with pytest.raises(FeedRefused, match="feed.json"):
        parse_acts_feed(body, "feed.json")


def test_the_schema_is_json_schema_and_describes_an_entry():
    schema = json.loads(acts_json_schema_text())
    entry_schema = schema["$defs"]["ActEntry"]
    assert schema["properties"]["acts"]["items"] == {"$ref": "#/$defs/ActEntry"}
    assert {"id", "category", "author", "display", "pdf"} <= set(entry_schema["required"])
    assert "from" in json.dumps(schema["$defs"]["DisplayEntry"])


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                           max_leaves=20)


@settings(max_examples=200, deadline=2000)
@given(st.dictionaries(st.sampled_from(list(entry()) + ["x"]), json_values, max_size=12))
def test_hostile_entries_only_ever_become_problems(raw):
    acts, problems = parse_acts_feed(json.dumps({"schema_version": 1, "acts": [{**entry(), **raw}]}).encode(), "f")
    assert len(acts) + (1 if problems else 0) >= 1
    assert all(str(p).startswith("f: $.acts[0]") for p in problems)


@settings(max_examples=150, deadline=2000)
@given(st.binary(max_size=300))
def test_hostile_bytes_are_refused_or_read(body):
    try:
        parse_acts_feed(body, "f")
    except FeedRefused:
        pass


def test_kiosk_schema_acts_prints_the_feeds_schema(capsys):
    from kiosk.cli import main

    assert main(["schema", "--acts"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Istres kiosk acts feed"
