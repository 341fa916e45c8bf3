"""Every layout the store can switch to keeps its media in the cache: a rollback finds it there.

``previous`` (what a rollback returns to) used to be left out of the protected set; with a small
budget its image was the least recently used entry, evicted first.
"""

import json
import time
from pathlib import Path

from kiosk.layout_source import LayoutSource
from layouts import parse_layout
from layouts.store import CURRENT, LAST_GOOD, PREVIOUS, LayoutStore
from media.cache import ContentCache
from media.fetch import Validators

OBJECT_BYTES = 1000


def image_layout(name: str, url: str):
    return parse_layout(json.dumps({
        "schema_version": 2, "name": name,
        "regions": [{"id": "r", "x": 0, "y": 0, "width": 100, "height": 100,
                     "playlist": [{"kind": "image", "src": url}, {"kind": "text", "text": name}]}]}))


def cached(cache: ContentCache, tmp_path: Path, url: str, fill: bytes) -> str:
    sha = (fill * 64)[:64].hex()[:64]
    staged = cache.staging_dir() / sha
    staged.write_bytes(fill * OBJECT_BYTES)
    cache.admit(staged, sha)
    cache.record_url(url, sha, Validators())
    time.sleep(0.002)  # distinct last-use times: the order of the LRU is the order of admission
    return sha


def test_a_rollback_target_survives_eviction_under_a_small_budget(tmp_path: Path):
    store = LayoutStore(tmp_path / "layouts")
    for name in ("a", "b", "c"):  # a becomes previous, b last-good, c current
        store.save_current(image_layout(name, f"https://example.org/{name}.jpg"), tmp_path)
        store.mark_current_good()
    store.save_current(image_layout("d", "https://example.org/d.jpg"), tmp_path)
    assert [store.load(s).layout.name for s in (PREVIOUS, LAST_GOOD, CURRENT)] == ["b", "c", "d"]

    cache = ContentCache(tmp_path / "cache", budget_bytes=4 * OBJECT_BYTES, min_free_bytes=0)
    shas = {name: cached(cache, tmp_path, f"https://example.org/{name}.jpg", name.encode()) for name in ("a", "b", "c", "d")}
    protected = LayoutSource(store, None).protected_shas(cache)
    assert protected == {shas["b"], shas["c"], shas["d"]}  # previous included; "a" is in no switchable layout

    staged = cache.staging_dir() / ("e" * 64)
    staged.write_bytes(b"e" * OBJECT_BYTES)
    cache.admit(staged, "e" * 64, protected=protected)  # room is made: only "a" may go
    assert not cache.has(shas["a"])
    assert all(cache.has(shas[name]) for name in ("b", "c", "d"))
    rolled_back = store.rollback()
    assert rolled_back.layout.name == "b" and cache.lookup_url("https://example.org/b.jpg") is not None
