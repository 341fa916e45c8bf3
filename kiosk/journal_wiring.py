"""The journal in the running kiosk: the writer started, the GUI thread's beat, screenshot hashes.

``start_journal`` is called once the window is up; ``parts.journal`` is then the ``JournalWriter``
every part records through (``parts.journal.record(event, act_id, act_sha256, detail)``). Its stop
step comes last but one: whatever the scene recorded while leaving is in the journal before ``stop``.
"""

import hashlib
import logging
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from common.clock import Clock, SystemClock
from common.events import event
from journal.checkpoint import DeviceSigner
from kiosk.journal_writer import JournalWriter
from kiosk.screenshots import grab, prune, write_png
from kiosk.startup import after_first_frame

log = logging.getLogger("kiosk.journal")
JOURNAL_FILE = "journal.sqlite"
GUI_BEAT_EVERY_MS = 10_000
SCREENSHOT_EVERY_S = 600  # a screenshot's sha256 every 10 minutes
SCREENSHOTS_KEPT = 144  # the last day of them on disk, so a recent hash can be checked against its image
IDENTITY_WAIT_S = 15.0  # the provisioning service makes the device key on first start; it is not made twice


def device_keys(data_dir: Path, device_name: str, provisioning_makes_it: bool) -> Any:
    """(screen id, signer) from the device identity, for the writer thread (which may wait for it)."""

    def load() -> tuple[str, DeviceSigner | None]:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_private_key

        from provisioning.identity import load_or_create_identity

        folder = data_dir / "identity"
        deadline = time.monotonic() + IDENTITY_WAIT_S
        while provisioning_makes_it and not (folder / "device.json").exists() and time.monotonic() < deadline:
            time.sleep(0.2)  # the writer thread, not the GUI: records queue meanwhile
        identity = load_or_create_identity(folder, device_name)
        key = load_pem_private_key(identity.key_path.read_bytes(), None)
        public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return identity.device_id, DeviceSigner(key.sign, public)  # type: ignore[union-attr]

    return load


def start_journal(options: Any, parts: Any, crash_log: Any) -> JournalWriter:
    from kiosk import __version__

    last_crash = crash_log.report.last_crash or {}
    previous = {"last_crash_reason": last_crash.get("reason"), "last_crash_at": last_crash.get("at")} if last_crash else {}
    keys = device_keys(options.data_dir, options.device_name, options.api_port is not None or options.advertise)
    clock = SystemClock()
    writer = JournalWriter(options.data_dir / JOURNAL_FILE, keys, clock,
                           start_detail={"version": __version__, "previous_run": previous})
    # Its thread (SQLite, the device key, cryptography) starts once the first frame is on screen;
    # what is recorded meanwhile waits in its queue, with its own time.
    after_first_frame(parts.player, writer.start)
    beat = QTimer(parts.app, objectName="journal-gui-beat", interval=GUI_BEAT_EVERY_MS)
    beat.timeout.connect(writer.gui_beat)
    beat.start()
    shots = ScreenshotHashes(parts.window, parts.jobs, options.data_dir / "journal-shots", writer, clock,
                             lambda: parts.shutdown.started)

    def stop() -> None:
        beat.stop()
        shots.stop()
        writer.stop(0.35)

    parts.shutdown.add("journal", stop, 0.4)
    return writer


class ScreenshotHashes(QObject):
    """Grabbed on the GUI thread (it must be), written and hashed in the pool, the sha256 journaled."""

    def __init__(self, window: Any, jobs: Any, folder: Path, writer: JournalWriter, clock: Clock, stopping: Any,
                 every_s: float = SCREENSHOT_EVERY_S) -> None:
        super().__init__(window)
        self._window, self._jobs, self._folder, self._writer = window, jobs, folder, writer
        self._clock, self._stopping = clock, stopping
        self._busy = False
        self._timer = QTimer(self, objectName="journal-screenshot", interval=round(every_s * 1000))
        self._timer.timeout.connect(self.take)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def take(self) -> None:
        if self._busy or self._stopping():
            return  # still writing the previous one (skipped, not queued), or the window may be going
        image = grab(self._window)
        if image is None:
            self._writer.record("screenshot", detail={"failed": "the window could not be grabbed"})
            return
        now = self._clock.now()
        path = self._folder / f"screen-{now:%Y%m%d-%H%M%S}.png"
        folder, size = self._folder, (image.width(), image.height())

        def write_and_hash() -> str | None:
            if not write_png(image, path):
                return None
            prune(folder, SCREENSHOTS_KEPT)
            return hashlib.sha256(path.read_bytes()).hexdigest()

        self._busy = True
        self._jobs.submit(write_and_hash, lambda sha, error: self._written(path, size, now, sha, error))

    def _written(self, path: Path, size: tuple[int, int], taken: datetime, sha: str | None, error: BaseException | None) -> None:
        self._busy = False
        if sha is None or error is not None:
            event(log, "journal_screenshot_failed", logging.WARNING, str(error or "not written"), path=str(path))
            self._writer.record("screenshot", detail={"failed": str(error or "not written")[:200]})
            return
        self._writer.record("screenshot", detail={"sha256": sha, "file": path.name, "width": size[0], "height": size[1],
                                                  "taken_utc": taken.isoformat()})
