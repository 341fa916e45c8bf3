"""The unit tier runs in seconds: no processes, no network (those tests live in tests/integration).

Starting a process or binding/connecting a socket here fails the test that tried. Socket pairs
(what an asyncio loop makes for itself) stay allowed: they never leave the process.
"""

import socket
import subprocess

import pytest


class OutsideTheUnitTier(AssertionError):
    pass


def _refuse(what: str):  # noqa: ANN202
    def refused(*_args: object, **_kwargs: object) -> None:
        raise OutsideTheUnitTier(f"a unit test may not {what}: move it to tests/integration")

    return refused


@pytest.fixture(autouse=True)
def no_processes_or_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(subprocess.Popen, "__init__", _refuse("start a process"))
    for method in ("bind", "connect", "connect_ex", "listen"):
        monkeypatch.setattr(socket.socket, method, _refuse(f"use the network ({method})"))
