"""The live panels of the layouts on screen, shared by key so a reload keeps their data."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Slot

from kiosk.beach_live import BeachPanelLive, panel_key
from kiosk.jobs import Jobs
from layouts.beach import BeachPanelItem
from media.feeds.flag import FlagMessage


class LivePanels(QObject):
    def __init__(self, jobs: Jobs, parent: QObject | None = None, drawn_probe: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("live-panels")
        self._jobs = jobs
        self._drawn_probe = drawn_probe
        self._panels: dict[str, BeachPanelLive] = {}
        self._users: dict[str, int] = {}

    def acquire(self, config: BeachPanelItem, base_dir: Path) -> str:
        key = panel_key(config)
        if key not in self._panels:
            panel = BeachPanelLive(config, base_dir, self._jobs, self, self._drawn_probe)
            self._panels[key] = panel
            panel.start()
        self._users[key] = self._users.get(key, 0) + 1
        return key

    def release(self, key: str) -> None:
        self._users[key] -= 1
        if self._users[key] == 0:
            del self._users[key]
            panel = self._panels.pop(key)
            panel.stop()
            panel.deleteLater()

    def get(self, key: str) -> BeachPanelLive | None:
        return self._panels.get(key)

    @Slot(str, result=QObject)
    def panel(self, key: str) -> QObject | None:
        return self._panels.get(key)

    def set_flag(self, message: FlagMessage) -> None:
        """The flag set by an administrator (kioskctl flag): every beach panel on this screen shows it."""
        for panel in self._panels.values():
            panel.set_flag(message)

    def freshness(self) -> dict[str, dict[str, str]]:
        """Per panel, per value: its age as the panel says it (for the status call)."""
        return {key: {t["key"]: t["age_en"] for t in panel.display.get("tiles", [])} for key, panel in self._panels.items()}

    def stop_all(self) -> None:
        for panel in self._panels.values():
            panel.stop()
