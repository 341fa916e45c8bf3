"""Outside input to the journal never escapes as anything but the documented refusal."""

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal import JournalError
from journal.checkpoint import read_checkpoint_file
from journal.entry import MAX_DETAIL_BYTES, clean_detail, field_problem
from journal.heartbeat import HeartbeatCompactor, normalized_acts

VALUES = st.recursive(st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=30),
                      lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
                      max_leaves=40)


@settings(max_examples=300, deadline=1000)
@given(detail=VALUES)
def test_any_detail_becomes_bounded_canonical_json(detail):
    text = clean_detail(detail if isinstance(detail, dict) else {"v": detail})
    assert isinstance(json.loads(text), dict) and len(text.encode("utf-8", "surrogatepass")) <= MAX_DETAIL_BYTES


def test_hostile_details_are_said_not_raised():
    deep: dict = {}
    for _ in range(50):
        deep = {"d": deep}
    assert "invalid_detail" in clean_detail(deep)
    assert "invalid_detail" in clean_detail({"n": 10**5000})
    assert "oversize_detail_bytes" in clean_detail({"x": "é" * 100_000})
    assert clean_detail([1, 2]) == '{"invalid_detail":"list"}'  # type: ignore[arg-type]


@settings(max_examples=300, deadline=1000)
@given(value=VALUES, event=st.text(max_size=50), act=st.text(max_size=300))
def test_acts_lists_and_fields_never_raise(value, event, act):
    normalized_acts(value)
    HeartbeatCompactor().compact({"acts": value}, 0.0)
    problem = field_problem(event, act, "")
    assert problem is None or isinstance(problem, str)


@settings(max_examples=200, deadline=1000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(st.binary(max_size=300), VALUES.map(lambda v: json.dumps(v).encode())))
def test_a_checkpoint_file_is_read_or_refused_with_journal_error(tmp_path: Path, raw: bytes):
    path = tmp_path / "checkpoint.json"
    path.write_bytes(raw)
    try:
        checkpoint = read_checkpoint_file(path)
    except JournalError:
        return
    assert type(checkpoint.seq) is int
