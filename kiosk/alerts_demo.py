"""The demo's alert (``kiosk demo``): an exercise takes over the screen, alternates French and English,
and lifts by itself when it expires; the same path as any alert, from a local trigger."""

from datetime import timedelta

from PySide6.QtCore import QTimer

from common.clock import Clock
from kiosk.alerts import AlertCenter
from media.feeds.cap import parse_cap

DEMO_ALERT = """<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>DEMO-{stamp}</identifier><sender>demo@istres.fr</sender><sent>{sent}</sent>
  <status>Exercise</status><msgType>Alert</msgType><scope>Public</scope>
  <info><language>fr-FR</language><category>Met</category><event>Orages violents</event><urgency>Immediate</urgency>
    <severity>Severe</severity><certainty>Likely</certainty><expires>{expires}</expires>
    <senderName>Ville d'Istres (démonstration)</senderName><headline>Orages violents : abritez-vous</headline>
    <instruction>Rejoignez un bâtiment en dur. Évitez les bords de l'étang.</instruction>
    <area><areaDesc>Istres</areaDesc></area></info>
  <info><language>en-GB</language><category>Met</category><event>Severe thunderstorms</event><urgency>Immediate</urgency>
    <severity>Severe</severity><certainty>Likely</certainty><expires>{expires}</expires>
    <headline>Severe thunderstorms: take shelter</headline>
    <instruction>Go inside a solid building. Keep away from the lake shore.</instruction>
    <area><areaDesc>Istres</areaDesc></area></info>
</alert>"""


def schedule_demo_alert(center: AlertCenter, clock: Clock, after_s: float, lasts_s: float = 20.0) -> None:
    def send() -> None:
        now = clock.now().replace(microsecond=0)
        raw = DEMO_ALERT.format(stamp=now.strftime("%Y%m%d%H%M%S"), sent=now.isoformat(),
                                expires=(now + timedelta(seconds=lasts_s)).isoformat()).encode()
        center.submit(parse_cap(raw, "demo"), raw)

    QTimer.singleShot(round(after_s * 1000), center, send)
