"""DNS-SD advertisement of a screen on the LAN (``_kiosk._tcp``), with python-zeroconf.

TXT records: ``id`` (device id), ``role`` (beach-panel, legal-acts, touch-kiosk), ``version``,
``api`` (management API port), ``fp`` (SHA-256 of the device certificate), ``paired`` (yes/no).
Registration probes the name for about 1.7 s, so it runs in the service thread's asyncio loop,
never in the GUI thread. Addresses are checked every 30 s and re-announced when they change.
"""

import asyncio
import logging
import socket
from dataclasses import dataclass, replace

from zeroconf import IPVersion, get_all_addresses
from zeroconf.asyncio import AsyncServiceInfo, AsyncZeroconf

log = logging.getLogger("provisioning.advertise")
SERVICE_TYPE = "_kiosk._tcp.local."
ADDRESS_CHECK_S = 30.0


@dataclass(frozen=True, slots=True)
class Advertisement:
    device_name: str
    device_id: str
    role: str
    version: str
    api_port: int
    fingerprint_sha256: str
    paired: bool = False

    def txt(self) -> dict[str, str]:
        return {"id": self.device_id, "role": self.role, "version": self.version, "api": str(self.api_port),
                "fp": self.fingerprint_sha256, "paired": "yes" if self.paired else "no"}


def _instance_name(device_name: str) -> str:
    # DNS-SD instance names may hold spaces and accents, not dots (they separate labels).
    return device_name.replace(".", "-")[:63]


class Advertiser:
    def __init__(self, advertisement: Advertisement, interfaces: list[str] | None = None) -> None:
        self._ad = advertisement
        self._interfaces = interfaces  # None: every interface of the machine
        self._zc: AsyncZeroconf | None = None
        self._info: AsyncServiceInfo | None = None
        self._watch: asyncio.Task | None = None

    def _addresses(self) -> list[bytes]:
        chosen = self._interfaces or [a for a in get_all_addresses() if not a.startswith("127.")]
        return [socket.inet_aton(address) for address in chosen]

    def _service_info(self) -> AsyncServiceInfo:
        return AsyncServiceInfo(SERVICE_TYPE, f"{_instance_name(self._ad.device_name)}.{SERVICE_TYPE}",
                                port=self._ad.api_port, properties=self._ad.txt(), addresses=self._addresses(),
                                server=f"kiosk-{self._ad.device_id[:12]}.local.")

    async def start(self) -> None:
        self._zc = AsyncZeroconf(interfaces=self._interfaces or "All", ip_version=IPVersion.V4Only)
        self._info = self._service_info()
        # Each call returns the task that sends the announcements: await it too, or it dies pending.
        await (await self._zc.async_register_service(self._info, allow_name_change=True))
        self._watch = asyncio.get_running_loop().create_task(self._watch_addresses())

    async def update(self, **changes: object) -> None:
        """Re-announce with new values (e.g. ``paired=True``)."""
        self._ad = replace(self._ad, **changes)
        await self._reannounce()

    async def _reannounce(self) -> None:
        if self._zc is None:
            return
        self._info = self._service_info()
        await (await self._zc.async_update_service(self._info))

    async def _watch_addresses(self) -> None:
        known = self._addresses()
        while True:
            await asyncio.sleep(ADDRESS_CHECK_S)
            current = self._addresses()
            if current != known:
                known = current
                log.info("addresses changed: re-announcing", extra={"event": "advertisement_updated"})
                await self._reannounce()

    async def stop(self) -> None:
        """Withdraw the service (a goodbye packet) and close."""
        if self._watch is not None:
            self._watch.cancel()
        if self._zc is not None:
            if self._info is not None:
                await (await self._zc.async_unregister_service(self._info))
            await self._zc.async_close()
            self._zc = None
