"""Content-addressed cache (sha256) with a byte budget, LRU eviction and a free-space guard.

Objects live at ``<root>/ab/cdef...``; ``index.json`` remembers sizes, last use, which URL gave
which object (with its ETag / Last-Modified) and which prepared files derive from which source.
Eviction never removes a protected object (what ``current`` and ``last-good`` use) nor anything
derived from one. Safe to call from several worker threads.
"""

import json
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common.atomic import write_atomically
from media.errors import CacheFull
from media.fetch import Validators

DEFAULT_BUDGET_BYTES = 2 * 1024**3
DEFAULT_MIN_FREE_BYTES = 256 * 1024**2


@dataclass(frozen=True, slots=True)
class UrlEntry:
    sha256: str
    validators: Validators
    path: Path


class ContentCache:
    def __init__(self, root: Path, budget_bytes: int = DEFAULT_BUDGET_BYTES, min_free_bytes: int = DEFAULT_MIN_FREE_BYTES) -> None:
        self.root = root
        self.budget_bytes = budget_bytes
        self.min_free_bytes = min_free_bytes
        self._lock = threading.Lock()
        self.root.mkdir(parents=True, exist_ok=True)
        self._index_path = root / "index.json"
        self._objects: dict[str, dict[str, Any]] = {}
        self._urls: dict[str, dict[str, Any]] = {}
        self._derived: dict[str, str] = {}
        self._load_index()
        self._clear_staging()

    # -- reading ---------------------------------------------------------------------------
    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:]

    def has(self, sha256: str) -> bool:
        with self._lock:
            return sha256 in self._objects and self.path_for(sha256).is_file()

    def lookup_url(self, url: str) -> UrlEntry | None:
        with self._lock:
            entry = self._urls.get(url)
            if not entry or entry["sha256"] not in self._objects:
                return None
            path = self.path_for(entry["sha256"])
            if not path.is_file():
                return None
            return UrlEntry(entry["sha256"], Validators(entry.get("etag"), entry.get("last_modified")), path)

    def lookup_derived(self, key: str) -> Path | None:
        with self._lock:
            sha = self._derived.get(key)
            if sha is None or sha not in self._objects:
                return None
            path = self.path_for(sha)
            return path if path.is_file() else None

    def used_bytes(self) -> int:
        with self._lock:
            return sum(o["size"] for o in self._objects.values())

    # -- writing ---------------------------------------------------------------------------
    def admit(self, file: Path, sha256: str, *, protected: frozenset[str] = frozenset(), source_sha256: str | None = None) -> Path:
        """Move a complete file into the cache under its hash, making room first. Returns its path."""
        size = file.stat().st_size
        with self._lock:
            if sha256 in self._objects and self.path_for(sha256).is_file():
                file.unlink(missing_ok=True)
                self._objects[sha256]["last_used"] = time.time()
                return self.path_for(sha256)
            self._make_room(size, protected)
            target = self.path_for(sha256)
            target.parent.mkdir(exist_ok=True)
            os.replace(file, target)
            self._objects[sha256] = {"size": size, "last_used": time.time()}
            if source_sha256:
                self._objects[sha256]["source"] = source_sha256
            self._save_index()
            return target

    def record_url(self, url: str, sha256: str, validators: Validators) -> None:
        with self._lock:
            self._urls[url] = {"sha256": sha256, "etag": validators.etag, "last_modified": validators.last_modified}
            self._save_index()

    def record_derived(self, key: str, sha256: str) -> None:
        with self._lock:
            self._derived[key] = sha256
            self._save_index()

    def touch(self, sha256: str) -> None:
        with self._lock:
            if sha256 in self._objects:
                self._objects[sha256]["last_used"] = time.time()

    def staging_dir(self) -> Path:
        path = self.root / "staging"
        path.mkdir(exist_ok=True)
        return path

    # -- internals -------------------------------------------------------------------------
    def _clear_staging(self) -> None:
        """Files left half-made by a previous run (killed mid-download) are never admitted."""
        for leftover in (self.root / "staging").glob("*"):
            leftover.unlink(missing_ok=True)

    def _make_room(self, incoming_bytes: int, protected: frozenset[str]) -> None:
        keep = set(protected) | {s for s, o in self._objects.items() if o.get("source") in protected}
        used = sum(o["size"] for o in self._objects.values())
        victims = sorted((o["last_used"], s) for s, o in self._objects.items() if s not in keep)
        while victims and (used + incoming_bytes > self.budget_bytes or not self._disk_can_take(incoming_bytes)):
            _, sha = victims.pop(0)
            used -= self._objects.pop(sha)["size"]
            self.path_for(sha).unlink(missing_ok=True)
        if used + incoming_bytes > self.budget_bytes:
            raise CacheFull(f"{incoming_bytes} bytes do not fit the {self.budget_bytes}-byte cache budget "
                            f"({used} bytes are in use by protected content)")
        if not self._disk_can_take(incoming_bytes):
            raise CacheFull(f"the disk under {self.root} would fall below {self.min_free_bytes} free bytes")

    def _disk_can_take(self, incoming_bytes: int) -> bool:
        return shutil.disk_usage(self.root).free - incoming_bytes >= self.min_free_bytes

    def _load_index(self) -> None:
        try:
            data = json.loads(self._index_path.read_bytes())
            self._objects = dict(data.get("objects", {}))
            self._urls = dict(data.get("urls", {}))
            self._derived = dict(data.get("derived", {}))
        except FileNotFoundError:
            return
        except (OSError, ValueError, AttributeError):
            # A damaged index loses only the bookkeeping; objects are re-fetched or re-admitted.
            self._objects, self._urls, self._derived = {}, {}, {}
        self._objects = {s: o for s, o in self._objects.items() if self.path_for(s).is_file()}

    def _save_index(self) -> None:
        data = {"objects": self._objects, "urls": self._urls, "derived": self._derived}
        write_atomically(self._index_path, json.dumps(data).encode())
