"""The schedule routes over real HTTPS on loopback, with the screen's real schedule desk, store and
a ManualClock: the timeline, overrides pushed and lifted, and every bad request refused with a reason."""

import json
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.clock import ManualClock
from kiosk.schedule_desk import ScheduleDesk
from kiosk.service_thread import ServiceThread
from layouts import load_layout_file
from layouts.bundle import make_bundle
from layouts.store import LayoutStore
from provisioning.admins import PairedAdmins
from provisioning.api import build_api
from provisioning.client import DeviceClient
from provisioning.identity import load_or_create_identity
from provisioning.pairing import PairingWindow
from provisioning.push import BundleInbox
from provisioning.server import ApiServer
from tests.integration.test_management_api import MAX_UPLOAD_FOR_TESTS, FakeScreen
from tests.unit.schedule_reference import utc


def layout_doc(name: str) -> dict:
    return {"schema_version": 2, "name": name, "screen": {"width": 320, "height": 200},
            "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 200, "playlist": [{"kind": "text", "text": name}]}]}


class Screen(FakeScreen):
    def __init__(self, store: LayoutStore, clock: ManualClock) -> None:
        super().__init__()
        self.store, self.rereads = store, 0
        self.schedule = ScheduleDesk(store, clock, self._reread)

    def _reread(self) -> None:
        self.rereads += 1

    def folders_in_use(self) -> set[Path]:
        return self.store.base_dirs_in_use()


@pytest.fixture
def device(tmp_path: Path):
    folder = tmp_path / "site"
    folder.mkdir()
    for name in ("layout", "night"):
        (folder / f"{name}.json").write_text(json.dumps(layout_doc(name)))
    (folder / "schedule.json").write_text(json.dumps({"default": "layout.json", "entries": [
        {"id": "night", "layout": "night.json", "priority": 10, "from": "22:00", "until": "06:00"}]}))
    store, clock = LayoutStore(tmp_path / "device" / "layouts"), ManualClock(utc(2026, 12, 1, 12))
    store.save_current(load_layout_file(folder / "layout.json"), folder)
    identity = load_or_create_identity(tmp_path / "identity", "test")
    admins = PairedAdmins(tmp_path / "identity" / "admins.json")
    key = Ed25519PrivateKey.generate()
    admins.add(key.public_key(), "test")
    screen = Screen(store, clock)
    app = build_api(screen, admins, PairingWindow(time.monotonic), identity.fingerprint_sha256,
                    BundleInbox(tmp_path / "device", MAX_UPLOAD_FOR_TESTS))
    service = ServiceThread().start()
    server = ApiServer(app, identity, "127.0.0.1", 0)
    service.submit(server.start()).result(20)
    client = DeviceClient("127.0.0.1", server.port, identity.fingerprint_sha256, key)
    client.test_address = (server.port, identity.fingerprint_sha256)
    yield screen, clock, client, key
    service.submit(server.stop()).result(20)
    service.stop()


def urgent_bundle(tmp_path: Path, key) -> Path:
    folder = tmp_path / "urgent"
    folder.mkdir()
    (folder / "layout.json").write_text(json.dumps(layout_doc("urgent")))
    return make_bundle(folder, "layout.json", key, tmp_path / "urgent.tar.gz")


def test_the_timeline_an_override_and_its_lifting(device, tmp_path):
    screen, clock, client, key = device
    timeline = client.request("GET", "/schedule?days=2").json()
    assert [(s["layout"], s["source"], s["start_local"][11:16]) for s in timeline["segments"]] == [
        ("layout", "default", "13:00"), ("night", "night", "22:00"), ("layout", "default", "06:00"),
        ("night", "night", "22:00"), ("layout", "default", "06:00")]
    until = clock.now() + timedelta(hours=3)
    answer = client.push(urgent_bundle(tmp_path, key), path=f"/layouts/override?until={quote(until.isoformat(), safe='')}")
    assert answer.status == 200, answer.body
    assert screen.rereads == 1 and answer.json()["until"] == until.isoformat()
    segments = client.request("GET", "/schedule?days=1").json()["segments"]
    assert (segments[0]["layout"], segments[0]["source"], segments[0]["end"]) == ("urgent", "override", until.isoformat())
    assert len(screen.folders_in_use()) == 2  # the override's bundle folder is kept by the clean-up
    assert client.request("DELETE", "/layouts/override").json() == {"lifted": 1}
    assert client.request("GET", "/schedule?days=1").json()["segments"][0]["source"] == "default"


@pytest.mark.parametrize("query, reason", [
    ("", "until is required"), ("?until=tomorrow", "is not an ISO 8601 time"),
    ("?until=2026-12-01T18:00", "has no UTC offset"), ("?until=" + "9" * 5000, "is not an ISO 8601 time"),
    ("?until=2020-01-01T00:00%2B00:00", "already past"), ("?until=2027-12-01T00:00%2B00:00", "at most 31 days"),
])
def test_a_bad_until_is_refused_and_nothing_is_stored(device, tmp_path, query, reason):
    screen, _clock, client, key = device
    answer = client.push(urgent_bundle(tmp_path, key), path=f"/layouts/override{query}")
    assert answer.status == 422 and reason in answer.detail(), answer.body
    assert screen.store.overrides.load() == [] and screen.rereads == 0


def test_days_are_bounded_and_strangers_refused(device, tmp_path):
    screen, _clock, client, key = device
    for days in ("0", "367", "abc", "1e400"):
        assert client.request("GET", f"/schedule?days={days}").status == 422
    assert client.request("GET", "/schedule", signed=False).status == 401
    assert client.request("DELETE", "/layouts/override", signed=False).status == 401
    stranger = DeviceClient("127.0.0.1", *client.test_address, Ed25519PrivateKey.generate())
    refused = stranger.push(urgent_bundle(tmp_path, key), path="/layouts/override?until=2026-12-01T18:00%2B00:00")
    assert refused.status == 401 and screen.store.overrides.load() == []
