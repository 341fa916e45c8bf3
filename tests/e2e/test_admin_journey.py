"""The administrator's whole journey with two real screens on loopback: discover, pair (typing the
code the screen shows), push to both, status, screenshot, rollback."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.support.images import solid_png
from tests.support.kiosk_process import KioskProcess, kiosk_env

pytestmark = pytest.mark.e2e


def kioskctl(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "provisioning.cli", *args], capture_output=True, text=True,
                          timeout=180, env=env, input=stdin)


def pair_by_typing_the_code(args: list[str], code_file: Path, home: Path) -> str:
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home)}
    pairing = subprocess.Popen([sys.executable, "-m", "provisioning.cli", "pair", *args], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 30
    while not code_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    out, err = pairing.communicate(code_file.read_text() + "\n", timeout=60)  # what the person reads and types
    assert pairing.returncode == 0, out + err
    return out


def test_discover_pair_push_status_screenshot_rollback(tmp_path: Path):
    home = tmp_path / "admin"
    screens = {}
    for name in ("plage", "mairie"):
        first = tmp_path / f"{name}.json"
        first.write_text(json.dumps({"schema_version": 2, "name": f"before-{name}", "screen": {"width": 320, "height": 180},
                                     "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 180,
                                                  "playlist": [{"kind": "text", "text": name}]}]}))
        code_file = tmp_path / f"{name}.code"
        kiosk = KioskProcess(["run", "--layout", str(first), "--windowed", "--data-dir", str(tmp_path / name),
                              "--api-port", "0", "--api-host", "127.0.0.1", "--advertise", "--advertise-interface",
                              "127.0.0.1", "--device-name", name, "--role", "signage"],
                             tmp_path, kiosk_env(tmp_path, KIOSK_PAIRING_CODE_FILE=str(code_file)))
        screens[name] = (kiosk, code_file)
    try:
        for kiosk, _ in screens.values():
            kiosk.wait_event("advertised", timeout_s=60)
        found = json.loads(kioskctl("discover", "--seconds", "2.5", "--interface", "127.0.0.1", "--json", home=home).stdout)
        by_name = {d["name"]: d for d in found}
        assert set(by_name) == {"plage", "mairie"}
        for name in screens:
            device = by_name[name]
            assert device["port"] > 0 and device["paired"] is False
        # One by the name discover shows, one by address and fingerprint.
        out = pair_by_typing_the_code(["plage", "--interface", "127.0.0.1"], screens["plage"][1], home)
        assert "paired with plage" in out
        mairie = by_name["mairie"]
        out = pair_by_typing_the_code([f"127.0.0.1:{mairie['port']}", "--fingerprint", mairie["fingerprint_sha256"],
                                       "--name", "mairie"], screens["mairie"][1], home)
        assert "paired with mairie" in out
        # The advertisement now says paired.
        time.sleep(0.5)
        assert all(d["paired"] for d in json.loads(kioskctl("discover", "--seconds", "2", "--interface", "127.0.0.1",
                                                                "--json", home=home).stdout))

        site = tmp_path / "site"
        (site / "media").mkdir(parents=True)
        (site / "media" / "blue.png").write_bytes(solid_png((0, 0, 255)))
        (site / "layout.json").write_text(json.dumps({"schema_version": 2, "name": "pushed", "screen": {"width": 320, "height": 180},
                                                      "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 180,
                                                                   "playlist": [{"kind": "image", "src": "media/blue.png",
                                                                                 "fit": "cover"}]}]}))
        assert kioskctl("bundle", str(site), "-o", str(tmp_path / "b.tar.gz"), home=home).returncode == 0
        pushed = kioskctl("push", str(tmp_path / "b.tar.gz"), "plage", "mairie", home=home)
        assert pushed.returncode == 0, pushed.stdout + pushed.stderr
        for name in screens:
            assert json.loads(kioskctl("status", name, "--json", home=home).stdout)["layout"] == "pushed"
        assert kioskctl("screenshot", "plage", "-o", str(tmp_path / "now.png"), home=home).returncode == 0
        pixel = QImage(str(tmp_path / "now.png")).pixelColor(160, 90)
        assert (pixel.red(), pixel.green()) == (0, 0) and pixel.blue() > 240  # the pushed blue (JPEG-prepared)
        assert kioskctl("rollback", "mairie", home=home).returncode == 0
        assert json.loads(kioskctl("status", "mairie", "--json", home=home).stdout)["layout"] == "before-mairie"
        opened = kioskctl("allow-pairing", "plage", home=home)  # a colleague's machine may pair for 10 minutes
        assert opened.returncode == 0 and "pairing open for 600" in opened.stdout, opened.stdout + opened.stderr
    finally:
        for kiosk, _ in screens.values():
            assert kiosk.stop() == 0
    for kiosk, code_file in screens.values():
        assert not code_file.exists()  # the code left the screen (and the file) once used
        assert not [e for e in kiosk.events if e.get("level") in ("error", "critical")]
