"""The device's identity: an id, an Ed25519 key pair and a self-signed TLS certificate.

Made on first start under ``<data dir>/identity/`` with owner-only permissions, then reused. The
certificate's SHA-256 fingerprint is what an administrator compares with the screen when pairing.
"""

import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import NameOID

from common.atomic import write_atomically
from common.fingerprints import fingerprint_text
from provisioning import IdentityError

CERTIFICATE_YEARS = 20  # a screen lives long; pairing pins the fingerprint, not a CA chain


@dataclass(frozen=True, slots=True)
class DeviceIdentity:
    device_id: str
    key_path: Path
    certificate_path: Path
    fingerprint_sha256: str  # hex, lower case, of the DER certificate

    @property
    def short_fingerprint(self) -> str:
        """The part people read aloud: 4 groups of 4 hex digits."""
        return fingerprint_text(self.fingerprint_sha256)


def _write_private(path: Path, data: bytes) -> None:
    write_atomically(path, data)
    os.chmod(path, 0o600)


def load_or_create_identity(folder: Path, device_name: str) -> DeviceIdentity:
    key_path, cert_path, meta_path = folder / "device.key", folder / "device.crt", folder / "device.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        if not (key_path.exists() and cert_path.exists() and meta_path.exists()):
            _create(key_path, cert_path, meta_path, device_name)
        certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
        device_id = json.loads(meta_path.read_text())["device_id"]
    except (OSError, ValueError, KeyError) as exc:
        raise IdentityError(f"device identity in {folder}: {exc}") from exc
    fingerprint = certificate.fingerprint(hashes.SHA256()).hex()
    return DeviceIdentity(device_id, key_path, cert_path, fingerprint)


def _create(key_path: Path, cert_path: Path, meta_path: Path, device_name: str) -> None:
    device_id = uuid.uuid4().hex
    key = Ed25519PrivateKey.generate()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{device_name} ({device_id[:8]})"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ville d'Istres")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * CERTIFICATE_YEARS))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(f"{device_id}.kiosk.local")]), critical=False)
        .sign(key, None)  # Ed25519 signs without a separate hash
    )
    _write_private(key_path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    _write_private(cert_path, certificate.public_bytes(serialization.Encoding.PEM))
    _write_private(meta_path, json.dumps({"device_id": device_id, "created_at": now.isoformat()}).encode())
