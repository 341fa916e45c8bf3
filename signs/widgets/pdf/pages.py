"""One PDF page rendered to a PNG with QtPdf, in a worker thread (never on the GUI thread)."""

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument

from media.errors import PreparationFailed


def render_pdf_page(source: Path, page_number: int, out: Path, max_width_px: int, max_height_px: int) -> Path:
    document = QPdfDocument(None)
    try:
        error = document.load(str(source))
        if error != QPdfDocument.Error.None_:
            raise PreparationFailed(f"{source.name}: cannot open the PDF ({error.name})")
        if not 1 <= page_number <= document.pageCount():
            raise PreparationFailed(f"{source.name}: has {document.pageCount()} pages, no page {page_number}")
        page_size = document.pagePointSize(page_number - 1)
        scale = min(max_width_px / page_size.width(), max_height_px / page_size.height())
        size = QSize(max(1, round(page_size.width() * scale)), max(1, round(page_size.height() * scale)))
        image = document.render(page_number - 1, size)
        if image.isNull() or not image.save(str(out), "PNG"):
            raise PreparationFailed(f"{source.name}: page {page_number} could not be rendered")
        return out
    finally:
        document.close()
        document.deleteLater()
