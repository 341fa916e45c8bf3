"""The screens this administrator paired with: name -> address, port and pinned fingerprint."""

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from common.atomic import write_atomically
from common.terminal import quoted
from provisioning import IdentityError

MAX_FILE_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class KnownDevice:
    name: str
    host: str
    port: int
    fingerprint_sha256: str


class KnownDevices:
    def __init__(self, path: Path) -> None:
        self._path = path

    def _load(self) -> dict[str, dict]:
        """The file as written by ``save``; anything else is an IdentityError naming the file (kioskctl exits 2)."""
        try:
            with open(self._path, "rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise ValueError(f"over {MAX_FILE_BYTES} bytes")
            devices = json.loads(data)
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, RecursionError) as exc:
            raise IdentityError(f"known screens {self._path}: cannot be read ({quoted(exc, 120)}); fix or remove it") from None
        if not isinstance(devices, dict) or not all(isinstance(v, dict) for v in devices.values()):
            raise IdentityError(f"known screens {self._path}: not an object of name -> screen; fix or remove it")
        return devices

    def get(self, name: str) -> KnownDevice | None:
        entry = self._load().get(name)
        if entry is None:
            return None
        try:
            device = KnownDevice(**entry)
        except TypeError:
            device = None
        if device is None or not (isinstance(device.host, str) and type(device.port) is int and 0 < device.port < 65536
                                  and isinstance(device.fingerprint_sha256, str)
                                  and re.fullmatch(r"[0-9a-f]{64}", device.fingerprint_sha256)):
            raise IdentityError(f"known screens {self._path}: the entry {quoted(name)} is damaged; pair again")
        return device

    def names(self) -> list[str]:
        """Every paired screen's name, sorted."""
        return sorted(self._load())

    def by_fingerprint(self) -> dict[str, str]:
        """Pinned fingerprint -> name (discover marks the screens this administrator paired)."""
        return {entry["fingerprint_sha256"]: name for name, entry in self._load().items()
                if isinstance(entry.get("fingerprint_sha256"), str)}

    def save(self, device: KnownDevice) -> None:
        devices = self._load()
        devices[device.name] = asdict(device)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self._path, json.dumps(devices, indent=1).encode())
        os.chmod(self._path, 0o600)
