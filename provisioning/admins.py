"""The administrators paired with this screen: their public keys, by key id, kept in one JSON file.

Each entry also says when the key was paired and when it last signed a request that verified
(``note_used``): kept in memory at once, written to the file at most once a minute per key, so a
busy administrator does not turn every call into a disk write.
"""

import base64
import json
import math
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from common.atomic import write_atomically
from common.fingerprints import key_id

LAST_USED_WRITE_EVERY_S = 60.0


def _iso(at_s: float) -> str | None:
    if not math.isfinite(at_s) or not 0 <= at_s < 253402300800:  # before the year 10000
        return None
    return datetime.fromtimestamp(at_s, UTC).isoformat(timespec="seconds")


class PairedAdmins:
    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self._path = path
        self._clock = clock  # wall clock: "when" is shown to people
        self._lock = threading.Lock()
        self._keys: dict[str, dict[str, str]] = {}
        self._used_s: dict[str, float] = {}  # key id -> last verified request (in memory)
        self._written_s: dict[str, float] = {}  # key id -> when its last_used was last written
        try:
            self._keys = _well_formed(json.loads(path.read_text()))
        except FileNotFoundError:
            pass
        except (OSError, ValueError):
            self._keys = {}  # unreadable: nobody is paired until pairing again (fail closed)

    def public_key(self, name: str) -> Ed25519PublicKey | None:
        """The key paired under ``name``, or None (also for an entry that does not decode: trusted by nobody)."""
        with self._lock:
            entry = self._keys.get(name)
        if entry is None:
            return None
        try:
            return Ed25519PublicKey.from_public_bytes(base64.b64decode(entry["public_key"], validate=True))
        except (ValueError, TypeError):
            return None

    def add(self, public_key: Ed25519PublicKey, label: str) -> str:
        name = key_id(public_key)
        raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
        with self._lock:
            # Stored first, trusted after: a key that could not be written is not paired (fail closed).
            entry = {"public_key": base64.b64encode(raw).decode(), "label": label[:80], "paired_at": _iso(self._clock()) or ""}
            updated = {**self._keys, name: entry}
            self._save(updated)
            self._keys = updated
        return name

    def remove(self, name: str) -> bool:
        with self._lock:
            found = name in self._keys
            if found:
                # In memory first: a revoked key stops working even if the file cannot be written.
                self._keys = {k: v for k, v in self._keys.items() if k != name}
                self._save(self._keys)
        return found

    def note_used(self, name: str) -> None:
        """A request signed by ``name`` verified: remembered now, written at most once a minute per key."""
        now = self._clock()
        with self._lock:
            if name not in self._keys or not math.isfinite(now):
                return
            self._used_s[name] = now
            if now - self._written_s.get(name, -math.inf) < LAST_USED_WRITE_EVERY_S:
                return
            self._written_s[name] = now
            updated = {**self._keys, name: {**self._keys[name], "last_used": _iso(now) or ""}}
            try:
                self._save(updated)
            except OSError:
                return  # a full disk must not refuse the request: the memory copy still answers
            self._keys = updated

    def listing(self) -> list[dict[str, str | None]]:
        """Label, key id, when paired and when last used (ISO 8601 UTC, or None), oldest pairing first."""
        with self._lock:
            keys, used = dict(self._keys), dict(self._used_s)
        rows = [{"key": name, "label": entry.get("label", ""), "paired_at": entry.get("paired_at") or None,
                 "last_used": (_iso(used[name]) if name in used else entry.get("last_used")) or None}
                for name, entry in keys.items()]
        return sorted(rows, key=lambda r: (r["paired_at"] or "", r["key"]))

    def count(self) -> int:
        with self._lock:
            return len(self._keys)

    def trusted(self) -> dict[str, Ed25519PublicKey]:
        with self._lock:
            names = list(self._keys)
        return {name: key for name in names if (key := self.public_key(name)) is not None}

    def _save(self, keys: dict[str, dict[str, str]]) -> None:
        write_atomically(self._path, json.dumps(keys, indent=1).encode())
        self._path.chmod(0o600)


def _well_formed(loaded: object) -> dict[str, dict[str, str]]:
    """Only entries shaped as ``add`` writes them; anything else in the file is ignored (trusts nobody)."""
    if not isinstance(loaded, dict):
        return {}
    return {name: {k: v for k, v in entry.items() if isinstance(v, str)} for name, entry in loaded.items()
            if isinstance(name, str) and isinstance(entry, dict) and isinstance(entry.get("public_key"), str)}
