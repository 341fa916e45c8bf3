from pathlib import Path

import pytest

from media.cache import ContentCache
from media.sources import SourceUnavailable, obtain
from tests.support.http import Route


def test_offline_the_cached_copy_keeps_playing(http_server, tmp_path: Path):
    cache = ContentCache(tmp_path / "cache", min_free_bytes=0)
    http_server.routes["/pic.png"] = Route(b"PNGDATA")
    url = http_server.url + "/pic.png"
    first = obtain(url, tmp_path, cache, frozenset())
    assert first.path.read_bytes() == b"PNGDATA" and first.note == ""
    again = obtain(url, tmp_path, cache, frozenset())
    assert again.sha256 == first.sha256  # a 304: same object
    http_server.stop()
    offline = obtain(url, tmp_path, cache, frozenset())
    assert offline.path == first.path
    assert offline.note.startswith("offline")


def test_never_fetched_and_unreachable_is_unavailable(tmp_path: Path):
    cache = ContentCache(tmp_path / "cache", min_free_bytes=0)
    with pytest.raises(SourceUnavailable, match="cannot download"):
        obtain("http://127.0.0.1:9/none.png", tmp_path, cache, frozenset())


def test_local_files_stay_inside_the_layout_folder(tmp_path: Path):
    cache = ContentCache(tmp_path / "cache", min_free_bytes=0)
    (tmp_path / "ok.txt").write_text("fine")
    assert obtain("ok.txt", tmp_path, cache, frozenset()).path == (tmp_path / "ok.txt").resolve()
    with pytest.raises(SourceUnavailable, match="not found"):
        obtain("missing.png", tmp_path, cache, frozenset())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "escape").symlink_to("/etc/hostname")
    with pytest.raises(SourceUnavailable, match="outside the layout folder"):
        obtain("sub/escape", tmp_path, cache, frozenset())


@pytest.mark.parametrize("src", ["http://[::1", "https://[", "http://exa\x00mple.org/a.png"])
def test_a_malformed_url_is_an_unavailable_source_not_a_crash(tmp_path: Path, src):
    cache = ContentCache(tmp_path / "cache", min_free_bytes=0)
    with pytest.raises(SourceUnavailable, match="cannot download"):
        obtain(src, tmp_path, cache, frozenset())
