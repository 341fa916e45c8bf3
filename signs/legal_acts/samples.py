"""Sample acts with real PDFs: the demo's catalogue (PDFs written by hand, before Qt starts) and the
tests' and benchmarks' files (``write_pdf``: QPdfWriter, needs a QGuiApplication)."""

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from signs.legal_acts.handmade_pdf import handmade_pdf

_SUBJECTS = {
    "deliberations": ["Budget supplémentaire 2026", "Tarifs des équipements sportifs", "Convention avec le syndicat des eaux",
                      "Subventions aux associations culturelles", "Création d'un poste d'éducateur", "Rénovation de l'école Jean Jaurès"],
    "arretes_municipaux": ["Réglementation du stationnement avenue Hélène Boucher", "Interdiction temporaire de circulation quai Pasteur",
                           "Horaires de la plage de la Romaniquette", "Feux d'artifice du 14 juillet : périmètre de sécurité",
                           "Marché nocturne de l'été : occupation du domaine public"],
    "urbanisme_depot": ["Permis de construire PC 013047 26 00112 : maison individuelle", "Déclaration préalable : clôture chemin des Heures Claires"],
    "urbanisme_decision": ["Permis d'aménager accordé : lotissement Le Prépaou", "Permis de construire accordé : extension du gymnase"],
    "etat_civil": ["Publication de mariage : Léa Martin et Hugo Ferrand", "Publication de mariage : Inès Roux et Éric Nguyen"],
    "enquetes_publiques": ["Enquête publique : révision du plan local d'urbanisme", "Enquête publique : aménagement de l'étang de l'Olivier"],
    "conseil_municipal": ["Procès-verbal du conseil municipal du 25 juin 2026", "Liste des délibérations du conseil du 25 juin 2026"],
    "marches": ["Avis d'attribution : entretien des espaces verts", "Avis de marché : restauration scolaire"],
}
_AUTHORS = [("François", "Bernardini", "Maire d'Istres"), ("Nicole", "Joulia", "Adjointe déléguée à l'urbanisme"),
            ("Yves", "Garcia", "Adjoint délégué à la sécurité")]


_BODY = ("Le Maire de la commune d'Istres,\nVu le code général des collectivités territoriales, notamment ses articles L2212-1 "
         "et L2213-1 ;\nConsidérant qu'il y a lieu de statuer ;\n\nARRÊTE\n\nArticle 1er : les dispositions qui suivent "
         "s'appliquent à compter de la publication du présent acte.\nArticle 2 : le présent acte peut faire l'objet d'un recours "
         "devant le tribunal administratif de Marseille dans un délai de deux mois à compter de sa publication.\n\n"
         "Fait à Istres, le jour de sa signature.")


def write_pdf(out: Path, pages: int, heading: str, body: str = "") -> Path:
    """A real PDF of ``pages`` A4 pages, each with the heading, its number and some text."""
    writer = QPdfWriter(str(out))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15)))
    writer.setResolution(72)
    writer.setTitle(heading)
    painter = QPainter(writer)
    try:
        area = QRectF(writer.pageLayout().paintRectPixels(72))
        for number in range(1, pages + 1):
            if number > 1:
                writer.newPage()
            painter.setFont(QFont("DejaVu Sans", 16, QFont.Weight.Bold))
            painter.drawText(QRectF(area.x(), area.y(), area.width(), 80), Qt.TextFlag.TextWordWrap, heading)
            painter.setFont(QFont("DejaVu Sans", 11))
            text = body or ("Vu le code général des collectivités territoriales ; considérant qu'il y a lieu de statuer ; "
                            "ARRÊTE : l'article premier s'applique à compter de sa publication. ") * 6
            painter.drawText(QRectF(area.x(), area.y() + 100, area.width(), area.height() - 160), Qt.TextFlag.TextWordWrap, text)
            painter.drawText(QRectF(area.x(), area.bottom() - 30, area.width(), 30), Qt.AlignmentFlag.AlignRight, f"Page {number} / {pages}")
    finally:
        painter.end()
    return out


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_sample_catalogue(folder: Path, count: int = 36, today: date = date(2026, 7, 14), pdf_folder: str = "actes") -> Path:
    """``acts.json`` (an acts feed) and its PDFs in ``folder``; returns the feed's path. Deterministic."""
    (folder / pdf_folder).mkdir(parents=True, exist_ok=True)
    categories = list(_SUBJECTS)
    acts = []
    for index in range(count):
        category = categories[index % len(categories)]
        subjects = _SUBJECTS[category]
        title = subjects[(index // len(categories)) % len(subjects)]
        online = today - timedelta(days=index)
        act_id = f"{category[:3].upper()}-2026-{100 + index:03d}"
        pdf = folder / pdf_folder / f"{act_id}.pdf"
        pdf.write_bytes(handmade_pdf(1 + index % 5, f"{title} ({act_id})", _BODY))
        first, name, capacity = _AUTHORS[index % len(_AUTHORS)]
        until = "until_decision" if category == "urbanisme_depot" else (online + timedelta(days=15 if category == "etat_civil" else 90)).isoformat()
        acts.append({"id": act_id, "category": category, "title": title, "number": f"2026-{100 + index}",
                     "author": {"first_name": first, "name": name, "capacity": capacity},
                     "adopted_on": (online - timedelta(days=2)).isoformat(), "online_on": online.isoformat(),
                     "display": {"from": online.isoformat(), "until": until},
                     "pdf": {"src": f"{pdf_folder}/{pdf.name}", "sha256": sha256_file(pdf), "pages": 1 + index % 5},
                     "website_url": f"https://www.istres.fr/actes/{act_id}"})
    feed = folder / "acts.json"
    feed.write_text(json.dumps({"schema_version": 1, "acts": acts}, ensure_ascii=False, indent=1), "utf-8")
    return feed
