"""Screenshot hashes for the journal: grabbed on the GUI thread, written and hashed in the pool; the
sha256 journaled is the sha256 of the PNG kept on disk, and the folder stays bounded."""

import hashlib
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtQuick import QQuickView

from common.clock import ManualClock
from journal.store import JournalStore
from kiosk import journal_wiring
from kiosk.journal_wiring import ScreenshotHashes
from kiosk.journal_writer import JournalWriter, WriterSettings
from tests.support.journal import test_signer


def test_the_journaled_hash_is_the_kept_screenshot(qtbot, jobs, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(journal_wiring, "SCREENSHOTS_KEPT", 2)
    scene = tmp_path / "scene.qml"
    scene.write_text("import QtQuick\nRectangle { width: 160; height: 90; color: 'darkred' }\n")
    view = QQuickView()
    view.setSource(QUrl.fromLocalFile(str(scene)))
    clock, signer = ManualClock(), test_signer()
    writer = JournalWriter(tmp_path / "journal.sqlite", lambda: ("hall-1", signer), clock,
                           WriterSettings(flush_every_s=0.02, heartbeat_every_s=1e9)).start()  # only screenshots
    stopping = {"now": False}
    try:
        view.show()
        qtbot.waitExposed(view)
        shots = ScreenshotHashes(view, jobs, tmp_path / "shots", writer, clock, lambda: stopping["now"], every_s=3600)
        for n in range(3):
            clock.advance(60)
            shots.take()
            qtbot.waitUntil(lambda n=n: writer.written >= 2 + n, timeout=10_000)
        stopping["now"] = True
        shots.take()  # once the stop began, no grab
        shots.stop()
    finally:
        writer.stop(5.0)
        view.close()
        del view
    with JournalStore(tmp_path / "journal.sqlite", readonly=True) as store:
        details = [e.detail_object() for e in store.entries() if e.event == "screenshot"]
    assert len(details) == 3 and all((d["width"], d["height"]) == (160, 90) for d in details)
    kept = sorted((tmp_path / "shots").glob("screen-*.png"))
    assert len(kept) == 2  # bounded
    assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in kept} == {d["sha256"] for d in details[1:]}
