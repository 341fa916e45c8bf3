"""Turning an item's ``src`` into a complete local file: from the cache, the network, or the layout folder.

Runs in a worker thread. Offline, a URL that was fetched before keeps playing from the cache.
"""

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from media.cache import ContentCache
from media.errors import MediaError
from media.fetch import DEFAULT_MAX_BYTES, FetchOutcome, Validators, fetch


class SourceUnavailable(MediaError):
    """The file cannot be had: not in the cache and the fetch failed, or a local file is missing."""

    def __init__(self, message: str, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True, slots=True)
class LocalFile:
    path: Path
    sha256: str
    note: str = ""  # "offline: playing the cached copy" and the like, for the log


def is_url(src: str) -> bool:
    # Only the scheme: urlsplit raises ValueError on a malformed host ("http://[::1"), which the
    # fetch then reports as a failed download instead.
    scheme, colon, _ = src.partition(":")
    return bool(colon) and scheme.strip().lower() in ("http", "https")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def obtain(src: str, base_dir: Path, cache: ContentCache, protected: frozenset[str], max_bytes: int = DEFAULT_MAX_BYTES) -> LocalFile:
    if not is_url(src):
        path = (base_dir / src).resolve()
        if not path.is_relative_to(base_dir.resolve()):
            raise SourceUnavailable(f"{src!r} points outside the layout folder", permanent=True)
        if not path.is_file():
            raise SourceUnavailable(f"file {src!r} not found in {base_dir}", permanent=True)
        return LocalFile(path, sha256_of(path))
    cached = cache.lookup_url(src)
    staging = cache.staging_dir() / uuid.uuid4().hex
    result = fetch(src, staging, cached.validators if cached else Validators(), max_bytes=max_bytes)
    if result.outcome is FetchOutcome.NOT_MODIFIED and cached:
        cache.touch(cached.sha256)
        return LocalFile(cached.path, cached.sha256)
    if result.outcome is FetchOutcome.FETCHED and result.path and result.sha256:
        path = cache.admit(result.path, result.sha256, protected=protected)
        cache.record_url(src, result.sha256, result.validators)
        return LocalFile(path, result.sha256)
    if cached:
        return LocalFile(cached.path, cached.sha256, note=f"offline ({result.error}): playing the cached copy")
    raise SourceUnavailable(f"cannot download {src}: {result.error}", permanent=result.permanent)

