"""Every focused control can be spoken: when the focus moves and speech is on, the control's
accessible name (``Accessible.name`` in QML), its kind and its description are said in the
screen's language. Signs only name their controls; they need no speech code of their own.
"""

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible
from PySide6.QtQuick import QQuickWindow
from shiboken6 import isValid

Role = QAccessible.Role
ROLE_WORDS = {
    Role.Button: {"fr": "bouton", "en": "button"},
    Role.CheckBox: {"fr": "case à cocher", "en": "check box"},
    Role.RadioButton: {"fr": "bouton radio", "en": "radio button"},
    Role.EditableText: {"fr": "zone de texte", "en": "text field"},
    Role.Link: {"fr": "lien", "en": "link"},
    Role.ListItem: {"fr": "élément de liste", "en": "list item"},
    Role.PageTab: {"fr": "onglet", "en": "tab"},
}
STATE_WORDS = {True: {"fr": "coché", "en": "checked"}, False: {"fr": "non coché", "en": "not checked"}}


def spoken_for(name: str, role: QAccessible.Role, description: str, checked: bool | None, lang: str) -> str:
    """``"Agenda, bouton. Les sorties de la semaine"``: name, kind, state, then the description."""
    parts = [name.strip()]
    if role in ROLE_WORDS:
        parts.append(ROLE_WORDS[role][lang])
    if checked is not None:
        parts.append(STATE_WORDS[checked][lang])
    text = ", ".join(p for p in parts if p)
    return f"{text}. {description.strip()}" if description.strip() else text


class FocusSpeech(QObject):
    def __init__(self, service: QObject, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service

    def watch(self, window: QQuickWindow) -> None:
        window.activeFocusItemChanged.connect(lambda: self._focused(window))

    def _focused(self, window: QQuickWindow) -> None:
        if not isValid(window):
            return  # the focus leaves the items while a window is being destroyed
        item = window.activeFocusItem()
        if item is None or not self._service.property("speechOn"):
            return
        face = QAccessible.queryAccessibleInterface(item)
        if face is None or not face.isValid():
            return
        name = face.text(QAccessible.Text.Name)
        if not name.strip():
            return  # an unnamed item (a layout container) is not a control
        state = face.state()
        checked = bool(state.checked) if state.checkable else None
        lang = self._service.property("language")
        self._service.say(spoken_for(name, face.role(), face.text(QAccessible.Text.Description), checked, lang))
