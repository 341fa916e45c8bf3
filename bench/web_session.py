"""Locked-down browser figures, in process with the real QtWebEngine (offscreen, software):

- session wipe: a visitor's session (cookie, local storage, IndexedDB, a page) is ended with
  WebSessions.endSession(); measured until the old off-the-record profile is gone;
- tile to allow-listed page painted: a LockedWebView is created as a sign creates it and given a
  cached page; measured until a grab of the window shows the page's colour (not loadFinished,
  which comes before the first paint).

p50/p99/max over --reps repetitions each. Run: .venv/bin/python bench/web_session.py --reps 100
(as root, QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox is needed, as for the tests)."""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QGuiApplication  # noqa: E402
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface  # noqa: E402
from PySide6.QtWebEngineQuick import QtWebEngineQuick  # noqa: E402

PAGE_RGB = (0x20, 0x50, 0xA0)


def percentiles(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):7.1f} ms  p99 {p99:7.1f} ms  max {ordered[-1]:7.1f} ms  (n={len(ordered)})"


def painted(window) -> bool:
    image = window.grabWindow()
    colour = QColor(image.pixel(image.width() // 2, image.height() // 2))
    return all(abs(a - b) <= 8 for a, b in zip((colour.red(), colour.green(), colour.blue()), PAGE_RGB, strict=True))


def tile_to_painted(driver, wait_until) -> float:
    driver.window.setProperty("spec", None)
    wait_until(driver.app, lambda: not painted(driver.window), 2)
    started = time.perf_counter()
    driver.window.setProperty("spec", {"url": f"{driver.server.home}/painted.html", "allowList": []})
    assert wait_until(driver.app, lambda: painted(driver.window), 10), "the page never painted"
    return (time.perf_counter() - started) * 1000


def session_wipe(driver, wait_until) -> float:
    driver.open("index.html")
    driver.js("document.cookie = 'v=1; max-age=9999'; localStorage.setItem('draft', 'x'.repeat(10000)); indexedDB.open('visitor', 1); 1")
    driver.sessions.last_wipe_ms = None
    driver.sessions.endSession()
    assert wait_until(driver.app, lambda: driver.sessions.last_wipe_ms is not None, 5), "the old profile was never dropped"
    return driver.sessions.last_wipe_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=100)
    args = parser.parse_args()
    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    QtWebEngineQuick.initialize()
    app = QGuiApplication(sys.argv[:1])
    from tests.gui.browser.driver import BrowserDriver, wait_until
    from tests.gui.browser.hostile_server import HostileServer

    server = HostileServer().start()
    driver = BrowserDriver(app, server, Path(tempfile.mkdtemp(prefix="bench-web-")))
    driver.window.resize(640, 360)
    try:
        tile_to_painted(driver, wait_until)  # the engine's first start is not a tile's cost
        paint_ms = [tile_to_painted(driver, wait_until) for _ in range(args.reps)]
        wipe_ms = [session_wipe(driver, wait_until) for _ in range(args.reps)]
    finally:
        driver.close()
        server.stop()
    print(f"tile to allow-listed cached page painted: {percentiles(paint_ms)}")
    print(f"session wipe (endSession to old profile gone): {percentiles(wipe_ms)}  target < 1000 ms")


if __name__ == "__main__":
    main()
