"""The command-line side of tests/unit/test_bundle_hostile.py: real processes (``kiosk``/``kioskctl``).

Issue 8: small crafted archives that crashed ``kioskctl validate`` (and a push, answered 500).
"""

import subprocess
import sys
from pathlib import Path

from tests.support.hostile_archives import (
    end_of_archive,
    gzip_bytes,
    member,
)


def test_kioskctl_validate_on_a_strict_utf8_terminal(tmp_path: Path):
    """Before: UnicodeEncodeError printing the name, a traceback instead of the refusal."""
    bundle = tmp_path / "bad.tar.gz"
    bundle.write_bytes(gzip_bytes(member(b"\xff\x1b[2K\rvalid.png", b"x") + end_of_archive()))
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path),
           "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"}
    result = subprocess.run([sys.executable, "-m", "provisioning.cli", "validate", str(bundle)],
                            capture_output=True, timeout=60, env=env)
    assert result.returncode == 1, result.stderr
    assert b"unsafe-path" in result.stdout and b"\x1b" not in result.stdout and b"\r" not in result.stdout
    assert b"Traceback" not in result.stderr
