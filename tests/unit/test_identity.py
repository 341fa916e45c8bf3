import stat
from pathlib import Path

import pytest

from provisioning import IdentityError
from provisioning.identity import load_or_create_identity


def test_identity_is_made_once_private_and_stable(tmp_path: Path):
    folder = tmp_path / "identity"
    first = load_or_create_identity(folder, "plage-romaniquette")
    again = load_or_create_identity(folder, "plage-romaniquette")
    assert first == again
    assert len(first.device_id) == 32 and len(first.fingerprint_sha256) == 64
    assert len(first.short_fingerprint) == 19
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in folder.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    assert b"BEGIN PRIVATE KEY" in first.key_path.read_bytes()


def test_a_damaged_identity_is_a_clear_error(tmp_path: Path):
    folder = tmp_path / "identity"
    identity = load_or_create_identity(folder, "x")
    identity.certificate_path.write_text("garbage")
    with pytest.raises(IdentityError, match="device identity in"):
        load_or_create_identity(folder, "x")
