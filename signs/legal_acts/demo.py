"""The built-in demo's legal-acts screen: the demo layout copied next to a sample catalogue (PDFs
written by hand, before Qt starts), with a catalogue item taking turns with the beach panel."""

import json
import shutil
from datetime import date
from pathlib import Path

from signs.legal_acts.samples import write_sample_catalogue

ACTS_FOLDER = "actes-demo"
DEMO_ITEM = {"id": "actes", "kind": "legal_acts", "duration_s": 26, "acts_file": "acts.json",
             "attract_tour": True, "transition": {"kind": "crossfade", "duration_ms": 800}}


def assemble_demo(layout: Path, out: Path, today: date | None = None, count: int = 36) -> Path:
    """A copy of ``layout``'s folder in ``out`` with the acts added after its first item of the first
    region; returns the new layout file. Made again each time (a few hundred kilobytes)."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(layout.parent, out, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    acts = write_sample_catalogue(out, count=count, today=today or date.today(), pdf_folder=ACTS_FOLDER)
    names = [p.relative_to(out).as_posix() for p in sorted((out / ACTS_FOLDER).rglob("*.pdf"))]
    document = json.loads((out / layout.name).read_text("utf-8"))
    document["regions"][0]["playlist"].insert(1, {**DEMO_ITEM, "bundled_files": names})
    assert acts.is_file()
    (out / layout.name).write_text(json.dumps(document, ensure_ascii=False, indent=2), "utf-8")
    return out / layout.name
