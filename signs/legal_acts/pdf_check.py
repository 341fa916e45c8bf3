"""Whether a cached file is a PDF the reader can show, and how many pages it has (QtPdf, in the pool)."""

from pathlib import Path

from PySide6.QtPdf import QPdfDocument

MAX_PAGES = 5000

_REASONS_FR = {
    "IncorrectPassword": "document protégé par un mot de passe",
    "UnsupportedSecurityScheme": "document chiffré (protection non prise en charge)",
    "InvalidFileFormat": "fichier illisible : ce n'est pas un PDF valide",
    "DataNotYetAvailable": "document incomplet",
    "FileNotFound": "fichier introuvable",
    "Unknown": "fichier illisible",
}


def check_pdf(path: Path) -> tuple[int, str]:
    """(page count, "") for a readable PDF; (0, reason in French) otherwise. Never raises for a bad file."""
    try:
        if path.stat().st_size == 0:
            return 0, "fichier vide"
        with open(path, "rb") as f:
            if b"%PDF-" not in f.read(1024):
                return 0, "ce fichier n'est pas un PDF"
    except OSError as exc:
        return 0, f"fichier illisible ({exc.strerror})"
    document = QPdfDocument(None)
    try:
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_:
            return 0, _REASONS_FR.get(error.name, "fichier illisible")
        pages = document.pageCount()
        if pages < 1:
            return 0, "document sans page"
        if pages > MAX_PAGES:
            return 0, f"document de {pages} pages, au-delà de {MAX_PAGES}"
        return pages, ""
    finally:
        document.close()
        document.deleteLater()
