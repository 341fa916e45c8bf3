"""Shared by the benchmarks: a loopback content server, layouts, process memory."""

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# An installed runtime has its bytecode compiled (pip does it); without it, every start compiles the
# project's sources again (about 0.15 s of the start-up measured here when PYTHONDONTWRITEBYTECODE is set).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

from tests.support.http import LoopbackServer, Route  # noqa: E402
from tests.support.images import solid_png  # noqa: E402
from tests.support.kiosk_process import KioskProcess, kiosk_env  # noqa: E402

__all__ = ["KioskProcess", "kiosk_env", "content_server", "mixed_layout", "rss_kib", "workdir"]

COLOURS = [(220, 40, 40), (40, 160, 60), (40, 80, 200), (230, 180, 30), (150, 60, 160), (20, 150, 160)]


def workdir(name: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))


def content_server() -> LoopbackServer:
    server = LoopbackServer().start()
    for i, colour in enumerate(COLOURS):
        server.routes[f"/img{i}.png"] = Route(solid_png(colour, (320, 180)), content_type="image/png")
    for i in range(3):
        page = f"<!doctype html><body style='margin:0;background:#{40 + 60 * i:02x}2050;color:#fff;font:40px sans-serif'>Page {i}</body>"
        server.routes[f"/page{i}.html"] = Route(page.encode(), content_type="text/html")
    return server


def mixed_layout(path: Path, base_url: str, image_s: float, text_s: float, web_s: float, crossfade_ms: int = 0) -> Path:
    """Four regions: images, texts, web pages, and a mix of all three."""
    transition = {"kind": "crossfade", "duration_ms": crossfade_ms} if crossfade_ms else {"kind": "cut"}
    images = [{"id": f"img{i}", "kind": "image", "src": f"{base_url}/img{i}.png", "duration_s": image_s, "transition": transition}
              for i in range(len(COLOURS))]
    texts = [{"id": f"text{i}", "kind": "text", "text": f"Message {i}", "color": "#ffffff", "duration_s": text_s,
              "transition": transition} for i in range(4)]
    pages = [{"id": f"web{i}", "kind": "web", "url": f"{base_url}/page{i}.html", "duration_s": web_s} for i in range(3)]
    mixed = [images[0], texts[0], pages[0], images[1], texts[1]]
    doc = {"schema_version": 2, "name": "bench", "screen": {"width": 640, "height": 360}, "background": "#000000",
           "regions": [
               {"id": "images", "x": 0, "y": 0, "width": 320, "height": 180, "background": "#101010", "playlist": images},
               {"id": "texts", "x": 320, "y": 0, "width": 320, "height": 180, "background": "#202020", "playlist": texts},
               {"id": "web", "x": 0, "y": 180, "width": 320, "height": 180, "background": "#303030", "playlist": pages},
               {"id": "mixed", "x": 320, "y": 180, "width": 320, "height": 180, "background": "#404040",
                "playlist": [{**item, "id": f"mixed-{item['id']}"} for item in mixed]},
           ]}
    path.write_text(json.dumps(doc))
    return path


def rss_kib(pid: int, with_children: bool = False) -> int:
    """Resident memory of a process (and, optionally, its descendants such as QtWebEngineProcess)."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            if with_children:
                for task in Path(f"/proc/{current}/task").iterdir():
                    pids.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue  # it exited meanwhile
        # A zombie has no VmRSS line: it holds no memory.
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total
