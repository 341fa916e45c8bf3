"""The legal-acts screen in the real runtime: a layout with the catalogue (acts and PDFs shipped beside it,
the feed polled over loopback HTTP) settles, is drawn, and its refused acts are logged; no QML warning."""

import json
from pathlib import Path

from PySide6.QtGui import QImage

from signs.legal_acts.samples import write_sample_catalogue
from tests.support.http import Route
from tests.support.kiosk_process import KioskProcess


def test_a_legal_acts_screen_settles_and_logs_what_it_refused(tmp_path: Path, http_server):
    write_sample_catalogue(tmp_path, count=12)
    http_server.routes["/delib.csv"] = Route(b"DELIB_ID,DELIB_DATE,DELIB_OBJET,DELIB_URL\n,2026-07-01,Sans id,https://x/a.pdf\n")
    item = {"id": "actes", "kind": "legal_acts", "duration_s": 60, "acts_file": "acts.json",
            "feeds": [{"format": "scdl", "url": f"{http_server.url}/delib.csv"}]}
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps({"schema_version": 2, "name": "actes", "screen": {"width": 1280, "height": 720},
                                  "regions": [{"id": "r", "x": 0, "y": 0, "width": 1280, "height": 720, "playlist": [item]}]}))
    out = tmp_path / "shot.png"
    kiosk = KioskProcess(["snapshot", str(layout), "--out", str(out), "--data-dir", str(tmp_path / "data")], tmp_path)
    assert kiosk.wait_exit(90) == 0
    assert kiosk.named("item_shown", kind="legal_acts")
    refused = kiosk.named("act_refused")
    assert refused and "delib.csv:2:DELIB_ID: empty, but required" in refused[0]["msg"]
    image = QImage(str(out))
    assert image.width() == 1280 and image.pixelColor(5, 5).name() == "#ffffff"  # the catalogue's paper, not a blank region
