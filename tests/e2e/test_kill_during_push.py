"""The process killed at each stage of a push: on restart the screen shows the old or the new layout, whole.

Each kill is aimed at one stage and the test proves it landed there: after the client sent its
first bytes, before any answer came back (the client saw the connection die), and at the stage the
screen itself logged last (``bundle_check_started``, ``bundle_signature_checked``,
``bundle_verified``, then ``layout_applied``). A kill that missed its stage fails the test.
"""

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
STAGES = ("bundle_check_started", "bundle_signature_checked", "bundle_verified")
# (what the kill waits for, the stage the screen must be in when it dies)
KILL_POINTS = [("sent 25%", "uploading"), ("sent 75%", "uploading"), ("bundle_check_started", "verifying"),
               ("bundle_signature_checked", "verifying"), ("bundle_verified", "applying")]


def layout(name: str, src: str | None) -> dict:
    item = {"kind": "image", "src": src, "duration_s": 30} if src else {"kind": "text", "text": name, "duration_s": 30}
    return {"schema_version": 2, "name": name, "screen": {"width": 320, "height": 180},
            "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 180, "playlist": [item]}]}


class Push:
    """One push in a thread, recording when its first byte left and how it ended (answer or error)."""

    def __init__(self, client: DeviceClient, bundle: Path, send_fraction: float | None) -> None:
        self.first_byte_at: float | None = None
        self.answered: int | None = None
        self.error: str | None = None
        self.sent_enough = threading.Event()
        self._fraction = send_fraction
        self._thread = threading.Thread(target=self._run, args=(client, bundle))
        self._thread.start()

    def _progress(self, sent: int, total: int) -> None:
        if self.first_byte_at is None and sent > 0:
            self.first_byte_at = time.monotonic()
        if self._fraction is not None and sent >= self._fraction * total:
            self.sent_enough.set()

    def _run(self, client: DeviceClient, bundle: Path) -> None:
        try:
            self.answered = client.push(bundle, self._progress).status
        except DeviceError as exc:  # the screen died under it: what a kill mid-push must look like
            self.error = str(exc)
        self.sent_enough.set()

    def join(self) -> None:
        self._thread.join(30)


def wait_until(condition, timeout_s: float = 30.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def stage_at_death(kiosk: KioskProcess) -> str:
    """The last stage the screen logged before it died (every line was flushed as it was written)."""
    if kiosk.named("layout_applied", layout="pushed"):
        return "applied"
    logged = [stage for stage in STAGES if kiosk.named(stage)]
    return {0: "uploading", 1: "verifying", 2: "verifying", 3: "applying"}[len(logged)]


def test_killed_at_each_stage_of_a_push_the_screen_restarts_whole(tmp_path: Path):
    rng = random.Random(2026)
    admin = Ed25519PrivateKey.generate()
    site = tmp_path / "site"
    (site / "media").mkdir(parents=True)
    (site / "media" / "big.png").write_bytes(solid_png((0, 200, 0), (1600, 900)))
    (site / "media" / "clip.bin").write_bytes(rng.randbytes(24 * 1024 * 1024))  # enough bytes for each stage to take time
    (site / "layout.json").write_text(json.dumps(layout("pushed", "media/big.png")))
    bundle = make_bundle(site, "layout.json", admin, tmp_path / "pushed.tar.gz")
    first = tmp_path / "first.json"
    first.write_text(json.dumps(layout("before", None)))
    outcomes = []
    for attempt, (trigger, expected_stage) in enumerate(KILL_POINTS):
        data = tmp_path / f"screen-{attempt}"
        identity = load_or_create_identity(data / "identity", "s")
        PairedAdmins(data / "identity" / "admins.json").add(admin.public_key(), "t")
        args = ["run", "--windowed", "--data-dir", str(data), "--api-port", "0", "--api-host", "127.0.0.1"]
        kiosk = KioskProcess([*args, "--layout", str(first)], tmp_path)
        port = kiosk.wait_event("api_listening", timeout_s=60)["port"]
        kiosk.wait_event("layout_applied", timeout_s=60)
        wait_until(lambda data=data: (data / "layouts" / "last-good.json").exists())  # "before" is now last-good
        client = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, admin)

        fraction = float(trigger.split()[1].rstrip("%")) / 100 if trigger.startswith("sent") else None
        push = Push(client, bundle, fraction)
        if fraction is not None:
            assert push.sent_enough.wait(60), "the upload never got that far"
        else:
            kiosk.wait_event(trigger, timeout_s=60)
        killed_at = time.monotonic()
        kiosk.send(signal.SIGKILL)
        kiosk.wait_exit(30)
        push.join()

        # The kill landed mid-push: after the upload began, before an answer, at the aimed stage.
        assert push.first_byte_at is not None and push.first_byte_at < killed_at, f"{trigger}: the push had not started"
        assert push.answered is None and push.error is not None, f"{trigger}: the screen answered {push.answered} first"
        assert stage_at_death(kiosk) == expected_stage, f"{trigger}: died while {stage_at_death(kiosk)}"

        again = KioskProcess(args, tmp_path)  # restarted from the data dir alone, as systemd would
        applied = again.wait_event("layout_applied", timeout_s=60)
        shown = again.wait_event("item_shown", timeout_s=30)
        assert again.stop() == 0
        assert applied["layout"] in ("before", "pushed")
        assert applied["playing"] == 1 and not again.named("region_placeholder") and not again.named("recovery_screen")
        assert shown["kind"] == ("image" if applied["layout"] == "pushed" else "text")
        outcomes.append(f"killed while {expected_stage} ({trigger}, {killed_at - push.first_byte_at:.2f} s into the push): "
                        f"restarted on {applied['layout']!r}")
    print("\n".join(outcomes))
