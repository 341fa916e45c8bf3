import json
import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.crash import UnhandledExceptions
from kiosk.logs import JsonFormatter


class Emitter(QObject):
    fired = Signal()


def test_an_exception_in_a_slot_is_logged_and_counted(qtbot, caplog):
    def broken_slot():
        raise ValueError("boom in a slot")

    hook = UnhandledExceptions().install()
    try:
        emitter = Emitter()
        emitter.fired.connect(broken_slot)
        with caplog.at_level(logging.ERROR, logger="kiosk.crash"):
            emitter.fired.emit()
            QTimer.singleShot(0, broken_slot)
            qtbot.waitUntil(lambda: hook.count == 2, timeout=2000)
    finally:
        hook.uninstall()
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records]
    assert [line["event"] for line in lines] == ["unhandled_exception", "unhandled_exception"]
    assert lines[0]["msg"] == "ValueError: boom in a slot"
    assert "broken_slot" in lines[0]["traceback"]
    assert lines[1]["count"] == 2
