"""The built-in demo's town-hall kiosk: the sample item (its agenda, news and map written into the
demo's layout folder) taking a turn in the first region; headless, a set of screenshots of its
screens (home, a service page, the session warning, Acceo open and closed, large text, high
contrast) made in a process of its own, so the demo's own scene is untouched."""

import json
import os
import subprocess
import sys
from pathlib import Path

from signs.town_hall.samples import write_sample_town_hall

FOLDER = "mairie-demo"
SHOTS_TIMEOUT_S = 180


def add_town_hall(layout: Path, duration_s: float = 20) -> Path:
    """Adds the town-hall item to ``layout`` (a copy the demo made) after its first two items."""
    item = write_sample_town_hall(layout.parent / FOLDER, acts=False)  # its acts: the demo's catalogue, acts.json
    for key in ("agenda_url", "news_url", "map_image"):
        item[key] = f"{FOLDER}/{item[key]}"
    item["duration_s"] = duration_s
    document = json.loads(layout.read_text("utf-8"))
    document["regions"][0]["playlist"].insert(2, item)
    layout.write_text(json.dumps(document, ensure_ascii=False, indent=2), "utf-8")
    return layout


def write_headless_screenshots(out: Path) -> int:
    """``python -m signs.town_hall.shots OUT``; its exit status (the demo goes on whatever it is)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        return subprocess.run([sys.executable, "-m", "signs.town_hall.shots", str(out)], env=env, timeout=SHOTS_TIMEOUT_S,
                              check=False).returncode
    except (OSError, subprocess.TimeoutExpired):
        return 1
