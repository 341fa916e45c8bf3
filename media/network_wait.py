"""Letting a worker pool run other work while one of its jobs waits on the network.

The Jobs pool caps how many jobs compute at once (a Pillow decode or a PDF render takes memory and a
core). A download spends nearly all its time waiting on a socket; if it held its compute slot through
that wait, three slow servers would stall every other job (image preparation, feed polls, layout
promotion) until their deadlines. So a pool that runs a job installs, for that job's thread, how to
give its slot back and take it again, and ``fetch`` wraps its network wait in ``network_wait()``.
Outside such a pool (tests, the CLI) ``network_wait()`` does nothing.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_local = threading.local()


@contextmanager
def running_job(release: Callable[[], None], reacquire: Callable[[], None]) -> Iterator[None]:
    """Run in a pool thread around one job: inside it, ``network_wait`` gives the slot back while it waits."""
    outer = getattr(_local, "hooks", None)
    _local.hooks = (release, reacquire)
    try:
        yield
    finally:
        _local.hooks = outer


@contextmanager
def network_wait() -> Iterator[None]:
    """Wrap a wait on the network: the job's compute slot is free for others until it ends."""
    hooks = getattr(_local, "hooks", None)
    if hooks is None:
        yield
        return
    release, reacquire = hooks
    _local.hooks = None  # a nested wait must not release twice
    release()
    try:
        yield
    finally:
        reacquire()  # may block until a slot is free: the job computes again only within the cap
        _local.hooks = hooks
