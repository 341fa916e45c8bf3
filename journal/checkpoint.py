"""Signed checkpoints: "entry N of screen S has hash H", signed with the device's Ed25519 key.

A checkpoint pins every entry up to N: changing any of them changes H. One exported to the admin
(a file) also proves truncation: a journal whose newest entry is older than N lost its tail.
Signing is a parameter (``sign(bytes) -> bytes`` and the raw public key); this module only checks.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from journal import JournalError
from journal.entry import SHA256_HEX

CHECKPOINT_FORMAT = "istres-kiosk-journal-checkpoint/1"
MAX_CHECKPOINT_FILE_BYTES = 64 * 1024
Signer = Callable[[bytes], bytes]


@dataclass(frozen=True, slots=True)
class DeviceSigner:
    """What the journal needs of the device key: sign bytes, and the raw public key to name it."""

    sign: Signer
    public_key: bytes  # 32 raw bytes


@dataclass(frozen=True, slots=True)
class Checkpoint:
    seq: int
    payload: str  # canonical JSON (sorted keys) of the fields below, exactly as signed
    signature: str  # hex

    def fields(self) -> dict[str, Any]:
        try:
            value = json.loads(self.payload)
        except (ValueError, RecursionError):
            return {}
        return value if isinstance(value, dict) else {}

    def as_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "payload": self.payload, "signature": self.signature}


def make_checkpoint(signer: DeviceSigner, screen: str, seq: int, entry_hash: str, utc: str, first_seq: int) -> Checkpoint:
    fields = {"format": CHECKPOINT_FORMAT, "screen": screen, "seq": seq, "hash": entry_hash, "utc": utc,
              "first_seq": first_seq, "public_key": signer.public_key.hex()}
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return Checkpoint(seq, payload, signer.sign(payload.encode()).hex())


def checkpoint_problem(checkpoint: Checkpoint, trusted_key: bytes | None) -> str | None:
    """Why this checkpoint proves nothing (None: its signature holds, by ``trusted_key`` when given)."""
    fields = checkpoint.fields()
    if fields.get("format") != CHECKPOINT_FORMAT or type(fields.get("seq")) is not int or fields["seq"] != checkpoint.seq:
        return f"checkpoint at seq {checkpoint.seq}: not a checkpoint of this format"
    if not isinstance(fields.get("hash"), str) or not SHA256_HEX.fullmatch(fields["hash"]):
        return f"checkpoint at seq {checkpoint.seq}: no entry hash"
    try:
        key_bytes = bytes.fromhex(str(fields.get("public_key", "")))
        signature = bytes.fromhex(checkpoint.signature)
        if trusted_key is not None and key_bytes != trusted_key:
            return f"checkpoint at seq {checkpoint.seq}: signed by key {key_bytes.hex()[:16]}..., not the device's"
        Ed25519PublicKey.from_public_bytes(key_bytes).verify(signature, checkpoint.payload.encode())
    except (ValueError, InvalidSignature):
        return f"checkpoint at seq {checkpoint.seq}: the signature does not match"
    return None


def write_checkpoint_file(path: Path, checkpoint: Checkpoint) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(checkpoint.as_json(), indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


def read_checkpoint_file(path: Path) -> Checkpoint:
    """An exported checkpoint file; refused (``JournalError``) when it is not one."""
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_CHECKPOINT_FILE_BYTES + 1)
        if len(raw) > MAX_CHECKPOINT_FILE_BYTES:
            raise ValueError(f"over {MAX_CHECKPOINT_FILE_BYTES} bytes")
        value = json.loads(raw)
    except (OSError, ValueError, RecursionError) as exc:
        raise JournalError(f"{path}: not a checkpoint file ({exc})") from None
    if (not isinstance(value, dict) or type(value.get("seq")) is not int or not isinstance(value.get("payload"), str)
            or not isinstance(value.get("signature"), str)):
        raise JournalError(f"{path}: not a checkpoint file (needs seq, payload, signature)")
    return Checkpoint(value["seq"], value["payload"], value["signature"])
