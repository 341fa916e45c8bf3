"""The beach panel's H2S alert as one of the screen's emergency alerts (pure; no Qt).

The panel decides when the gas alert starts and lifts (``model.H2sAlert``: over the threshold, then
under it for the hold period); the runtime's alert centre shows it above every region, stores it,
journals it and orders it with the other alerts. The runtime hands the panel a raiser
(``signs.kinds.hand_to_signs("local_alerts", ...)``); without one (a test, a tool) the panel's own
view still shows the alert.
"""

import re
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from media.feeds.cap_local import LocalAlert
from signs.beach.item import BeachPanelItem
from signs.beach.model import h2s_band

H2S_ALERT_LASTS_S = 6 * 3600.0  # its expiry if the panel stops hearing from the sensor; lifted by the panel
H2S_REFRESH_S = 1800.0  # while the gas stays high, the alert is raised again (a later expiry) this often


class LocalAlertRaiser(Protocol):
    def raise_alert(self, alert: LocalAlert) -> str: ...

    def lift(self, alert: LocalAlert) -> None: ...

    def restored_since(self, key: str) -> datetime | None: ...


_raiser: list[LocalAlertRaiser | None] = [None]


def set_local_alerts(raiser: LocalAlertRaiser | None) -> None:
    _raiser[0] = raiser


def local_alerts() -> LocalAlertRaiser | None:
    return _raiser[0]


def h2s_alert(config: BeachPanelItem, ppm: float, since: datetime | None) -> LocalAlert:
    """The alert for ``ppm`` (its band's action as headline, the level and time as instruction)."""
    band = h2s_band(ppm)
    at = since.astimezone(ZoneInfo(config.timezone)).strftime("%H:%M") if since is not None else ""
    level_fr = f"H₂S {ppm:.2f} ppm ({band.label_fr})".replace(".", ",") + (f" depuis {at}" if at else "")
    level_en = f"H₂S {ppm:.2f} ppm ({band.label_en})" + (f" since {at}" if at else "")
    return LocalAlert(key=h2s_key(config), event="Gaz des algues vertes (H₂S)",
                      headline=f"{config.site_name} : {band.action_fr}",
                      instruction=f"{level_fr}. Éloignez-vous des algues échouées.",
                      headline_en=f"{config.site_name}: {band.action_en}",
                      instruction_en=f"{level_en}. Keep away from the stranded seaweed.",
                      severity="Severe", category="Env", sender_name=config.site_name, area=config.site_name,
                      lasts_s=H2S_ALERT_LASTS_S)


def h2s_key(config: BeachPanelItem) -> str:
    """Stable per site, in the letters a local alert key allows."""
    return "h2s-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", config.site_name).strip("-").lower()[:40] or "site")
