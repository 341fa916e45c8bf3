"""The administrators paired with this screen: their public keys, by key id, kept in one JSON file."""

import base64
import json
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from common.atomic import write_atomically
from common.fingerprints import key_id


class PairedAdmins:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._keys: dict[str, dict[str, str]] = {}
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
            updated = {**self._keys, name: {"public_key": base64.b64encode(raw).decode(), "label": label[:80]}}
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
    return {name: entry for name, entry in loaded.items()
            if isinstance(name, str) and isinstance(entry, dict) and isinstance(entry.get("public_key"), str)}
