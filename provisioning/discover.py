"""Finding screens on the LAN: browse ``_kiosk._tcp`` and read each one's TXT records."""

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from zeroconf import Error as ZeroconfError
from zeroconf import IPVersion, ServiceBrowser, ServiceListener, Zeroconf

from common.terminal import printable
from provisioning.advertise import SERVICE_TYPE
from provisioning.client import DeviceError


@dataclass(frozen=True, slots=True)
class FoundDevice:
    name: str
    addresses: tuple[str, ...]
    port: int
    device_id: str
    role: str
    version: str
    fingerprint_sha256: str
    paired: bool

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "addresses": list(self.addresses), "port": self.port, "device_id": self.device_id,
                "role": self.role, "version": self.version, "fingerprint_sha256": self.fingerprint_sha256,
                "paired": self.paired}


class _Collector(ServiceListener):
    def __init__(self, on_found: Callable[[FoundDevice], None]) -> None:
        self.found: dict[str, FoundDevice] = {}
        self._on_found = on_found
        self._lock = threading.Lock()

    def _read(self, zc: Zeroconf, type_: str, name: str) -> None:
        info = zc.get_service_info(type_, name, timeout=3000)
        if info is None:
            return
        txt = {k.decode(): (v or b"").decode("utf-8", "replace") for k, v in info.properties.items()}
        device = FoundDevice(
            name=name.removesuffix(f".{SERVICE_TYPE}"),
            addresses=tuple(socket.inet_ntoa(a) for a in info.addresses if len(a) == 4),
            port=info.port or 0, device_id=txt.get("id", ""), role=txt.get("role", ""), version=txt.get("version", ""),
            fingerprint_sha256=txt.get("fp", ""), paired=txt.get("paired") == "yes")
        with self._lock:
            new = self.found.get(name) != device
            self.found[name] = device
        if new:
            self._on_found(device)

    def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self._read(zc, type_, name)

    def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self._read(zc, type_, name)

    def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        with self._lock:
            self.found.pop(name, None)


def discover(seconds: float, on_found: Callable[[FoundDevice], None] = lambda _d: None,
             interfaces: list[str] | None = None) -> list[FoundDevice]:
    """Browse for ``seconds``; ``on_found`` is called as devices appear (or change)."""
    try:
        zc = Zeroconf(interfaces=interfaces or "All", ip_version=IPVersion.V4Only)
    except (OSError, ValueError, ZeroconfError) as exc:  # no such interface, no multicast: said, never a traceback
        where = f" on {', '.join(printable(i, 40) for i in interfaces)}" if interfaces else ""
        raise DeviceError(0, f"cannot browse the LAN for screens{where}: {printable(exc, 120)}", "unreachable") from None
    collector = _Collector(on_found)
    browser = ServiceBrowser(zc, SERVICE_TYPE, collector)
    try:
        time.sleep(seconds)
    finally:
        browser.cancel()
        zc.close()
    return sorted(collector.found.values(), key=lambda d: d.name)
