"""Exports: a signed checkpoint of the newest entry, and a verifiable copy elsewhere (a folder).

A folder holding a journal copy: ``journal.sqlite`` (entries and checkpoints exactly as on the
screen), ``checkpoint.json`` (the newest signed checkpoint: keep it; ``verify --checkpoint`` finds a
cut tail with it), ``device.crt`` (the screen's certificate: the key the checkpoints are signed with;
its sha256 is the fingerprint shown at pairing). Copies are incremental: the next export appends.
"""

from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from journal import JournalError
from journal.checkpoint import Checkpoint, DeviceSigner, make_checkpoint, read_checkpoint_file, write_checkpoint_file
from journal.entry import utc_text
from journal.store import JournalStore
from journal.transfer import MAX_PAGE_ENTRIES, Importer, lines

COPY_FILE, CHECKPOINT_FILE, CERTIFICATE_FILE = "journal.sqlite", "checkpoint.json", "device.crt"
MAX_CERTIFICATE_BYTES = 16 * 1024


def seal(store: JournalStore, signer: DeviceSigner, now: datetime) -> Checkpoint | None:
    """The signed checkpoint of the newest entry (made now unless one exists); None for an empty journal."""
    seq, own = store.tip()
    if seq == 0 or store.entry(seq) is None:
        return None
    row = store.checkpoint(seq)
    if row is not None:
        return Checkpoint(*row)
    checkpoint = make_checkpoint(signer, store.meta("screen") or "", seq, own, utc_text(now), store.anchor()[0] + 1)
    store.add_checkpoint(checkpoint.seq, checkpoint.payload, checkpoint.signature)
    return checkpoint


def export_to(store: JournalStore, signer: DeviceSigner, now: datetime, folder: Path, certificate_pem: bytes | None) -> dict[str, Any]:
    """Seal, copy what the folder's copy lacks, write the checkpoint file, and mark it exported."""
    checkpoint = seal(store, signer, now)
    if checkpoint is None:
        raise JournalError(f"{store.path}: the journal is empty: nothing to export")
    folder.mkdir(parents=True, exist_ok=True)
    with JournalStore(folder / COPY_FILE) as copy:
        copied = 0
        while copy.tip()[0] < checkpoint.seq:
            end = Importer(copy).feed(lines(store, copy.tip()[0], MAX_PAGE_ENTRIES))
            copied += end["entries"]
            if end["entries"] == 0:
                break
    write_checkpoint_file(folder / CHECKPOINT_FILE, checkpoint)
    if certificate_pem is not None:
        (folder / CERTIFICATE_FILE).write_bytes(certificate_pem)
    store.mark_exported(checkpoint.seq, utc_text(now))
    return {"folder": str(folder), "copied": copied, "checkpoint_seq": checkpoint.seq}


def certificate_key(pem: bytes) -> bytes:
    """The raw Ed25519 public key of a device certificate (what its checkpoints must be signed with)."""
    try:
        if len(pem) > MAX_CERTIFICATE_BYTES:
            raise ValueError("too large")
        certificate = x509.load_pem_x509_certificate(pem)
        return certificate.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    except (ValueError, TypeError) as exc:
        raise JournalError(f"not a device certificate ({str(exc)[:100]})") from None


def copy_parts(folder: Path) -> tuple[Path, Checkpoint | None, bytes | None]:
    """A copy folder's journal, exported checkpoint (if any) and device key (if its certificate is there)."""
    checkpoint = read_checkpoint_file(folder / CHECKPOINT_FILE) if (folder / CHECKPOINT_FILE).exists() else None
    key = certificate_key((folder / CERTIFICATE_FILE).read_bytes()) if (folder / CERTIFICATE_FILE).exists() else None
    return folder / COPY_FILE, checkpoint, key
