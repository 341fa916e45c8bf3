"""The administrator's own Ed25519 key, made on first use, owner-only: it signs bundles (and, with
pairing, requests)."""

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.atomic import write_atomically
from provisioning import IdentityError


def default_admin_key_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "istres-kioskctl" / "admin.key"


def load_or_create_admin_key(path: Path) -> Ed25519PrivateKey:
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(path.parent, 0o700)
            key = Ed25519PrivateKey.generate()
            write_atomically(path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                     serialization.NoEncryption()))
            os.chmod(path, 0o600)
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise IdentityError(f"administrator key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise IdentityError(f"administrator key {path}: not an Ed25519 key")
    return key
