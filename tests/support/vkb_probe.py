"""Typing on Qt Virtual Keyboard by clicking its keys (run in a process of its own: QT_IM_MODULE must be
set before the application exists). Prints one JSON line: what was typed, the first row in each language,
whether the panel showed for the field and hid after the session reset."""

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, QPointF, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQuick import QQuickItem  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from kiosk.accessibility import start_accessibility  # noqa: E402
from kiosk.jobs import Jobs  # noqa: E402
from tests.support.access_stage import AccessStage  # noqa: E402

PAGE = """
Rectangle {
    color: "white"
    TextField { objectName: "field"; x: 20; y: 20; width: 400; height: 60; font.pixelSize: 24 }
    KioskInputPanel { objectName: "panel"; anchors.left: parent.left; anchors.right: parent.right }
}
"""


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def keys(panel: QQuickItem) -> list[QQuickItem]:
    found, stack = [], [panel]
    while stack:
        item = stack.pop()
        stack.extend(item.childItems())
        if item.isVisible() and isinstance(item.property("key"), int) and isinstance(item.property("text"), str) and item.width() > 0:
            found.append(item)
    return found


def first_row(panel: QQuickItem) -> str:
    letters = [k for k in keys(panel) if len(k.property("text")) == 1 and k.property("text").isalpha()]
    top = min(k.mapToScene(QPointF(0, 0)).y() for k in letters)
    row = [k for k in letters if abs(k.mapToScene(QPointF(0, 0)).y() - top) < 2]
    return "".join(k.property("text") for k in sorted(row, key=lambda k: k.mapToScene(QPointF(0, 0)).x())).lower()


def click_key(stage: AccessStage, panel: QQuickItem, letter: str) -> None:
    key = next(k for k in keys(panel) if k.property("text").lower() == letter)
    centre = key.mapToScene(QPointF(key.width() / 2, key.height() / 2)).toPoint()
    QTest.mouseClick(stage.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    spin(30)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    jobs = Jobs()
    access = start_accessibility(app, jobs)
    stage = AccessStage(PAGE, access, Path(tempfile.mkdtemp(prefix="vkb-")), size=(1024, 700))
    field, panel = stage.find("field"), stage.find("panel")
    shown_before = bool(panel.property("active"))
    field.forceActiveFocus()
    spin(300)
    result = {"im_module": os.environ["QT_IM_MODULE"], "shown_before_focus": shown_before, "shown": bool(panel.property("active"))}
    result["row_fr"] = first_row(panel)
    for letter in "mairie":
        click_key(stage, panel, letter)
    result["typed"] = field.property("text")
    access.setLanguage("en")
    spin(300)
    result["row_en"] = first_row(panel)
    access.resetSession()
    spin(300)
    result["shown_after_reset"] = bool(panel.property("active")) and bool(panel.isVisible())
    print(json.dumps(result))
    stage.close()
    jobs.stop(1000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
