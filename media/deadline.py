"""A total deadline for one HTTP exchange: connect, headers and body, however slowly the server sends.

requests' timeouts apply to each socket operation: a server that sends one byte every 0.5 s never
trips a 20 s read timeout, neither while sending its headers nor its body, and keeps a worker busy
for as long as it likes. Checking the clock between body chunks is not enough either: one read of a
256 KB chunk (or of a header line) blocks until the chunk is full.

So every socket a fetch opens (redirects included, before any TLS handshake) is registered with the
fetch's ``Deadline``; a timer shuts those sockets down when the deadline passes. The blocked read,
wherever it is, wakes with end-of-file, and the caller reports the deadline (``Deadline.expired``).
The timer works on a duplicate of each socket's descriptor, so it can never touch a descriptor number
that was closed and reused by someone else.

Not covered: name resolution (``getaddrinfo`` cannot be interrupted; it has the resolver's own
timeouts), and SOCKS proxies (their connections are made by PySocks; the per-chunk check still holds).
"""

import os
import socket
import threading
import time
from types import TracebackType

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_current = threading.local()  # the Deadline of the fetch running in this thread, if any


class Deadline:
    """Use as ``with Deadline(30): ...``: sockets opened inside, in this thread, are shut at the deadline."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends_at_s = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._fds: list[int] = []
        self._done = False
        self.expired = False  # set once the timer has shut the sockets
        self._timer: threading.Timer | None = None

    def remaining_s(self) -> float:
        return max(0.0, self._ends_at_s - time.monotonic())

    def passed(self) -> bool:
        return self.expired or time.monotonic() >= self._ends_at_s

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down at the deadline (at once if it has passed already)."""
        with self._lock:
            if self._done:
                return
            fd = os.dup(sock.fileno())
            self._fds.append(fd)
            if self.expired:
                _shut(fd)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for fd in self._fds:
                _shut(fd)

    def __enter__(self) -> "Deadline":
        self._outer = getattr(_current, "deadline", None)
        _current.deadline = self
        self._timer = threading.Timer(self.remaining_s(), self._expire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        _current.deadline = self._outer
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._done = True
            fds, self._fds = self._fds, []
        for fd in fds:
            os.close(fd)


def _shut(fd: int) -> None:
    # shutdown() acts on the connection, not the descriptor: the owner's read returns end-of-file.
    probe = socket.socket(fileno=os.dup(fd))
    try:
        probe.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed by the peer
    finally:
        probe.close()


class _Watched:
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()  # type: ignore[misc]
        deadline = getattr(_current, "deadline", None)
        if deadline is not None:
            deadline.watch(sock)
        return sock


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class _Adapter(HTTPAdapter):
    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **kwargs: object):  # noqa: ANN201 - urllib3's type
        manager = super().proxy_manager_for(proxy, **kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = dict(_POOLS)
        return manager


def watched_session() -> requests.Session:
    """A session whose connections are shut by the ``Deadline`` active in the calling thread."""
    session = requests.Session()
    adapter = _Adapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
