"""The management API and the LAN advertisement, started and stopped on the service thread.

Everything slow about them (making or reading the device key and certificate, clearing bundles a
killed push left behind, binding the port, probing the DNS-SD name) runs there or in a worker
thread, after the first frame; the GUI thread only hands over the bridge and goes on.
"""

import asyncio
import concurrent.futures
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from kiosk.logs import event
from kiosk.options import RunOptions
from kiosk.service_thread import ServiceThread

log = logging.getLogger("kiosk.app")
PART_STOP_TIMEOUT_S = 1.0


@dataclass
class ProvisioningService:
    options: RunOptions
    service: ServiceThread
    running: list[tuple[str, Any]] = field(default_factory=list)
    started: concurrent.futures.Future | None = None

    def start(self, bridge: Any) -> None:
        """Begin on the service thread; returns at once."""
        self.started = self.service.submit(self._start(bridge))
        self.started.add_done_callback(self._report_unexpected)

    @staticmethod
    def _report_unexpected(future: concurrent.futures.Future) -> None:
        if not future.cancelled() and future.exception() is not None:
            error = future.exception()
            event(log, "provisioning_failed", logging.ERROR, f"{type(error).__name__}: {error}")

    async def _start(self, bridge: Any) -> None:
        from provisioning import IdentityError
        from provisioning.admins import PairedAdmins
        from provisioning.identity import load_or_create_identity

        data_dir = self.options.data_dir
        try:
            identity = await asyncio.to_thread(load_or_create_identity, data_dir / "identity", self.options.device_name)
        except IdentityError as exc:
            event(log, "identity_failed", logging.ERROR, str(exc))
            return
        admins = await asyncio.to_thread(PairedAdmins, data_dir / "identity" / "admins.json")
        advertiser = None

        def on_pairing_changed() -> None:
            if advertiser is not None:
                self.service.submit(advertiser.update(paired=admins.count() > 0))

        api_port = 0
        if self.options.api_port is not None:
            api_port = await self._start_api(bridge, identity, admins, on_pairing_changed)
        if self.options.advertise:
            advertiser = await self._start_advertising(identity, admins, api_port)

    async def _start_api(self, bridge: Any, identity: Any, admins: Any, on_pairing_changed: Any) -> int:
        from provisioning.api import build_api
        from provisioning.pairing import PairingWindow
        from provisioning.push import BundleInbox
        from provisioning.server import ApiServer

        options = self.options
        inbox = BundleInbox(options.data_dir)
        await asyncio.to_thread(lambda: inbox.clean(bridge.folders_in_use()))  # what a push killed midway left behind
        app = build_api(bridge, admins, PairingWindow(time.monotonic), identity.fingerprint_sha256, inbox, on_pairing_changed)
        server = ApiServer(app, identity, options.api_host, options.api_port)
        try:
            await server.start()
        except Exception as exc:  # noqa: BLE001 - the screen plays on without its API; say why
            event(log, "api_failed", logging.ERROR, f"{type(exc).__name__}: {exc}", port=options.api_port)
            return 0
        self.running.append(("api", server))
        event(log, "api_listening", host=options.api_host, port=server.port, fingerprint=identity.short_fingerprint)
        return server.port

    async def _start_advertising(self, identity: Any, admins: Any, api_port: int) -> Any:
        from kiosk import __version__
        from provisioning.advertise import Advertisement, Advertiser

        options = self.options
        advertiser = Advertiser(Advertisement(options.device_name, identity.device_id, options.role, __version__, api_port,
                                              identity.fingerprint_sha256, admins.count() > 0),
                                list(options.advertise_interfaces) or None)
        self.running.append(("advertisement", advertiser))
        try:
            await advertiser.start()
        except Exception as exc:  # noqa: BLE001 - the screen plays on unannounced; say why
            event(log, "advertise_failed", logging.ERROR, f"{type(exc).__name__}: {exc}")
            return advertiser
        event(log, "advertised", device_id=identity.device_id, fingerprint=identity.short_fingerprint,
              device_name=options.device_name, role=options.role, api_port=api_port)
        return advertiser

    def stop(self, timeout_s: float = 2.0) -> None:
        """Stop what started, newest first, within ``timeout_s`` in all."""
        deadline = time.monotonic() + timeout_s
        if self.started is not None and not self.started.done():
            self.started.cancel()
        for what, part in reversed(self.running):
            remaining = max(0.0, min(PART_STOP_TIMEOUT_S, deadline - time.monotonic()))
            try:
                self.service.submit(part.stop()).result(timeout=remaining)
                event(log, f"{what}_stopped")
            except Exception as exc:  # noqa: BLE001 - leaving anyway; say what did not stop cleanly
                event(log, "provisioning_stop_failed", logging.WARNING, f"{what}: {type(exc).__name__}: {exc}")
        self.running.clear()


