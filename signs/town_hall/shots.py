"""Screenshots of the town-hall kiosk, headless: home, a service page, the agenda, the news, the
session warning, Acceo open and closed, each in normal, large text (x1.5, x2) and high contrast.

``python -m signs.town_hall.shots OUT`` (``make demo`` runs it into ``demo-out/town-hall``). The
accessibility settings come from a stand-in object until the shared services are merged.
"""

import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from common.clock import ManualClock
from signs.town_hall.acceo_hours import PARIS

OPEN = datetime(2026, 11, 26, 10, 0, tzinfo=PARIS).astimezone(UTC)
CLOSED = datetime(2026, 11, 28, 10, 0, tzinfo=PARIS).astimezone(UTC)
VARIANTS = {"normal": {}, "x1.5": {"text_scale": 1.5}, "x2": {"text_scale": 2.0}, "contrast": {"high_contrast": True},
            "low": {"low_layout": True}}
SCREENS = ("home", "service", "agenda", "news", "warning", "acceo-open", "acceo-closed")


def _settle(app, stage) -> None:
    for _ in range(5):
        app.processEvents()
    stage.settle()


def _screen(app, stage, clock: ManualClock, screen: str) -> None:
    session = stage.session
    if screen == "service":
        session.open("info:0")
    elif screen in ("agenda", "news"):
        session.open(screen)
    elif screen == "warning":
        session.open("agenda")
        clock.advance(90 + 5)  # the idle time, then 5 s into the 30 s warning
        session.tick()
    elif screen.startswith("acceo"):
        session.open("acceo")
    _settle(app, stage)


def write_screenshots(out: Path, size: tuple[int, int] = (1920, 1080)) -> list[Path]:
    from PySide6.QtGui import QGuiApplication

    from signs.town_hall.fake_access import StandInAccessibility
    from signs.town_hall.item import TownHallItem
    from signs.town_hall.samples import write_sample_town_hall
    from signs.town_hall.stage import Stage, context_for

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="town-hall-shots-"))  # the sample layout and its cache, not beside the pictures
    item = TownHallItem.model_validate(write_sample_town_hall(work / "layout"))
    made = []
    for variant, settings in VARIANTS.items():
        for screen in SCREENS:
            clock = ManualClock(CLOSED if screen == "acceo-closed" else OPEN)
            access = StandInAccessibility(**settings)
            stage = Stage(item, context_for(work / "layout", work / "cache"), clock, size, context={"accessibility": access})
            try:
                stage.session.touched()
                _screen(app, stage, clock, screen)
                made.append(stage.grab(out / f"{screen}-{variant}.png"))
            finally:
                stage.close()
    shutil.rmtree(work, ignore_errors=True)
    return made


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("demo-out/town-hall")
    made = write_screenshots(out)
    print(f"{len(made)} town-hall screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
