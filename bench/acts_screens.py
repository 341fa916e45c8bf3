"""Legal acts: screenshots for review, at 1920x1080 (offscreen, software renderer): home, search results,
the reader (normal, large text, high contrast) and outdoor mode, written to a folder."""

import argparse
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from _harness import ROOT, workdir

sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface  # noqa: E402


def settle(app: QGuiApplication, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("acts-screens"))
    args = parser.parse_args()
    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    app = QGuiApplication(sys.argv[:1])
    from common.clock import ManualClock
    from signs.legal_acts.item import LegalActsItem
    from signs.legal_acts.samples import write_sample_catalogue
    from signs.legal_acts.stage import Stage, context_for

    folder = workdir("acts-screens")
    write_sample_catalogue(folder, count=36)
    args.out.mkdir(parents=True, exist_ok=True)
    clock = ManualClock(datetime(2026, 7, 14, 10, tzinfo=UTC))
    shots = [("home", "", {}, None), ("search", "", {}, "stationnement"), ("reader", "", {}, "open"),
             ("reader-large-text", "; textScale: 1.5", {}, "open"), ("reader-high-contrast", "; highContrast: true", {}, "open"),
             ("home-large-high-contrast", "; textScale: 1.5; highContrast: true", {}, None),
             ("keyboard-focus", "", {}, "focus"), ("search-english", "; english: true", {}, "mariage"),
             ("outdoor", "", {"mode": "outdoor"}, None), ("outdoor-categories", "", {"mode": "outdoor"}, "categories")]
    for name, extra, fields, action in shots:
        item = LegalActsItem.model_validate({"kind": "legal_acts", "acts_file": "acts.json", **fields})
        stage = Stage(item, context_for(folder, folder / "cache"), clock, extra=extra)
        settle(app, 0.5)
        if action == "open":
            stage.find("search-field").setProperty("text", "stationnement")
            settle(app, 0.2)
            stage.root.setProperty("openedId", stage.catalogue.property("results")[0]["id"])
        elif action == "focus":  # where a keypad user is: the second act of the list
            results = stage.find("results-list")
            results.forceActiveFocus()
            results.setProperty("currentIndex", 1)
        elif action == "categories":
            stage.find("outdoor-facts").parentItem().parentItem().setProperty("slide", 4)
        elif action:
            stage.find("search-field").setProperty("text", action)
        settle(app, 1.5)
        print(stage.grab(args.out / f"{name}.png"))
        stage.close()


if __name__ == "__main__":
    main()
