"""The service thread: one asyncio loop for network work that must not touch the GUI thread
(zeroconf advertisement now; the management API later). Coroutines are handed over with
``submit`` and give back a concurrent Future.
"""

import asyncio
import concurrent.futures
import threading
from collections.abc import Coroutine
from typing import Any


class ServiceThread:
    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="service", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_forever()

    def start(self) -> "ServiceThread":
        self._thread.start()
        return self

    def submit(self, coroutine: Coroutine[Any, Any, Any]) -> concurrent.futures.Future:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    def stop(self, timeout_s: float = 0.5) -> bool:
        """Stops the loop; waits at most ``timeout_s`` (shutdown is bounded). False: the thread is still
        busy in a callback, and is left behind (a daemon thread does not hold the process's exit up)."""
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout_s)
        if self._thread.is_alive():
            return False
        self._loop.close()
        return True
