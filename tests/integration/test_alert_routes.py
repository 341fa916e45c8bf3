"""The alert routes on a real HTTPS API server: whatever a paired administrator sends, never a 5xx;
the CAP refusal reaches the caller with its element path; strangers get 401."""

import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.clock import SystemClock
from kiosk.alerts_store import AlertStore
from kiosk.service_thread import ServiceThread
from media.feeds.cap import parse_cap
from media.feeds.cap_area import ScreenPlace
from media.feeds.cap_model import CapRefused
from provisioning.admins import PairedAdmins
from provisioning.api import build_api
from provisioning.identity import load_or_create_identity
from provisioning.pairing import PairingWindow
from provisioning.push import BundleInbox
from provisioning.server import ApiServer
from tests.integration.test_management_api import FakeScreen, paired_client
from tests.support.cap import now_message


class AlertScreen(FakeScreen):
    """The fake screen of the API tests, with the real parser and store behind the alert routes."""

    def __init__(self) -> None:
        super().__init__()
        self.store = AlertStore(ScreenPlace(), SystemClock())

    async def receive_alert(self, cap: bytes, sent_by: str) -> tuple[int, dict[str, Any]]:
        try:
            alert = parse_cap(cap, sent_by)
        except CapRefused as refused:
            return 422, {"detail": str(refused), "where": refused.where}
        changes = self.store.receive(alert, cap)
        return (409 if changes[-1].kind == "refused" else 200), {"changes": [c.kind for c in changes]}

    async def cancel_alert(self, alert_id: str, by: str) -> tuple[int, dict[str, Any]]:
        lifted = self.store.cancel(alert_id, by)[0].kind == "lifted"
        return (200, {"lifted": True}) if lifted else (404, {"detail": "unknown"})

    async def alerts(self) -> dict[str, Any]:
        return {"alerts": self.store.listing()}


@pytest.fixture
def alert_device(tmp_path: Path):
    identity = load_or_create_identity(tmp_path / "identity", "test")
    screen = AlertScreen()
    app = build_api(screen, PairedAdmins(tmp_path / "identity" / "admins.json"), PairingWindow(time.monotonic),
                    identity.fingerprint_sha256, BundleInbox(tmp_path / "device"))
    service = ServiceThread().start()
    server = ApiServer(app, identity, "127.0.0.1", 0)
    service.submit(server.start()).result(20)
    yield screen, identity, server.port
    service.submit(server.stop()).result(20)
    service.stop()


def test_send_list_cancel_and_refusals(alert_device):
    screen, identity, port = alert_device
    client = paired_client(screen, identity, port)
    assert client.request("POST", "/alerts", {"cap": now_message("api-1").decode()}).json() == {"changes": ["shown"]}
    assert [a["id"] for a in client.request("GET", "/alerts").json()["alerts"]] == ["api-1"]
    refused = client.request("POST", "/alerts", {"cap": now_message("api-2").decode().replace("<severity>Severe", "<severity>Bad")})
    assert refused.status == 422 and refused.json()["where"] == "alert/info[0]/severity"
    assert client.request("DELETE", "/alerts/api-1").status == 200
    assert client.request("DELETE", "/alerts/api-1").status == 404
    assert client.request("POST", "/alerts", {"cap": now_message("FR/13047/7").decode()}).status == 200
    assert client.request("DELETE", f"/alerts/{quote('FR/13047/7', safe='')}").status == 200, "an identifier with '/'"
    stranger = client.__class__("127.0.0.1", port, identity.fingerprint_sha256, Ed25519PrivateKey.generate())
    assert stranger.request("POST", "/alerts", {"cap": now_message("api-3").decode()}).status == 401
    assert screen.store.held() == []


def test_alert_routes_survive_arbitrary_input(alert_device):
    screen, identity, port = alert_device
    client = paired_client(screen, identity, port)
    bodies = st.one_of(st.text(max_size=200).map(lambda t: {"cap": t}), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
                       st.lists(st.integers(), max_size=3), st.none(),
                       st.sampled_from([{"cap": "<alert/>"}, {"cap": 5}, {"cap": now_message("x").decode()[:-30]}]))

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(body=bodies, text=st.text(max_size=40))
    def probe(body, text):
        answer = client.request("POST", "/alerts", body)
        assert answer.status in (200, 409, 422), (body, answer.status, answer.body[:300])
        assert client.request("DELETE", f"/alerts/{quote(text, safe='')}x").status in (404, 422)

    probe()
