"""The administrator's own Ed25519 key, made on first use, owner-only: it signs bundles (and, with
pairing, requests)."""

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.atomic import write_atomically
from common.terminal import quoted
from provisioning import IdentityError

MAX_KEY_FILE_BYTES = 64 * 1024  # a PEM Ed25519 key is 119 bytes


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
        with open(path, "rb") as stream:
            pem = stream.read(MAX_KEY_FILE_BYTES + 1)
        if len(pem) > MAX_KEY_FILE_BYTES:
            raise ValueError(f"over {MAX_KEY_FILE_BYTES} bytes: not a key file")
        key = serialization.load_pem_private_key(pem, password=None)
    except (OSError, ValueError, TypeError) as exc:  # TypeError: a key file that wants a password
        raise IdentityError(f"administrator key {path}: {quoted(exc, 200)}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise IdentityError(f"administrator key {path}: not an Ed25519 key")
    return key
