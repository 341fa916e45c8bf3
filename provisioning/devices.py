"""The screens this administrator paired with: name -> address, port and pinned fingerprint."""

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from common.atomic import write_atomically


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
        try:
            return json.loads(self._path.read_text())
        except FileNotFoundError:
            return {}

    def get(self, name: str) -> KnownDevice | None:
        entry = self._load().get(name)
        return KnownDevice(**entry) if entry else None

    def save(self, device: KnownDevice) -> None:
        devices = self._load()
        devices[device.name] = asdict(device)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self._path, json.dumps(devices, indent=1).encode())
        os.chmod(self._path, 0o600)
