"""Small, real PDFs written by hand (PDF 1.4, the standard Helvetica font, WinAnsi text): the demo's
acts, made before Qt starts and without any PDF library. Every page has a heading, text and its number."""

import textwrap

_A4 = (595, 842)


def _text(value: str) -> bytes:
    """A PDF string in WinAnsi: parentheses and backslashes escaped, what cp1252 lacks replaced."""
    raw = value.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _page_stream(heading: str, lines: list[str], number: int, pages: int) -> bytes:
    out = [b"BT /F2 18 Tf 56 780 Td 22 TL"]
    out += [_text(part) + b" '" for part in textwrap.wrap(heading, 48)]
    out.append(b"/F1 11 Tf 15 TL 0 -12 Td")
    out += [_text(line) + b" '" for line in lines]
    out.append(b"ET BT /F1 10 Tf 480 40 Td " + _text(f"Page {number} / {pages}") + b" Tj ET")
    return b"\n".join(out)


def handmade_pdf(pages: int, heading: str, body: str) -> bytes:
    lines = [line for paragraph in body.split("\n") for line in (textwrap.wrap(paragraph, 92) or [""])][:48]
    fonts = 3 + 2 * pages  # object numbers: 1 catalog, 2 pages, then (page, content) pairs, then two fonts
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>",
                            b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(pages)))]
    for index in range(pages):
        stream = _page_stream(heading, lines, index + 1, pages)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>" % (*_A4, 4 + 2 * index, fonts, fonts + 1))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    for name in (b"Helvetica", b"Helvetica-Bold"):
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % name)
    body_bytes, offsets = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", []
    for number, content in enumerate(objects, 1):
        offsets.append(len(body_bytes))
        body_bytes += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body_bytes)
    body_bytes += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body_bytes += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body_bytes += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return body_bytes
