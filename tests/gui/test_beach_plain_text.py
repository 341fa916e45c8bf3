"""Outside text on the beach panel is shown as plain text: markup in the flag's set_by is never
rendered, and an <img> in it never makes the panel fetch anything."""

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtQml import QQmlExpression
from PySide6.QtQuick import QQuickItem, QQuickView

from common.clock import SystemClock
from kiosk.live_data import LiveData
from provisioning.commands import SetFlag
from signs.beach.item import BeachPanelItem
from signs.beach.kind import live_spec

QML_DIR = Path(__file__).resolve().parents[2] / "signs" / "beach" / "qml"
PLAIN_TEXT = 0  # Text.PlainText (AutoText is 2, RichText 1)


def text_format(view: QQuickView, item: QObject) -> int:
    """A Text's textFormat (an enum PySide cannot convert), read by QML itself."""
    value = QQmlExpression(view.rootContext(), item, "Number(textFormat)").evaluate()
    return int(value[0] if isinstance(value, tuple) else value)


def visual_items(root: QQuickItem) -> list[QQuickItem]:
    """Every item drawn under ``root`` (Repeater delegates are visual children, not QObject children)."""
    found, stack = [], [root]
    while stack:
        item = stack.pop()
        found.append(item)
        stack.extend(item.childItems())
    return found




def test_markup_in_set_by_is_shown_literally_and_fetches_nothing(qtbot, tmp_path, http_server, qml_warnings, jobs):
    panels = LiveData(jobs, SystemClock())
    config = BeachPanelItem.model_validate({"kind": "beach_panel", "languages": "fr", "theme": "day"})
    key = panels.acquire(live_spec(config, tmp_path))
    probe = f"{http_server.url}/probe.png"
    set_by = f'<b>x</b><img src="{probe}">'
    assert panels.handle(SetFlag("red", set_by, datetime.now(UTC))) == 1
    host = tmp_path / "host.qml"
    host.write_text(f'import QtQuick\nimport "{QML_DIR.as_uri()}"\n'
                    f'Item {{ width: 800; height: 600\n  BeachPanelView {{ descriptor: ({{"live": "{key}"}}) }} }}\n')
    view = QQuickView()
    view.rootContext().setContextProperty("liveData", panels)
    view.setSource(QUrl.fromLocalFile(str(host)))
    try:
        assert view.status() == QQuickView.Status.Ready, [e.toString() for e in view.errors()]
        view.show()
        flag_by = view.rootObject().findChild(QQuickItem, "flag-by")
        qtbot.waitUntil(lambda: set_by in (flag_by.property("text") or ""), timeout=5_000)
        qtbot.wait(300)  # time enough for a rich-text <img> to be requested
        assert text_format(view, flag_by) == PLAIN_TEXT
        assert f"Hissé par {set_by} à " in flag_by.property("text")  # literal, markup and all
        assert not [path for path, _ in http_server.stats.requests if path == "/probe.png"]  # nothing fetched
        assert view.rootObject().findChild(QQuickItem, "flag-icon").property("flag") == "red"
        every_text = [item for item in visual_items(view.rootObject()) if item.metaObject().className() == "QQuickText"]
        assert len(every_text) == 2 + 6 * 5 + 3 and all(text_format(view, item) == PLAIN_TEXT for item in every_text)
        assert not [w for w in qml_warnings if "qml" in w.lower() or "QML" in w], qml_warnings
    finally:
        # The view goes first and at once, while the live data it binds to still exists: left to a
        # deleteLater that a test's event loop never runs, it outlived the LiveData and its timers
        # fired into a dead context (a QML TypeError in a later test, and a crash of the test run).
        view.close()
        view.setSource(QUrl())
        view.engine().clearComponentCache()
        del view
        panels.stop_all()
        jobs.wait_idle()
