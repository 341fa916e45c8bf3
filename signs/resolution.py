"""What resolving an item yields (a descriptor the view draws, or why not), and what it may use."""

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from media.cache import ContentCache
from media.sources import LocalFile, sha256_of

Descriptor = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Resolution:
    descriptor: Descriptor | None
    error: str | None = None
    permanent: bool = False
    note: str = ""
    resolved_at_s: float = field(default_factory=time.monotonic)


@dataclass(frozen=True, slots=True)
class ResolveContext:
    base_dir: Path
    cache: ContentCache
    local_site_url: str  # where local:/path web items are served, e.g. http://127.0.0.1:8123
    protected: frozenset[str]
    font_family: str
    locale: str


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def derived_file(cache: ContentCache, key: str, make: Callable[[Path], Path], protected: frozenset[str],
                 source: LocalFile | None = None) -> Path:
    """A file computed once (prepared image, PDF page, QR code) and kept in the cache under ``key``.

    Qt recognises the format from the content, so the cached object needs no suffix.
    """
    cached = cache.lookup_derived(key)
    if cached:
        return cached
    made = make(cache.staging_dir() / uuid.uuid4().hex)
    try:
        sha = sha256_of(made)
        path = cache.admit(made, sha, protected=protected, source_sha256=source.sha256 if source else None)
    finally:
        made.unlink(missing_ok=True)
    cache.record_derived(key, sha)
    return path
