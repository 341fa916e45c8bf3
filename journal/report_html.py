"""The attestation as a printable HTML page (French): the basis of a "certificat d'affichage".

Every value comes from the journal, which is outside input here: escaped, shown as plain text.
Times are shown in the town's zone (the JSON report keeps UTC).
"""

from datetime import datetime, tzinfo
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

TOWN_ZONE = ZoneInfo("Europe/Paris")
STYLE = """body{font-family:serif;max-width:48em;margin:2em auto;font-size:12pt;color:#000}
h1{font-size:18pt;text-align:center}h2{font-size:14pt;border-bottom:1px solid #000}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #444;padding:.25em .4em;text-align:left;vertical-align:top}
.hash{font-family:monospace;font-size:9pt;word-break:break-all}.bad{color:#a00;font-weight:bold}.ok{color:#060}
.sign{margin-top:3em;display:flex;justify-content:space-between}@media print{body{margin:0}}"""


def _when(text: Any, zone: tzinfo) -> str:
    if not isinstance(text, str):
        return "—"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(zone)
    except (ValueError, OverflowError):
        return escape(text)
    return moment.strftime("%d/%m/%Y %H:%M:%S (UTC%z)")


def _duration(seconds: Any) -> str:
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        return "—"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    return (f"{days} j " if days else "") + f"{hours} h {minutes:02d} min {secs:02d} s"


def render(report: dict[str, Any], verdicts: list[dict[str, Any]], generated_utc: str, zone: tzinfo = TOWN_ZONE) -> str:
    parts = [f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>Certificat d'affichage — "
             f"{escape(str(report['act_id']))}</title><style>{STYLE}</style></head><body>",
             "<h1>Certificat d'affichage électronique</h1>",
             f"<p>Établi d'après le journal de preuve d'affichage des écrans, le {_when(generated_utc, zone)}.</p>",
             "<table>", f"<tr><th>Acte</th><td>{escape(str(report['act_id']))}</td></tr>",
             "<tr><th>Empreinte(s) SHA-256 du fichier affiché</th><td>",
             "<br>".join(f"<span class='hash'>{escape(h)}</span>" for h in report["sha256"]) or "—", "</td></tr></table>"]
    for problem in report["problems"]:
        parts.append(f"<p class='bad'>{escape(problem)}</p>")
    for screen, verdict in zip(report["screens"], verdicts, strict=False):
        parts.extend(_screen(screen, verdict, report["threshold_s"], zone))
    parts.append("<div class='sign'><div>Fait à Istres, le ……………………</div><div>Le Maire (ou son délégataire),<br><br><br>"
                 "signature et cachet</div></div></body></html>")
    return "\n".join(parts)


def _screen(screen: dict[str, Any], verdict: dict[str, Any], threshold_s: float, zone: tzinfo) -> list[str]:
    ok = verdict.get("ok")
    integrity = ("<span class='ok'>intègre : chaîne d'empreintes et points de contrôle signés vérifiés</span>" if ok else
                 "<span class='bad'>ATTEINTE À L'INTÉGRITÉ : " + escape("; ".join(verdict.get("problems", [])[:5])) + "</span>")
    parts = [f"<h2>Écran {escape(str(screen['screen']))}</h2><table>",
             f"<tr><th>Affiché du</th><td>{_when(screen['displayed_from'], zone)}</td></tr>",
             f"<tr><th>au</th><td>{_when(screen['displayed_until'], zone)}"
             + (" (retrait de l'acte)" if screen.get("removed_at") else "") + "</td></tr>",
             f"<tr><th>Durée totale / durée prouvée à l'écran</th><td>{_duration(screen['span_s'])} / {_duration(screen['shown_s'])}</td></tr>",
             f"<tr><th>Affichage continu</th><td>{'oui' if screen['continuous'] else 'non : interruptions ci-dessous'}"
             f" (seuil {_duration(threshold_s)})</td></tr>",
             f"<tr><th>Consultations</th><td>{int(screen['opened'])} ouverture(s), {int(screen['pages_shown'])} page(s) affichée(s)</td></tr>",
             f"<tr><th>Journal</th><td>{integrity}<br>entrées {int(verdict.get('first_seq', 0))} à {int(verdict.get('last_seq', 0))}, "
             f"couvertes par signature jusqu'à l'entrée {int(verdict.get('covered_through', 0))}<br>clé de l'écran : "
             f"<span class='hash'>{escape(str(verdict.get('public_key', '')))}</span></td></tr></table>"]
    rows = list(screen["interruptions"]) + ([screen["after_last_proof"]] if screen.get("after_last_proof") else [])
    if rows:
        parts.append("<table><tr><th>Interruption du</th><th>au</th><th>Durée</th><th>Cause</th></tr>")
        for row in rows:
            parts.append(f"<tr><td>{_when(row['from'], zone)}</td><td>{_when(row['until'], zone)}</td>"
                         f"<td>{_duration(row['duration_s'])}</td><td>{escape(str(row['explanation']))}</td></tr>")
        parts.append("</table>")
    for jump in screen["clock_jumps"]:
        parts.append(f"<p>Saut d'horloge de {escape(str(jump['jump_s']))} s le {_when(jump['at'], zone)} (corrigé dans les durées).</p>")
    return parts
