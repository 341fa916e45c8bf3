"""A PDF page, rendered with QtPdf in the pool to a PNG and shown by the image view."""

from media.sources import obtain
from signs.kinds import ItemKind
from signs.resolution import Resolution, ResolveContext, derived_file, file_url
from signs.widgets.image.kind import VIEW as IMAGE_VIEW
from signs.widgets.pdf.item import PdfItem
from signs.widgets.sources import refreshes_when_remote


def resolve(item: PdfItem, size_px: tuple[int, int], ctx: ResolveContext) -> Resolution:
    from signs.widgets.pdf.pages import render_pdf_page  # QtPdf: loaded when a PDF is first shown

    width, height = size_px
    source = obtain(item.src, ctx.base_dir, ctx.cache, ctx.protected)
    key = f"pdf:{source.sha256}:{item.page}:{width}x{height}"
    path = derived_file(ctx.cache, key, lambda out: render_pdf_page(source.path, item.page, out.with_suffix(".png"), width, height),
                        ctx.protected, source)
    return Resolution({"source": file_url(path), "fit": "contain"}, note=source.note)


KINDS = [ItemKind("pdf", IMAGE_VIEW, resolve=resolve, refreshes=refreshes_when_remote)]
