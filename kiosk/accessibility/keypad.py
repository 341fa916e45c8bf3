"""The keypad and the stop-on-any-action rule, as an event filter on each kiosk window.

Any touch, mouse press or key press stops speech, except the keys that control speech itself
(volume). The keys of a USB EZ Access / AudioNav keypad (it is a keyboard) are mapped here once for
every sign: arrows, Back (Escape, Backspace) and Help (F1, '?') go first to the focused control (a
list, a reader, a view with its own Escape use them); when no control took them, an arrow moves the
focus along the focus chain, Back and Help are signals of the ``accessibility`` object. +/- and the
volume keys change the volume. In a text field the keys keep their editing meaning (Backspace, '?', '+', '-').

The filter sits on the window, not the application: every input reaches the window first, and a
Python filter on the application would run for every timer and paint event of the process.
"""

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtQuick import QQuickWindow

K = Qt.Key
VOLUME_UP = {K.Key_VolumeUp, K.Key_Plus}
VOLUME_DOWN = {K.Key_VolumeDown, K.Key_Minus}
BACK = {K.Key_Escape, K.Key_Backspace, K.Key_Back}
HELP = {K.Key_F1, K.Key_Question, K.Key_Help}
FORWARD = {K.Key_Down: True, K.Key_Right: True, K.Key_Up: False, K.Key_Left: False}
EDITING_KEYS = {K.Key_Backspace, K.Key_Question, K.Key_Plus, K.Key_Minus}
POINTER_PRESSES = {QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                   QEvent.Type.TabletPress}


class KeypadFilter(QObject):
    def __init__(self, service: QObject, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._delivering = False  # an arrow re-sent to the focused control passes through

    def watch(self, window: QQuickWindow) -> None:
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, ev: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = ev.type()
        if kind in POINTER_PRESSES:
            self._service.stopSpeech()
            return False
        if kind != QEvent.Type.KeyPress or not isinstance(watched, QQuickWindow) or self._delivering:
            return False
        return self._on_key(watched, ev)  # type: ignore[arg-type]

    def _on_key(self, window: QQuickWindow, ev: QKeyEvent) -> bool:
        key = K(ev.key())
        if _in_text_field(window) and key in EDITING_KEYS:
            self._service.stopSpeech()
            return False
        if key in VOLUME_UP or key in VOLUME_DOWN:
            (self._service.volumeUp if key in VOLUME_UP else self._service.volumeDown)()
            return True
        self._service.stopSpeech()
        if key not in BACK and key not in HELP and key not in FORWARD:
            return False
        if self._taken_by_focused_control(window, ev):
            return True  # a list, a reader, a view's own Escape: the control's meaning first
        if key in BACK:
            self._service.backRequested.emit()
        elif key in HELP:
            self._service.helpRequested.emit()
        else:
            move_focus(window, FORWARD[key])
        return True

    def _taken_by_focused_control(self, window: QQuickWindow, ev: QKeyEvent) -> bool:
        copy = QKeyEvent(ev.type(), ev.key(), ev.modifiers(), ev.text(), ev.isAutoRepeat(), ev.count())
        self._delivering = True
        try:
            QCoreApplication.sendEvent(window, copy)
        finally:
            self._delivering = False
        return copy.isAccepted()


def _in_text_field(window: QQuickWindow) -> bool:
    item = window.activeFocusItem()
    return item is not None and bool(item.inputMethodQuery(Qt.InputMethodQuery.ImEnabled))


def move_focus(window: QQuickWindow, forward: bool) -> bool:
    """The next (or previous) item of the focus chain takes the focus; False when there is none."""
    current = window.activeFocusItem() or window.contentItem()
    target = current.nextItemInFocusChain(forward)
    if target is None or target is current:
        return False
    target.forceActiveFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    return True
