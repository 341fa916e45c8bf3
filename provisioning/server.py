"""Serving the management API over HTTPS (the device certificate) from the service thread's loop.

The server runs inside the display process, so what strangers can make it hold is bounded: at most
``MAX_CONNECTIONS`` connections and requests at once (more get 503), headers up to ``MAX_HEADER_BYTES``,
idle connections closed after ``KEEP_ALIVE_S``; bodies are bounded by the API itself (``body_limits``).
"""

import asyncio
import logging

import uvicorn
from fastapi import FastAPI

from provisioning.identity import DeviceIdentity

log = logging.getLogger("provisioning.server")
MAX_CONNECTIONS = 16
MAX_HEADER_BYTES = 16 * 1024
KEEP_ALIVE_S = 5
BACKLOG = 64


class ApiServer:
    def __init__(self, app: FastAPI, identity: DeviceIdentity, host: str, port: int) -> None:
        config = uvicorn.Config(app, host=host, port=port, ssl_certfile=str(identity.certificate_path),
                                ssl_keyfile=str(identity.key_path), log_config=None, access_log=False,
                                limit_concurrency=MAX_CONNECTIONS, timeout_keep_alive=KEEP_ALIVE_S, backlog=BACKLOG,
                                h11_max_incomplete_event_size=MAX_HEADER_BYTES, http="h11", timeout_graceful_shutdown=5)
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
