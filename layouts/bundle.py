"""Layout bundles: a layout, its media and a signed manifest of sha256 sums, as a folder or a .tar.gz.

::

    manifest.json   {"format": 1, "layout": "layout.json", "signer": "<key id>", "files": {"path": "sha256", ...}}
    manifest.sig    Ed25519 signature of manifest.json's exact bytes (raw, 64 bytes)
    layout.json, media/...

A bundle may carry ``schedule.json`` (``schedule_model``) at its top, whose ``default`` is the
manifest's layout and which names other layout files of the bundle: all are checked before the
bundle is accepted (``schedule_plan.read_plan``), and the screen shows them by the schedule.

``manifest.json`` and ``manifest.sig`` are the first two members (``make_bundle`` writes them
first), so a screen checks the signature before it parses or decompresses anything else
(``bundle_check``). Modules: ``tar_reader`` (bounded .tar.gz reading), ``bundle_folder`` (a folder
as a bundle), ``bundle_names`` (one spelling per file), ``manifest`` (signature, then strict
parsing), ``file_references`` (the files a layout names), ``bundle_writer`` (``kioskctl bundle``).
Every failure is a ``BundleRejected`` saying what and where.
"""

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from common.fingerprints import key_id
from layouts.bundle_check import MAX_FILE_BYTES, MAX_TOTAL_BYTES, check_bundle, stage
from layouts.bundle_errors import BundleRejected
from layouts.bundle_writer import write_bundle
from layouts.errors import LayoutInvalid
from layouts.manifest import MANIFEST, SIGNATURE
from layouts.model import Layout
from layouts.schedule_check import SCHEDULE_FILE
from layouts.schedule_plan import ScreenPlan, read_plan
from layouts.tar_reader import MAX_ENTRIES

MAX_FILES = MAX_ENTRIES

__all__ = ["MANIFEST", "MAX_FILES", "MAX_FILE_BYTES", "MAX_TOTAL_BYTES", "SIGNATURE", "BundleRejected",
           "VerifiedBundle", "check_bundle", "key_id", "make_bundle", "verify_bundle"]


@dataclass(frozen=True, slots=True)
class VerifiedBundle:
    layout: Layout
    folder: Path  # staging folder holding every file of the bundle, verified
    signer: str
    plan: ScreenPlan | None = None  # the bundle's schedule.json and the layouts it names


def verify_bundle(bundle: Path, trusted: dict[str, Ed25519PublicKey], staging_root: Path,
                  max_total_bytes: int = MAX_TOTAL_BYTES, max_file_bytes: int = MAX_FILE_BYTES) -> VerifiedBundle:
    """Check ``bundle`` whole and stage its files in a new folder under ``staging_root``; only BundleRejected escapes."""
    stage("bundle_check_started", bytes=_size(bundle))
    try:
        staging_root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="bundle-", dir=staging_root))
    except OSError as exc:
        raise BundleRejected("cannot-stage", f"cannot make a staging folder in {staging_root}: {exc.strerror}") from None
    try:
        layout, signer = check_bundle(bundle, trusted, folder, max_total_bytes, max_file_bytes)
        plan = checked_plan(folder, layout)
    except OSError as exc:  # our own disk (full, read-only): not the bundle's fault, but nothing is kept
        shutil.rmtree(folder, ignore_errors=True)
        raise BundleRejected("cannot-stage", f"cannot write the staging copy: {exc.strerror or exc}") from None
    except BaseException as exc:
        shutil.rmtree(folder, ignore_errors=True)
        stage("bundle_refused", cause=getattr(exc, "cause", type(exc).__name__))
        raise
    stage("bundle_verified", layout=layout.name, signer=signer)
    return VerifiedBundle(layout, folder, signer, plan)


def checked_plan(folder: Path, layout: Layout | None) -> ScreenPlan | None:
    """The schedule of a verified folder, or BundleRejected naming every problem (422 at the API)."""
    try:
        return read_plan(folder, layout)
    except LayoutInvalid as exc:
        problems = [f"{SCHEDULE_FILE} {p}" for p in exc.problems]
        raise BundleRejected("invalid-layout", "; ".join(problems[:3]), problems) from None


def _size(bundle: Path) -> int | None:
    try:
        return None if bundle.is_dir() else bundle.stat().st_size
    except OSError:
        return None


def make_bundle(folder: Path, layout_name: str, key: Ed25519PrivateKey, out: Path, check: bool = True) -> Path:
    """Sign ``folder`` (a layout and its media) into ``out`` (.tar.gz): what ``kioskctl push`` sends.

    Refuses (BundleRejected naming the path) what ``verify_bundle`` would refuse; ``check=False``
    skips only the final self-check (tests use it to make bundles a screen must refuse)."""
    return write_bundle(folder, layout_name, key, out, check)
