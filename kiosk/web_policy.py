"""QML-facing adapter for the navigation policy (the policy itself is pure, in signs.widgets)."""

import logging

from PySide6.QtCore import QObject, Slot

from kiosk.logs import OncePerCause
from signs.widgets.navigation import NavigationRequest, is_navigation_allowed

log = logging.getLogger("kiosk.web")


class NavigationPolicy(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation-policy")
        self._once = OncePerCause(log)

    @Slot(str, str, "QVariantList", result=bool)
    def allows(self, url: str, item_url: str, allow: list) -> bool:
        allowed = is_navigation_allowed(NavigationRequest(url, item_url, tuple(str(a) for a in allow)))
        if not allowed:
            self._once.warn((item_url, url), "navigation_refused", "outside the item's allow-list", url=url, item=item_url)
        return allowed
