"""Properties of the files the store reads back (they are outside input too): a damaged
overrides.json reads as no overrides, a damaged schedule in a slot is a LayoutError, nothing else escapes."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layouts.errors import LayoutError
from layouts.store import CURRENT, LayoutStore

values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
                      max_leaves=15)
override_like = st.fixed_dictionaries({}, optional={"key": values, "layout": values, "base_dir": values,
                                                     "pushed_at": values | st.just("2026-11-26T13:00:00+00:00"),
                                                     "until": values | st.sampled_from(["9999-12-31T23:59:59+00:00", "2026-11-26T13:00"])})
LAYOUT = {"schema_version": 2, "name": "x", "regions": [{"id": "r", "x": 0, "y": 0, "width": 10, "height": 10,
                                                         "playlist": [{"kind": "text", "text": "x"}]}]}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200) | st.builds(lambda o: json.dumps({"overrides": o}).encode(), st.lists(override_like, max_size=4)))
def test_overrides_file_never_raises(tmp_path, data):
    (tmp_path / "overrides.json").write_bytes(data)
    found = LayoutStore(tmp_path).overrides.load()
    assert all(o.until.utcoffset() is not None for o in found)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values | st.fixed_dictionaries({"document": values | st.just({"default": "layout.json"}), "layouts": values}))
def test_a_damaged_stored_schedule_is_a_layout_error(tmp_path, schedule):
    (tmp_path / "current.json").write_text(json.dumps({"layout": LAYOUT, "base_dir": "/", "schedule": schedule}))
    try:
        LayoutStore(tmp_path).load(CURRENT)
    except LayoutError:
        pass
