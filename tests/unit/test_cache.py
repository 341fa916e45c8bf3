import hashlib
from pathlib import Path

import pytest

from media.cache import ContentCache
from media.errors import CacheFull
from media.fetch import Validators


def put(cache: ContentCache, data: bytes, protected=frozenset(), source=None) -> str:
    sha = hashlib.sha256(data).hexdigest()
    staged = cache.staging_dir() / sha
    staged.write_bytes(data)
    cache.admit(staged, sha, protected=frozenset(protected), source_sha256=source)
    return sha


def test_objects_are_stored_by_hash_and_survive_a_restart(tmp_path: Path):
    cache = ContentCache(tmp_path, budget_bytes=10_000, min_free_bytes=0)
    sha = put(cache, b"hello")
    assert cache.path_for(sha).read_bytes() == b"hello"
    assert cache.path_for(sha).parent.name == sha[:2]
    cache.record_url("http://x/a", sha, Validators("etag1", None))
    again = ContentCache(tmp_path, budget_bytes=10_000, min_free_bytes=0)
    entry = again.lookup_url("http://x/a")
    assert entry.sha256 == sha and entry.validators.etag == "etag1"


def test_lru_eviction_spares_protected_objects_and_what_derives_from_them(tmp_path: Path):
    cache = ContentCache(tmp_path, budget_bytes=3000, min_free_bytes=0)
    keep = put(cache, b"k" * 1000)
    derived = put(cache, b"d" * 500, source=keep)
    old = put(cache, b"o" * 1000)
    newest = put(cache, b"n" * 1000, protected={keep})  # needs room: evicts the oldest unprotected
    assert cache.has(keep) and cache.has(derived) and cache.has(newest)
    assert not cache.has(old)
    assert cache.used_bytes() <= 3000


def test_budget_that_protected_content_fills_refuses_new_files(tmp_path: Path):
    cache = ContentCache(tmp_path, budget_bytes=1500, min_free_bytes=0)
    keep = put(cache, b"k" * 1000)
    with pytest.raises(CacheFull, match="cache budget"):
        put(cache, b"n" * 1000, protected={keep})
    assert cache.has(keep)


def test_free_space_guard(tmp_path: Path):
    cache = ContentCache(tmp_path, budget_bytes=10**12, min_free_bytes=10**18)
    with pytest.raises(CacheFull, match="free bytes"):
        put(cache, b"a")


def test_a_damaged_index_loses_only_bookkeeping(tmp_path: Path):
    cache = ContentCache(tmp_path, budget_bytes=10_000, min_free_bytes=0)
    put(cache, b"x")
    (tmp_path / "index.json").write_text("{not json")
    again = ContentCache(tmp_path, budget_bytes=10_000, min_free_bytes=0)
    assert again.lookup_url("http://x/a") is None
    assert put(again, b"y")


def test_half_made_files_from_a_killed_run_are_cleared(tmp_path: Path):
    cache = ContentCache(tmp_path, budget_bytes=10_000, min_free_bytes=0)
    (cache.staging_dir() / "abc.part").write_bytes(b"half")
    ContentCache(tmp_path, budget_bytes=10_000, min_free_bytes=0)
    assert list((tmp_path / "staging").iterdir()) == []
