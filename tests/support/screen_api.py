"""A screen's real management API over HTTPS on loopback, in this process (uvicorn in a service
thread), with a small screen behind it that keeps what it is sent, for kioskctl tests."""

import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.service_thread import ServiceThread
from provisioning.admins import PairedAdmins
from provisioning.api import build_api
from provisioning.identity import DeviceIdentity, load_or_create_identity
from provisioning.pairing import PairingWindow
from provisioning.push import BundleInbox
from provisioning.server import ApiServer


@dataclass
class MovableClock:
    """Monotonic seconds that tests move (pairing codes expire without sleeping)."""

    now_s: float = 1000.0

    def __call__(self) -> float:
        return self.now_s


@dataclass
class KeptScreen:
    """What the API asks of a screen, done for real on data kept here (no Qt)."""

    shown_code: str | None = None
    flag: str = "none"
    applied: list[str] = field(default_factory=list)

    async def status(self) -> dict[str, Any]:
        return {"device_name": "test", "role": "signage", "layout": self.applied[-1] if self.applied else None,
                "health": {"state": "ok", "reasons": []}}

    async def screenshot_png(self) -> bytes:
        return b"\x89PNG\r\n\x1a\n"

    async def send(self, command: object) -> int:
        self.flag = command.flag
        return 1

    def show_pairing(self, code: str | None, fingerprint: str, requested_by: str = "", expires_in_s: float = 120.0) -> None:
        self.shown_code = code

    def log_tail(self, lines: int) -> list[str]:
        return ['{"ts": "2026-01-01T00:00:00+00:00", "level": "info", "event": "start"}'][:lines]

    async def apply_layout(self, layout: Any, folder: Path) -> dict[str, Any]:
        self.applied.append(layout.name)
        return {"layout": layout.name, "applied": True, "detail": "on screen"}

    def folders_in_use(self) -> set[Path]:
        return set()

    async def rollback(self) -> dict[str, Any]:
        return {"layout": "previous", "applied": True}

    async def layouts(self) -> dict[str, Any]:
        return {}

    async def reload(self) -> dict[str, Any]:
        return {"applied": True}


class ScreenApi:
    def __init__(self, folder: Path, data_dir: Path | None = None, max_upload_bytes: int = 8 * 1024**2) -> None:
        self.identity: DeviceIdentity = load_or_create_identity(folder / "identity", "test")
        self.admins = PairedAdmins(folder / "identity" / "admins.json")
        self.clock = MovableClock()
        self.screen = KeptScreen()
        app = build_api(self.screen, self.admins, PairingWindow(self.clock), self.identity.fingerprint_sha256,
                        BundleInbox(data_dir or folder / "data", max_upload_bytes))
        self._service = ServiceThread().start()
        self._server = ApiServer(app, self.identity, "127.0.0.1", 0)
        self._service.submit(self._server.start()).result(20)
        self.port = self._server.port

    def stop(self) -> None:
        self._service.submit(self._server.stop()).result(20)
        self._service.stop()


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CuttingProxy:
    """Forwards to ``port`` and resets both connections (what a client sees when the screen's process dies:
    the kernel answers RST): after ``cut_after_bytes`` from the client, or, with ``cut_after_bytes=None``,
    just before the request itself (the client's second TLS application-data record, the first being
    its handshake Finished in TLS 1.3), so the screen never receives it."""

    def __init__(self, port: int, cut_after_bytes: int | None) -> None:
        self._target, self._cut = port, cut_after_bytes
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.cuts = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self._target))
            threading.Thread(target=self._pipe, args=(server, client, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(client, server, True), daemon=True).start()

    def _request_starts_at(self, stream: bytes, state: list[int]) -> int | None:
        """Where in the client's stream its second application-data record starts, once seen."""
        while len(stream) - state[1] >= 5:  # the TLS records: type (1), version (2), length (2)
            offset = state[1]
            if stream[offset] == 23:
                state[0] += 1
                if state[0] == 2:
                    return offset
            state[1] = offset + 5 + int.from_bytes(stream[offset + 3:offset + 5], "big")
        return None

    def _pipe(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        sent, stream, state = 0, b"", [0, 0]  # application-data records seen, offset of the next record
        try:
            while chunk := source.recv(65536):
                if from_client and self._cut is None:
                    stream += chunk
                    if (at := self._request_starts_at(stream, state)) is not None:
                        self._reset(source, sink, stream[sent:at])  # all before the request, not the request
                        return
                elif from_client and sent + len(chunk) >= self._cut:
                    self._reset(source, sink, chunk)
                    return
                sink.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass
        time.sleep(0.05)
        for s in (source, sink):
            try:
                s.close()
            except OSError:
                pass

    def _reset(self, source: socket.socket, sink: socket.socket, last: bytes) -> None:
        if last:
            sink.sendall(last)  # the byte-count mode forwards what it counted
        self.cuts += 1
        for s in (source, sink):
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = RST
            s.close()

    def close(self) -> None:
        self._listener.close()
