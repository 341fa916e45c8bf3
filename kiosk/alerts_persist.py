"""The held alerts on disk: one JSON file written atomically (common.atomic), off the GUI thread.

Each alert is kept as the CAP message it came as (base64), and parsed again at start: what comes
back passed the same checks as what came in. Writes are coalesced: a flood of messages costs one
write of the newest state, on a writer thread of its own (an fsync never stalls a frame).
"""

import base64
import binascii
import json
import logging
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from common.atomic import write_atomically
from kiosk.alerts_store import AlertStore
from kiosk.logs import event
from media.feeds.cap import parse_cap
from media.feeds.cap_model import CapRefused

log = logging.getLogger("kiosk.alerts")
FILE_NAME = "alerts.json"
MAX_FILE_BYTES = 64 * 1024 * 1024  # 100 alerts of at most 512 KB, in base64


def snapshot(store: AlertStore) -> bytes:
    alerts = [{"raw": base64.b64encode(h.raw).decode("ascii"), "source": h.alert.source,
               "received_at": h.received_at.isoformat()} for h in store.held()]
    return json.dumps({"version": 1, "alerts": alerts, "lifted": store.lifted_ids()}).encode()


def load_into(store: AlertStore, path: Path) -> int:
    """Take back what was stored (expired ones dropped, each refusal logged); how many came back."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(f"over {MAX_FILE_BYTES} bytes")
        doc = json.loads(path.read_bytes())
        entries, lifted = doc["alerts"], doc.get("lifted", [])
        if not isinstance(entries, list) or not isinstance(lifted, list):
            raise ValueError("alerts and lifted must be lists")
    except FileNotFoundError:
        return 0
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        event(log, "alerts_store_unreadable", logging.ERROR, f"{type(exc).__name__}: {str(exc)[:200]}", path=str(path))
        return 0
    store.remember_lifted([x for x in lifted if isinstance(x, str)])
    restored = 0
    for index, entry in enumerate(entries):
        restored += _restore_one(store, entry, index)
    return restored


def _restore_one(store: AlertStore, entry: Any, index: int) -> bool:
    try:
        raw = base64.b64decode(entry["raw"], validate=True)
        alert = parse_cap(raw, str(entry.get("source", ""))[:200])
        received_at = datetime.fromisoformat(entry["received_at"])
    except (CapRefused, binascii.Error, KeyError, TypeError, ValueError, AttributeError) as exc:
        event(log, "alert_not_restored", logging.WARNING, f"{type(exc).__name__}: {str(exc)[:200]}", index=index)
        return False
    ok = store.restore(alert, raw, received_at)
    event(log, "alert_restored" if ok else "alert_not_restored", alert_id=alert.identifier,
          **({} if ok else {"reason": "expired while stopped, or not for this screen"}))
    return ok


class Writer:
    """Writes the newest snapshot it was given, on its own thread; ``flush`` waits (bounded) for it."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._pending: bytes | None = None
        self._writing = False
        self._stopped = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="alerts-writer", daemon=True)
        self._thread.start()

    def save(self, data: bytes) -> None:
        with self._changed:
            self._pending = data  # an older pending state is simply dropped: only the newest matters
            self._changed.notify_all()

    def flush(self, timeout_s: float = 1.0) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self._pending is None and not self._writing, timeout_s)

    def stop(self, timeout_s: float = 1.0) -> None:
        self.flush(timeout_s)
        with self._changed:
            self._stopped = True
            self._changed.notify_all()
        self._thread.join(timeout_s)

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._pending is not None or self._stopped)
                if self._pending is None:
                    return
                data, self._pending, self._writing = self._pending, None, True
            try:
                write_atomically(self._path, data)
            except OSError as exc:
                event(log, "alerts_store_write_failed", logging.ERROR, str(exc)[:200], path=str(self._path))
            with self._changed:
                self._writing = False
                self._changed.notify_all()
