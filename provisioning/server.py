"""Serving the management API over HTTPS (the device certificate) from the service thread's loop."""

import asyncio
import logging

import uvicorn
from fastapi import FastAPI

from provisioning.identity import DeviceIdentity

log = logging.getLogger("provisioning.server")


class ApiServer:
    def __init__(self, app: FastAPI, identity: DeviceIdentity, host: str, port: int) -> None:
        config = uvicorn.Config(app, host=host, port=port, ssl_certfile=str(identity.certificate_path),
                                ssl_keyfile=str(identity.key_path), log_config=None, access_log=False,
                                limit_concurrency=32, timeout_keep_alive=5, h11_max_incomplete_event_size=64 * 1024)
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
