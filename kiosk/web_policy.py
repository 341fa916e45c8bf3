"""QML-facing adapter for the navigation policy of the ``web`` item kind. The decision is the
locked-down browser's (kiosk.browser.decisions): both kinds load, and refuse, the same URLs."""

import logging

from PySide6.QtCore import QObject, Slot

from kiosk.browser.decisions import decide
from kiosk.logs import OncePerCause

log = logging.getLogger("kiosk.web")


class NavigationPolicy(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation-policy")
        self._once = OncePerCause(log)

    @Slot(str, str, "QVariantList", result=bool)
    def allows(self, url: str, item_url: str, allow: list) -> bool:
        decision = decide(url, item_url, tuple(str(a) for a in allow))
        if decision.verdict != "load":
            self._once.warn((item_url, url[:200]), "navigation_refused", "outside the item's allow-list",
                            url=url[:200], item=item_url, reason=decision.reason or decision.verdict)
        return decision.verdict == "load"
