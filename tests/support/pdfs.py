"""PDF files for the legal-acts tests, made here: real ones (QPdfWriter), an encrypted one written by
hand (a Standard security handler whose user password is not empty), truncated, empty, not a PDF."""

from pathlib import Path

from signs.legal_acts.samples import write_pdf

__all__ = ["bad_pdfs", "encrypted_pdf", "write_pdf"]


def encrypted_pdf(out: Path) -> Path:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
               b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>"]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, 1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    body += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<{'ab' * 16}><{'ab' * 16}>] >>\n"
             f"startxref\n{xref}\n%%EOF\n").encode()
    out.write_bytes(body)
    return out


def bad_pdfs(folder: Path) -> dict[str, Path]:
    """name -> file: every kind of "PDF" the reader must refuse with a clear message."""
    folder.mkdir(parents=True, exist_ok=True)
    good = write_pdf(folder / "good.pdf", 3, "Bon")
    truncated = folder / "corrupt.pdf"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    empty = folder / "empty.pdf"
    empty.write_bytes(b"")
    html = folder / "page.pdf"
    html.write_bytes(b"<!doctype html><title>404</title>Not found")
    garbage = folder / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    return {"corrupt": truncated, "encrypted": encrypted_pdf(folder / "encrypted.pdf"), "empty": empty, "html": html,
            "garbage": garbage}
