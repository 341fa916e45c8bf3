"""CAP 1.2 messages for tests and benchmarks: the Istres H2S fixture and real-shaped variants of it."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "fixtures" / "cap-alert-h2s.xml"
NS = "urn:oasis:names:tc:emergency:cap:1.2"
ROMANIQUETTE = (43.5030, 4.9890)  # inside the fixture's 0.4 km circle
TOWN_HALL = (43.5151, 4.9895)  # Istres town hall: 1.3 km away, outside it


def fixture_bytes() -> bytes:
    return FIXTURE.read_bytes()


def fixture_variant(replacements: dict[str, str]) -> bytes:
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text.encode("utf-8")


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def cap(identifier: str, *, sent: datetime, expires: datetime | None, status: str = "Actual", msg_type: str = "Alert",
        references: str = "", severity: str = "Severe", headline: str = "Plage fermée", area: str = "",
        headline_en: str = "", sender: str = "securite-civile@istres.fr", onset: datetime | None = None) -> bytes:
    """One message; ``area`` is the inner XML of ``<area>`` after its areaDesc (a circle around the beach by default)."""
    area = area or "<circle>43.5030,4.9890 0.4</circle>"
    timing = (f"<onset>{stamp(onset)}</onset>" if onset else "") + (f"<expires>{stamp(expires)}</expires>" if expires else "")

    def info(lang: str, text: str) -> str:
        return (f"<info><language>{lang}</language><category>Safety</category><event>{text}</event><urgency>Immediate</urgency>"
                f"<severity>{severity}</severity><certainty>Observed</certainty>{timing}<senderName>Ville d'Istres</senderName>"
                f"<headline>{text}</headline><instruction>Suivez les consignes.</instruction>"
                f"<area><areaDesc>Istres</areaDesc>{area}</area></info>")

    infos = info("fr-FR", headline) + (info("en-GB", headline_en) if headline_en else "")
    refs = f"<references>{references}</references>" if references else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><alert xmlns="{NS}"><identifier>{identifier}</identifier>'
            f"<sender>{sender}</sender><sent>{stamp(sent)}</sent><status>{status}</status><msgType>{msg_type}</msgType>"
            f"<scope>Public</scope>{refs}{infos if msg_type != 'Cancel' else ''}</alert>").encode()


def now_message(identifier: str, lasts_s: float = 3600, **kwargs: object) -> bytes:
    """A message sent now that expires in ``lasts_s`` (on the real clock: for the processes)."""
    now = datetime.now(UTC).replace(microsecond=0)
    return cap(identifier, sent=now, expires=now + timedelta(seconds=lasts_s), **kwargs)  # type: ignore[arg-type]
