"""The demo town hall: a layout item, an agenda (iCalendar, with a weekly market), news (RSS) and a
map, written into a folder (``make demo``, the screenshots and the tests use them)."""

import json
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw

from signs.legal_acts.samples import write_sample_catalogue

AGENDA = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Ville d'Istres//Agenda de démonstration//FR\r
BEGIN:VEVENT\r
UID:marche-provencal@istres.example\r
DTSTART;TZID=Europe/Paris:20260103T080000\r
DTEND;TZID=Europe/Paris:20260103T130000\r
RRULE:FREQ=WEEKLY;BYDAY=SA\r
SUMMARY:Marché provençal\r
LOCATION:Place du Puits-Neuf\r
DESCRIPTION:Produits locaux, fleurs et artisans, chaque samedi matin.\r
URL:https://www.istres.fr/agenda/marche-provencal\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:conseil@istres.example\r
DTSTART;TZID=Europe/Paris:20261203T180000\r
DTEND;TZID=Europe/Paris:20261203T210000\r
SUMMARY:Conseil municipal\r
LOCATION:Hôtel de ville, salle du conseil\r
DESCRIPTION:Séance publique, retransmise en direct.\r
URL:https://www.istres.fr/conseil-municipal\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:noel@istres.example\r
DTSTART;VALUE=DATE:20261212\r
DTEND;VALUE=DATE:20261224\r
SUMMARY:Village de Noël\r
LOCATION:Parc de la mairie\r
URL:https://www.istres.fr/agenda/village-de-noel\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:mediatheque@istres.example\r
DTSTART;TZID=Europe/Paris:20260107T140000\r
DTEND;TZID=Europe/Paris:20260107T160000\r
RRULE:FREQ=WEEKLY;BYDAY=WE\r
EXDATE;TZID=Europe/Paris:20261202T140000\r
SUMMARY:Heure du conte à la médiathèque\r
LOCATION:Médiathèque intercommunale\r
END:VEVENT\r
END:VCALENDAR\r
"""

NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Mon actu — Istres</title>
<item><title>Travaux avenue Félix-Gouin : circulation alternée</title>
<description>&lt;p&gt;Du 30 novembre au 11 décembre, la circulation est alternée entre 8 h et 17 h.&lt;/p&gt;</description>
<link>https://www.istres.fr/actualites/travaux-felix-gouin</link><pubDate>Wed, 25 Nov 2026 09:00:00 +0100</pubDate></item>
<item><title>Inscriptions scolaires 2027 : c'est ouvert</title>
<description>Les inscriptions se font en ligne ou à l'accueil de la mairie, avec un justificatif de domicile.</description>
<link>https://www.istres.fr/actualites/inscriptions-scolaires</link><pubDate>Mon, 23 Nov 2026 10:30:00 +0100</pubDate></item>
<item><title>Collecte des encombrants : prenez rendez-vous</title>
<description>Un service gratuit, sur rendez-vous, pour les objets volumineux.</description>
<link>https://www.istres.fr/actualites/encombrants</link><pubDate>Thu, 19 Nov 2026 08:00:00 +0100</pubDate></item>
</channel></rss>
"""

ITEM = {
    "kind": "town_hall", "id": "borne-hall", "duration_s": 60,
    "tiles": [
        {"id": "demarches", "label_fr": "Démarches en ligne", "label_en": "Online procedures", "pictogram": "form",
         "url": "https://www.istres.fr/demarches", "allow": ["*.istres.fr", "*.service-public.fr"]},
        {"id": "rdv", "label_fr": "Prendre rendez-vous", "label_en": "Book an appointment", "pictogram": "clock",
         "url": "https://rdv.istres.fr/", "allow": ["rdv.istres.fr"]},
        {"id": "billetterie", "label_fr": "Billetterie", "label_en": "Tickets", "pictogram": "ticket",
         "url": "https://billetterie.istres.fr/", "allow": ["billetterie.istres.fr"]},
        {"id": "agenda", "label_fr": "Agenda", "label_en": "What's on", "pictogram": "calendar", "view": "agenda"},
        {"id": "actu", "label_fr": "Mon actu", "label_en": "News", "pictogram": "news", "view": "news"},
        {"id": "infos", "label_fr": "Infos pratiques", "label_en": "Practical information", "pictogram": "info", "view": "info"},
        {"id": "actes", "label_fr": "Actes administratifs", "label_en": "Official notices", "pictogram": "law", "view": "legal_acts"},
        {"id": "plan", "label_fr": "Plan de la ville", "label_en": "Town map", "pictogram": "map", "view": "map"},
        {"id": "acceo", "label_fr": "Acceo : sourds et malentendants", "label_en": "Acceo: deaf and hard of hearing",
         "pictogram": "hands", "view": "acceo"},
    ],
    "acceo": {"slug": "mairie-istres", "call_from_kiosk": True,
              "hours": [{"day": d, "opens": "09:00", "closes": "12:00"} for d in ("monday", "tuesday", "wednesday", "thursday", "friday")]
              + [{"day": d, "opens": "13:30", "closes": "17:00"} for d in ("monday", "tuesday", "wednesday", "thursday", "friday")],
              "contacts": {"phone": "04 42 55 50 00", "sms": "06 00 00 00 00", "email": "accueil@istres.example"}},
    "agenda_url": "agenda.ics", "news_url": "news.xml", "map_image": "plan.png",
    "legal_acts": {"acts_file": "acts.json", "title": "Actes administratifs"},
    "info_pages": [
        {"title_fr": "Horaires de la mairie", "title_en": "Town hall opening hours",
         "text_fr": "Du lundi au vendredi de 8 h 30 à 12 h et de 13 h 30 à 17 h.\nLe samedi matin, permanence de l'état civil de 9 h à 12 h.",
         "text_en": "Monday to Friday, 8:30 am to noon and 1:30 pm to 5 pm.\nSaturday morning, registry office from 9 am to noon."},
        {"title_fr": "Déchets et encombrants", "title_en": "Waste and bulky items",
         "text_fr": "Les déchetteries sont ouvertes tous les jours sauf le dimanche après-midi. Les encombrants sont collectés sur rendez-vous.",
         "text_en": "Recycling centres are open every day except Sunday afternoon. Bulky items are collected by appointment."},
        {"title_fr": "Défibrillateurs", "title_en": "Defibrillators",
         "text_fr": "Un défibrillateur est installé dans le hall de la mairie, à gauche de l'accueil. D'autres se trouvent dans chaque gymnase.",
         "text_en": "A defibrillator is in the town hall lobby, left of the reception desk. Others are in every sports hall."},
    ],
}


def write_sample_town_hall(folder: Path, acts: bool = True) -> dict:
    """Writes the feeds, the map and (``acts``) a small catalogue of acts into ``folder``; returns the
    item (a dict for a layout)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agenda.ics").write_text(AGENDA, "utf-8")
    (folder / "news.xml").write_text(NEWS, "utf-8")
    image = Image.new("RGB", (1200, 800), "#e8efe0")
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 560), (1200, 470), (1200, 800), (0, 800)], fill="#8fc3e8")  # l'étang de Berre
    for x in range(0, 1200, 150):
        draw.line([(x, 0), (x + 80, 520)], fill="#ffffff", width=14)
    draw.ellipse([540, 230, 660, 350], fill="#b91c1c")  # the town hall
    image.save(folder / "plan.png")
    if acts:
        write_sample_catalogue(folder, count=8, today=date(2026, 11, 20), pdf_folder="actes")
    return json.loads(json.dumps(ITEM))
