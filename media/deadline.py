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

_current = threading.local()  # the Deadline of the fetch running in this thread, if any


def active_deadline() -> "Deadline | None":
    """The Deadline of the exchange running in this thread (``media.watched_session`` watches its sockets)."""
    return getattr(_current, "deadline", None)


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
