"""Receiving a pushed bundle: bounded upload to a file, verification, and a home in ``bundles/``.

The verified files move (a rename, same file system) to ``bundles/<sha256 of the upload>/``; the
caller then switches ``current`` atomically. Bundle folders that neither ``current`` nor
``last-good`` uses are removed, so pushes never pile up on disk.
"""

import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from layouts.bundle import VerifiedBundle, verify_bundle

MAX_UPLOAD_BYTES = 512 * 1024**2


class UploadTooLarge(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Received:
    bundle: VerifiedBundle
    folder: Path  # where the layout's files now live


class BundleInbox:
    def __init__(self, data_dir: Path, max_upload_bytes: int = MAX_UPLOAD_BYTES) -> None:
        self.staging = data_dir / "staging"
        self.bundles = data_dir / "bundles"
        self.max_upload_bytes = max_upload_bytes
        self.staging.mkdir(parents=True, exist_ok=True)
        self.bundles.mkdir(parents=True, exist_ok=True)

    def upload_path(self) -> Path:
        return self.staging / f"upload-{uuid.uuid4().hex}.tar.gz"

    def accept(self, upload: Path, upload_sha256: str, trusted: dict[str, Ed25519PublicKey]) -> Received:
        """Verify (raises BundleRejected) and move into ``bundles/``; the upload file is removed either way."""
        try:
            verified = verify_bundle(upload, trusted, self.staging)
        finally:
            upload.unlink(missing_ok=True)
        home = self.bundles / upload_sha256
        if home.exists():
            shutil.rmtree(verified.folder, ignore_errors=True)  # the same bundle again: keep the copy in use
        else:
            verified.folder.rename(home)
        return Received(verified, home)

    def clean(self, in_use: set[Path]) -> None:
        for folder in self.bundles.iterdir():
            if folder.resolve() not in in_use:
                shutil.rmtree(folder, ignore_errors=True)
        for leftover in self.staging.iterdir():  # half uploads or verifications of a killed process
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
