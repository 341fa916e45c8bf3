"""Fuzz the management API from its own OpenAPI description (schemathesis): never a server error."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_management_api import device  # noqa: F401 - the fixture: a real HTTPS server, fake screen


def test_no_server_error_whatever_is_sent(device):  # noqa: F811
    screen, identity, port = device
    runner = Path(sys.executable).with_name("schemathesis")
    if not runner.exists() and shutil.which("schemathesis") is None:
        pytest.fail("schemathesis is missing: it is a test extra (make test installs it)")
    result = subprocess.run([str(runner), "run", f"https://127.0.0.1:{port}/openapi.json", "--tls-verify", "false",
                             "--checks", "not_a_server_error", "--max-examples", "40", "--seed", "2026"],
                            capture_output=True, text=True, timeout=300)
    assert "Server error" not in result.stdout, result.stdout[-3000:]
    assert result.returncode == 0 or "Authentication failed" in result.stdout, result.stdout[-3000:]
