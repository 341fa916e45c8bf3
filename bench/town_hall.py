"""Town-hall kiosk: a finger down on a tile to the frame that shows it pressed (target: the next
frame, < 20 ms), and the finger lifted to the frame that shows the tile's native view (the agenda,
with its QR codes; < 150 ms); p50, p99 and max over 100 repetitions each, at 1920x1080 on Qt
Quick's software renderer (offscreen). Real touch events (QTest touch sequences) through the window.
"""

import argparse
import json
import os
import statistics
import sys
import time

from _harness import ROOT, workdir

sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--tile", default="agenda", help="the tile to open: agenda, actu, infos, acceo")
    args = parser.parse_args()
    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    app = QGuiApplication(sys.argv[:1])
    from common.clock import ManualClock
    from signs.town_hall.item import TownHallItem
    from signs.town_hall.samples import write_sample_town_hall
    from signs.town_hall.shots import OPEN
    from signs.town_hall.stage import Stage, context_for, touch_device

    folder = workdir("town-hall")
    item = TownHallItem.model_validate(write_sample_town_hall(folder / "layout"))
    stage = Stage(item, context_for(folder / "layout", folder / "cache"), ManualClock(OPEN))
    swaps: list[float] = []
    stage.view.frameSwapped.connect(lambda: swaps.append(time.perf_counter()))
    pages = stage.find("pages")
    target = stage.find(f"tile-{args.tile}").property("text")
    feedback, opened = [], []
    for _ in range(args.repeat):
        stage.session.home()
        until(app, lambda: pages.property("shown") == "home")
        stage.settle()
        tile = stage.find(f"tile-{args.tile}")
        assert tile.property("text") == target
        where = stage.centre_of(tile)
        start = time.perf_counter()
        QTest.touchEvent(stage.view, touch_device()).press(0, where, stage.view).commit()
        feedback.append(swap_after(app, stage, swaps, start, lambda tile=tile: tile.property("down") is True))
        start = time.perf_counter()
        QTest.touchEvent(stage.view, touch_device()).release(0, where, stage.view).commit()
        opened.append(swap_after(app, stage, swaps, start, lambda: pages.property("shown") not in ("", "home")))
    print(json.dumps({"bench": "town_hall", "size": "1920x1080", "renderer": "software", "repeat": args.repeat, "tile": args.tile,
                      "touch_feedback_ms": figures(feedback), "tile_to_view_ms": figures(opened),
                      "load_1min": round(os.getloadavg()[0], 2), "targets_ms": {"touch_feedback_p99": 20, "tile_to_view_p99": 150},
                      "pass": percentile(feedback, 99) < 20 and percentile(opened, 99) < 150}))
    stage.close()


def swap_after(app: QGuiApplication, stage, swaps: list[float], start: float, shown) -> float:
    """Milliseconds from ``start`` to the end of the first frame swap after ``shown()`` became true."""
    deadline = start + 5.0
    while not shown() and time.perf_counter() < deadline:
        app.processEvents()
    seen = len(swaps)
    stage.view.update()
    while len(swaps) == seen and time.perf_counter() < deadline:
        app.processEvents()
    if len(swaps) == seen:
        raise RuntimeError("no frame within 5 s")
    return (swaps[seen] - start) * 1000


def until(app: QGuiApplication, condition) -> None:
    deadline = time.perf_counter() + 5.0
    while not condition() and time.perf_counter() < deadline:
        app.processEvents()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def figures(values: list[float]) -> dict[str, float]:
    return {"p50": round(statistics.median(values), 1), "p99": round(percentile(values, 99), 1), "max": round(max(values), 1)}


if __name__ == "__main__":
    main()
