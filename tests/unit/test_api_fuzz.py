"""Fuzz the management API from its own OpenAPI description (schemathesis): never a server error."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_management_api import device  # noqa: F401 - the fixture: a real HTTPS server, fake screen


def test_no_server_error_whatever_is_sent(device, tmp_path: Path):  # noqa: F811
    screen, identity, port = device
    runner = Path(sys.executable).with_name("schemathesis")
    if not runner.exists() and shutil.which("schemathesis") is None:
        pytest.fail("schemathesis is missing: it is a test extra (make test installs it)")
    result = subprocess.run([str(runner), "run", f"https://127.0.0.1:{port}/openapi.json", "--tls-verify", "false",
                             "--checks", "not_a_server_error", "--max-examples", "40", "--seed", "2026"],
                            capture_output=True, text=True, timeout=300, cwd=tmp_path)  # its cache stays out of the repo
    assert "Server error" not in result.stdout, result.stdout[-3000:]
    assert result.returncode == 0 or "Authentication failed" in result.stdout, result.stdout[-3000:]


def test_signed_routes_survive_arbitrary_input(device):  # noqa: F811
    """What schemathesis cannot sign: a paired administrator sending anything to every signed route."""
    from urllib.parse import quote

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from provisioning.client import DeviceClient

    screen, identity, port = device
    client = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, Ed25519PrivateKey.generate())
    client.request("POST", "/pairing/request", signed=False)
    client.pair(screen.shown_code, "fuzzer")
    json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                               lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                               max_leaves=10)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(body=json_values, text=st.text(max_size=40))
    def probe(body, text):
        for method, path, payload in (("PUT", "/flag", body), ("POST", "/reload", body), ("GET", f"/logs?lines={quote(text)}", None),
                                      ("DELETE", f"/admins/{quote(text, safe='')}x", None), ("POST", "/layouts/rollback", body)):
            answer = client.request(method, path, payload)
            assert answer.status < 500, (method, path, payload, answer.status, answer.body[:300])

    probe()
