"""A screen holding several layouts: schedule.json in a bundle, kept whole by the store with the
current layout; overrides stored with their expiry, surviving a restart, expiring on the clock."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from layouts.bundle import BundleRejected, key_id, make_bundle, verify_bundle
from layouts.errors import LayoutInvalid
from layouts.schedule_plan import choose
from layouts.store import CURRENT, LAST_GOOD, LayoutStore
from layouts.store_overrides import MAX_OVERRIDES
from tests.unit.schedule_reference import utc

ADMIN = Ed25519PrivateKey.generate()
TRUSTED = {key_id(ADMIN.public_key()): ADMIN.public_key()}


def layout_doc(name: str) -> dict:
    return {"schema_version": 2, "name": name, "screen": {"width": 320, "height": 200},
            "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 200, "playlist": [{"kind": "text", "text": name}]}]}


SCHEDULE = {"default": "layout.json", "entries": [
    {"id": "night", "layout": "night.json", "priority": 10, "from": "22:00", "until": "06:00"},
    {"id": "election", "layout": "results.json", "priority": 90, "dates": ["2027-04-11"], "from": "19:00", "until": "02:00"}]}


def folder_with(tmp_path: Path, schedule: dict | str | None = SCHEDULE, names=("layout", "night", "results")) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    for name in names:
        (folder / f"{name}.json").write_text(json.dumps(layout_doc(name)))
    if schedule is not None:
        (folder / "schedule.json").write_text(schedule if isinstance(schedule, str) else json.dumps(schedule))
    return folder


def test_a_bundle_carries_a_schedule_and_the_store_keeps_it_with_current(tmp_path):
    bundle = make_bundle(folder_with(tmp_path), "layout.json", ADMIN, tmp_path / "b.tar.gz")
    verified = verify_bundle(bundle, TRUSTED, tmp_path / "staging")
    assert set(verified.plan.layouts) == {"layout.json", "night.json", "results.json"}
    store = LayoutStore(tmp_path / "store")
    store.save_current(verified.layout, verified.folder)
    store.mark_current_good()
    for slot in (CURRENT, LAST_GOOD):
        stored = store.load(slot)
        assert stored.plan is not None and stored.plan.layouts["night.json"].name == "night"
    stored = LayoutStore(tmp_path / "store").load_best()  # a restart reads the same plan
    assert choose(stored.layout, stored.base_dir, stored.plan, [], utc(2027, 4, 11, 17)).layout.name == "results"
    assert choose(stored.layout, stored.base_dir, stored.plan, [], utc(2027, 4, 12, 21)).layout.name == "night"
    shown = choose(stored.layout, stored.base_dir, stored.plan, [], utc(2027, 4, 12, 12))
    assert shown.layout.name == "layout" and shown.next_change == utc(2027, 4, 12, 20)
    untrusted = choose(stored.layout, stored.base_dir, stored.plan, [], utc(2027, 4, 11, 17), clock_trusted=False)
    assert untrusted.layout.name == "layout" and untrusted.next_change is None


def test_a_bad_schedule_is_refused_when_bundling_and_when_pushed(tmp_path):
    bad = {**SCHEDULE, "entries": [*SCHEDULE["entries"], {"id": "ghost", "layout": "ghost.json", "priority": 5}]}
    folder = folder_with(tmp_path, bad)
    with pytest.raises(BundleRejected) as refused:
        make_bundle(folder, "layout.json", ADMIN, tmp_path / "b.tar.gz")
    assert refused.value.cause == "invalid-layout"
    assert any(p.startswith("schedule.json $.entries[2].layout: ghost.json:") for p in refused.value.problems), refused.value.problems
    unchecked = make_bundle(folder, "layout.json", ADMIN, tmp_path / "u.tar.gz", check=False)
    with pytest.raises(BundleRejected) as refused:
        verify_bundle(unchecked, TRUSTED, tmp_path / "staging")
    assert refused.value.cause == "invalid-layout" and "ghost.json" in refused.value.detail
    assert list((tmp_path / "staging").iterdir()) == []  # nothing kept


def test_the_schedule_must_start_from_the_bundles_layout(tmp_path):
    folder = folder_with(tmp_path, {**SCHEDULE, "default": "night.json"})
    with pytest.raises(BundleRejected, match="is not the bundle's layout"):
        make_bundle(folder, "layout.json", ADMIN, tmp_path / "b.tar.gz")


def test_a_layout_folder_with_a_broken_schedule_is_not_stored(tmp_path):
    folder = folder_with(tmp_path, '{"default": "layout.json", "entries": [{"id": "x"')
    store = LayoutStore(tmp_path / "store")
    with pytest.raises(LayoutInvalid):
        store.save_current(json_layout(folder / "layout.json"), folder)
    assert store.load_best() is None


def json_layout(path: Path):
    from layouts import load_layout_file
    return load_layout_file(path)


def test_overrides_survive_a_restart_and_expire_on_the_clock(tmp_path):
    folder = folder_with(tmp_path, None, names=("layout", "urgent"))
    store = LayoutStore(tmp_path / "store")
    store.save_current(json_layout(folder / "layout.json"), folder)
    now = utc(2026, 11, 26, 13)
    store.overrides.add(json_layout(folder / "urgent.json"), folder, now, now + timedelta(hours=2))
    stored = LayoutStore(tmp_path / "store").load_best()  # restart
    assert len(stored.overrides) == 1
    pushed = [(o.as_override(), o.layout, o.base_dir) for o in stored.overrides]
    shown = choose(stored.layout, stored.base_dir, stored.plan, pushed, now + timedelta(minutes=5))
    assert shown.layout.name == "urgent" and shown.choice.source == "override" and shown.next_change == now + timedelta(hours=2)
    assert choose(stored.layout, stored.base_dir, stored.plan, pushed, now + timedelta(hours=2)).layout.name == "layout"
    assert folder.resolve() in store.base_dirs_in_use()
    assert store.overrides.prune(now + timedelta(hours=2)) == []
    assert LayoutStore(tmp_path / "store").load_best().overrides == ()


def test_overrides_are_bounded_and_their_end_checked(tmp_path):
    folder = folder_with(tmp_path, None, names=("layout",))
    store = LayoutStore(tmp_path / "store")
    now, layout = utc(2026, 11, 26, 13), json_layout(folder / "layout.json")
    for minutes in range(MAX_OVERRIDES + 3):
        store.overrides.add(layout, folder, now + timedelta(minutes=minutes), now + timedelta(days=1))
    assert len(store.overrides.load()) == MAX_OVERRIDES
    with pytest.raises(ValueError, match="already past"):
        store.overrides.add(layout, folder, now, now - timedelta(seconds=1))
    with pytest.raises(ValueError, match="at most 31 days"):
        store.overrides.add(layout, folder, now, now + timedelta(days=40))
    (tmp_path / "store" / "overrides.json").write_text('{"overrides": [{"key": "k", "layout": {"name": NaN}}, 7]}')
    assert store.overrides.load() == []  # damaged entries are skipped, never played
