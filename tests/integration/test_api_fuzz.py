"""Fuzz the management API from its own OpenAPI description (schemathesis): never a server error."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from provisioning.client import DeviceClient
from tests.integration.test_management_api import device  # noqa: F401 - the fixture: a real HTTPS server, fake screen


def test_no_server_error_whatever_a_paired_administrator_sends(device, tmp_path: Path):  # noqa: F811
    """schemathesis from the OpenAPI description, every request signed as sent by a paired key
    (tests/support/schemathesis_signing.py): the signed routes do their real work, and never answer 5xx."""
    screen, identity, port = device
    runner = Path(sys.executable).with_name("schemathesis")
    if not runner.exists() and shutil.which("schemathesis") is None:
        pytest.fail("schemathesis is missing: it is a test extra (make test installs it)")
    admin = Ed25519PrivateKey.generate()
    client = DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, admin)
    assert client.request("POST", "/pairing/request", signed=False).status == 200
    client.pair(screen.shown_code, "fuzzer")
    key_file, log = tmp_path / "admin.key", tmp_path / "answers.jsonl"
    key_file.write_bytes(admin.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))
    env = {**os.environ, "SCHEMATHESIS_HOOKS": str(Path(__file__).parents[1] / "support" / "schemathesis_signing.py"),
           "KIOSK_FUZZ_KEY_FILE": str(key_file), "KIOSK_FUZZ_LOG": str(log)}
    result = subprocess.run([str(runner), "run", f"https://127.0.0.1:{port}/openapi.json", "--tls-verify", "false",
                             "--checks", "not_a_server_error", "--max-examples", "10", "--seed", "2026",
                             "--phases", "examples,coverage,fuzzing", "--max-time", "40"],
                            capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env)  # its cache stays out of the repo
    assert "Server error" not in result.stdout, result.stdout[-3000:]
    answers = [json.loads(line) for line in log.read_text().splitlines()]
    signed = [(method, path, status) for method, path, status in answers if not path.startswith("/pairing/")]
    unauthorized = sum(status == 401 for *_, status in signed)
    assert not any(status >= 500 for *_, status in answers), [a for a in answers if a[2] >= 500][:5]
    assert len(signed) > 200 and unauthorized < 0.05 * len(signed), (len(signed), unauthorized)
    reached = {(method, path) for method, path, status in signed if status < 400}
    print(f"schemathesis: {len(answers)} requests, {len(signed)} to signed routes, {unauthorized} of them 401; "
          f"reached: {sorted(reached)}")
    assert {("GET", "/status"), ("PUT", "/flag"), ("GET", "/logs"), ("POST", "/reload")} <= reached, reached
    assert result.returncode == 0, result.stdout[-3000:]


def test_signed_routes_survive_arbitrary_input(device):  # noqa: F811
    """What schemathesis cannot sign: a paired administrator sending anything to every signed route."""
    from urllib.parse import quote

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

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
