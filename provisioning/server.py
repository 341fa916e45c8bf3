"""Serving the management API over HTTPS (the device certificate) from the service thread's loop.

The server runs inside the display process, so what strangers can make it hold is bounded: at most
``MAX_CONNECTIONS`` connections and requests at once (more get 503), headers up to ``MAX_HEADER_BYTES``
that must be complete within ``HEADER_TIMEOUT_S`` of connecting (or of the previous answer), idle
connections closed after ``KEEP_ALIVE_S``; bodies are bounded by the API itself (``body_limits``).
"""

import asyncio
import logging

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from provisioning.identity import DeviceIdentity

log = logging.getLogger("provisioning.server")
MAX_CONNECTIONS = 16
MAX_HEADER_BYTES = 16 * 1024
KEEP_ALIVE_S = 5
BACKLOG = 64
HEADER_TIMEOUT_S = 10.0


class _H11WithHeaderTimeout(H11Protocol):
    """uvicorn's h11 protocol, plus a deadline for a request's headers.

    WORKAROUND: uvicorn has no such timeout, so a connection that never finishes its headers would hold
    one of the ``MAX_CONNECTIONS`` places for ever (the API answering 503 to everyone, admins too).
    """

    header_timeout_s = HEADER_TIMEOUT_S

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_deadline()  # the next request's headers, on a kept-alive connection

    def connection_lost(self, exc: Exception | None) -> None:
        if (deadline := getattr(self, "_header_deadline", None)) is not None:
            deadline.cancel()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        if (deadline := getattr(self, "_header_deadline", None)) is not None:
            deadline.cancel()
        self._header_deadline = self.loop.call_later(self.header_timeout_s, self._on_header_deadline)

    def _on_header_deadline(self) -> None:
        waiting_for_headers = self.cycle is None or self.cycle.response_complete
        if waiting_for_headers:
            self.transport.abort()  # not close(): a TLS close would wait up to 30 s for the peer's close_notify


class ApiServer:
    def __init__(self, app: FastAPI, identity: DeviceIdentity, host: str, port: int,
                 header_timeout_s: float = HEADER_TIMEOUT_S) -> None:
        protocol = type("H11WithHeaderTimeout", (_H11WithHeaderTimeout,), {"header_timeout_s": header_timeout_s})
        config = uvicorn.Config(app, host=host, port=port, ssl_certfile=str(identity.certificate_path),
                                ssl_keyfile=str(identity.key_path), log_config=None, access_log=False,
                                limit_concurrency=MAX_CONNECTIONS, timeout_keep_alive=KEEP_ALIVE_S, backlog=BACKLOG,
                                h11_max_incomplete_event_size=MAX_HEADER_BYTES, http=protocol, timeout_graceful_shutdown=5)
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()  # raises why it could not start (port taken...)
            await asyncio.sleep(0.02)

    @property
    def port(self) -> int:
        return self._server.servers[0].sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task is not None:
            await asyncio.wait_for(self._task, 10)
