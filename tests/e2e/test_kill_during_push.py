"""The process killed at any moment of a push: on restart the screen shows the old or the new layout, whole."""

import contextlib
import json
import random
import signal
import threading
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from layouts.bundle import make_bundle
from provisioning.admins import PairedAdmins
from provisioning.client import DeviceClient, DeviceError
from provisioning.identity import load_or_create_identity
from tests.support.images import solid_png
from tests.support.kiosk_process import KioskProcess

pytestmark = pytest.mark.e2e
KILL_POINTS = 8


def layout(name: str, src: str | None) -> dict:
    item = {"kind": "image", "src": src, "duration_s": 30} if src else {"kind": "text", "text": name, "duration_s": 30}
    return {"schema_version": 2, "name": name, "screen": {"width": 320, "height": 180},
            "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 180, "playlist": [item]}]}


def test_killed_mid_push_the_screen_restarts_whole(tmp_path: Path):
    rng = random.Random(2026)
    admin = Ed25519PrivateKey.generate()
    site = tmp_path / "site"
    (site / "media").mkdir(parents=True)
    (site / "media" / "big.png").write_bytes(solid_png((0, 200, 0), (1600, 900)))
    (site / "media" / "clip.bin").write_bytes(rng.randbytes(24 * 1024 * 1024))  # enough bytes for the push to take time
    (site / "layout.json").write_text(json.dumps(layout("pushed", "media/big.png")))
    bundle = make_bundle(site, "layout.json", admin, tmp_path / "pushed.tar.gz")
    first = tmp_path / "first.json"
    first.write_text(json.dumps(layout("before", None)))
    outcomes = []
    for attempt in range(KILL_POINTS):
        data = tmp_path / f"screen-{attempt}"
        identity = load_or_create_identity(data / "identity", "s")
        PairedAdmins(data / "identity" / "admins.json").add(admin.public_key(), "t")
        args = ["run", "--windowed", "--data-dir", str(data), "--api-port", "0", "--api-host", "127.0.0.1"]
        kiosk = KioskProcess([*args, "--layout", str(first)], tmp_path)
        port = kiosk.wait_event("api_listening", timeout_s=60)["port"]
        kiosk.wait_event("layout_applied", timeout_s=60)
        time.sleep(0.3)  # let "before" become last-good
        client = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, admin)

        timings: list[float] = []

        def push(client: DeviceClient = client, timings: list[float] = timings) -> None:
            started = time.monotonic()
            with contextlib.suppress(DeviceError):  # the screen died under it: expected
                client.push(bundle)
            timings.append(time.monotonic() - started)

        pusher = threading.Thread(target=push)
        pusher.start()
        # Spread over a push (about 0.2 s here: upload, verification, staging, switch), with jitter.
        time.sleep(attempt * 0.03 + rng.uniform(0.0, 0.02))
        kiosk.send(signal.SIGKILL)
        kiosk.wait_exit(30)
        pusher.join(30)
        again = KioskProcess(args, tmp_path)  # restarted from the data dir alone, as systemd would
        applied = again.wait_event("layout_applied", timeout_s=60)
        shown = again.wait_event("item_shown", timeout_s=30)
        assert again.stop() == 0
        assert applied["layout"] in ("before", "pushed")
        assert applied["playing"] == 1 and not again.named("region_placeholder") and not again.named("recovery_screen")
        assert shown["kind"] == ("image" if applied["layout"] == "pushed" else "text")
        outcomes.append(f"{applied['layout']} (push ended after {timings[0]:.2f} s)")
    print(f"after {KILL_POINTS} kills: {outcomes}")
