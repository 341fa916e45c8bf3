"""CPU per item change: full-HD slides cut every ``slide_s``, against the same layout holding one slide.

Both run offscreen (Qt Quick's software renderer, as on a machine without a GPU) for the same
window after a warm-up; the difference of process CPU seconds, divided by the changes seen in the
window, is what one change costs (view made, picture decoded and drawn, the old one dropped).
"""

import json
import time
from pathlib import Path

from _harness import KioskProcess, workdir
from _shared_content import SCREEN, make_slides
from _xscreen import tree_cpu_s


def _layout(path: Path, slides: list[Path], slide_s: float, crossfade_ms: int) -> Path:
    transition = {"kind": "crossfade", "duration_ms": crossfade_ms} if crossfade_ms else {"kind": "cut"}
    playlist = [{"id": f"slide{i}", "kind": "image", "src": s.name, "duration_s": slide_s, "transition": transition}
                for i, s in enumerate(slides)]
    doc = {"schema_version": 2, "name": "bench-changes", "screen": {"width": SCREEN[0], "height": SCREEN[1]},
           "background": "#000000",
           "regions": [{"id": "slides", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1], "playlist": playlist}]}
    path.write_text(json.dumps(doc))
    return path


def _cpu_over(layout: Path, folder: Path, warmup_s: float, window_s: float) -> tuple[float, int]:
    folder.mkdir(parents=True, exist_ok=True)
    kiosk = KioskProcess(["run", "--layout", str(layout), "--windowed", "--data-dir", str(folder / "data")], folder)
    try:
        kiosk.wait_event("layout_applied", timeout_s=120)
        time.sleep(warmup_s)
        cpu0, shown0, t0 = tree_cpu_s(kiosk.proc.pid), kiosk.count("item_shown"), time.monotonic()
        time.sleep(window_s)
        cpu1, shown1, t1 = tree_cpu_s(kiosk.proc.pid), kiosk.count("item_shown"), time.monotonic()
    finally:
        kiosk.stop()
    return (cpu1 - cpu0) / (t1 - t0), shown1 - shown0


def cpu_per_change(slide_s: float = 1.0, crossfade_ms: int = 0, warmup_s: float = 5.0, window_s: float = 20.0) -> dict:
    folder = workdir("changes")
    slides = make_slides(folder)
    static_share, _ = _cpu_over(_layout(folder / "static.json", slides[:1], slide_s, 0), folder / "static", warmup_s, window_s)
    share, changes = _cpu_over(_layout(folder / "slides.json", slides, slide_s, crossfade_ms), folder / "slides", warmup_s, window_s)
    per_change_ms = (share - static_share) * window_s / max(1, changes) * 1000
    return {"static_pct": static_share * 100, "slides_pct": share * 100, "changes": changes, "per_change_ms": per_change_ms}
