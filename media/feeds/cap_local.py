"""Alerts raised on the screen itself (a local trigger: the beach panel's H2S sensor, a fire panel),
written as CAP 1.2 messages so that they take the same path as any other alert (parsed, stored,
shown, journaled, lifted).

``local_message`` writes the message; the identifier is ``local-<key>-<sequence>`` and an Update
or a Cancel refers to the previous one, so the store replaces or lifts it like a remote alert's.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta

from media.feeds.cap_fields import NS

LOCAL_SENDER = "local@kiosk"


@dataclass(frozen=True, slots=True)
class LocalAlert:
    key: str  # what raises it, stable: "h2s-romaniquette" (letters, digits, '-', '_')
    event: str
    headline: str
    instruction: str = ""
    headline_en: str = ""
    instruction_en: str = ""
    severity: str = "Severe"
    category: str = "Safety"
    sender_name: str = ""
    area: str = ""  # the place it is about (areaDesc): a local alert applies to the screen that raised it
    lasts_s: float = 6 * 3600.0  # re-raised to extend it; lifted when its cause ends


def local_identifier(key: str, sequence: int) -> str:
    return f"local-{key}-{sequence}"


def local_message(alert: LocalAlert, sequence: int, now: datetime, replaces: str = "", cancel: bool = False) -> bytes:
    """The CAP 1.2 message for ``alert`` (an Update when ``replaces`` names the previous identifier;
    a Cancel of ``replaces`` when ``cancel``)."""
    root = ET.Element(f"{{{NS}}}alert")

    def sub(parent: ET.Element, name: str, text: str) -> None:
        ET.SubElement(parent, f"{{{NS}}}{name}").text = text

    sent = now.replace(microsecond=0).isoformat()
    msg_type = "Cancel" if cancel else ("Update" if replaces else "Alert")
    for name, value in (("identifier", local_identifier(alert.key, sequence)), ("sender", LOCAL_SENDER), ("sent", sent),
                        ("status", "Actual"), ("msgType", msg_type), ("scope", "Private")):
        sub(root, name, value)
    if replaces:
        sub(root, "references", f"{LOCAL_SENDER},{replaces},{sent}")
    if not cancel:
        expires = (now.replace(microsecond=0) + timedelta(seconds=alert.lasts_s)).isoformat()
        for lang, headline, instruction in (("fr-FR", alert.headline, alert.instruction), ("en-GB", alert.headline_en, alert.instruction_en)):
            if not headline:
                continue
            info = ET.SubElement(root, f"{{{NS}}}info")
            for name, value in (("language", lang), ("category", alert.category), ("event", alert.event), ("urgency", "Immediate"),
                                ("severity", alert.severity), ("certainty", "Observed"), ("expires", expires),
                                ("senderName", alert.sender_name), ("headline", headline), ("instruction", instruction)):
                if value:
                    sub(info, name, value)
            area = ET.SubElement(info, f"{{{NS}}}area")
            sub(area, "areaDesc", alert.area or "ici")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
