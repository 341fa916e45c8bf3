"""``kioskctl journal pull | verify | report``: a screen's proof-of-display journal on the admin machine.

``pull SCREEN --out DIR`` appends what the screen has that the copy in DIR lacks (pages of at most
50,000 entries), keeps the screen's certificate after checking it is the one pinned at pairing,
writes the newest signed checkpoint to ``DIR/checkpoint.json``, verifies the copy, and only then
tells the screen those entries are safe (it may prune them after its retention period).
"""

import argparse
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

from common.terminal import printable
from journal import JournalError
from journal.checkpoint import Checkpoint, write_checkpoint_file
from journal.commands import Source, print_report, print_verify
from journal.export import CERTIFICATE_FILE, CHECKPOINT_FILE, COPY_FILE, certificate_key, copy_parts
from journal.store import JournalStore
from journal.transfer import MAX_PAGE_ENTRIES, Importer
from journal.verify import verify
from provisioning.cli_common import client_for, known_devices
from provisioning.client import DeviceClient, DeviceError

MAX_PAGES = 10_000  # 500 million entries: a screen that keeps answering more is misbehaving


def add_journal_commands(sub: "argparse._SubParsersAction", add_key: Callable[[argparse.ArgumentParser], None]) -> None:
    journal = sub.add_parser("journal", help="a screen's proof-of-display journal: pull, verify, report")
    verbs = journal.add_subparsers(dest="journal_command", required=True)
    p = verbs.add_parser("pull", help="fetch the journal's new entries and checkpoints into a folder (incremental)")
    p.add_argument("device", help="the name given at pairing")
    p.add_argument("--out", type=Path, required=True, help="the copy's folder (one per screen)")
    add_key(p)
    p.set_defaults(func=_cmd_pull)
    p = verbs.add_parser("verify", help="check a pulled copy: hash chain, signatures by the screen's certificate")
    p.add_argument("copy", type=Path, help="a folder made by pull")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_verify)
    p = verbs.add_parser("report", help="attestation for one act from pulled copies (one folder per screen)")
    p.add_argument("act", help="the act id")
    p.add_argument("copies", type=Path, nargs="+", help="folders made by pull")
    p.add_argument("--threshold", type=float, default=180.0, metavar="S", help="shortest interruption listed (default 180 s)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--html", type=Path, metavar="OUT", help="write a printable certificate page (French)")
    p.set_defaults(func=_cmd_report)


def _cmd_pull(args: argparse.Namespace) -> int:
    client = client_for(args.device, args)  # refuses a name that is not paired, in the words every verb uses
    device = known_devices().get(args.device)
    assert device is not None
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with JournalStore(args.out / COPY_FILE) as copy:
            pulled = _pull_pages(client, copy, device.fingerprint_sha256, args.out)
            newest = copy.checkpoints()[-1] if copy.checkpoints() else None
            certificate = args.out / CERTIFICATE_FILE
            verdict = verify(copy, None, certificate_key(certificate.read_bytes()) if certificate.exists() else None)
    except JournalError as exc:
        print(f"kioskctl: {printable(args.device)}: {printable(exc, 500)}", file=sys.stderr)
        return 1
    if newest is not None:
        write_checkpoint_file(args.out / CHECKPOINT_FILE, Checkpoint(*newest))
    if not verdict.ok:
        print(f"{printable(args.device)}: pulled {pulled} entries; THE COPY DOES NOT VERIFY ({verdict.problem_count} problems):")
        for problem in verdict.problems[:20]:
            print(f"  {printable(problem, 500)}")
        return 1
    if newest is not None:
        answer = client.request("POST", "/journal/exported", {"seq": newest[0]})
        if answer.status != 200:
            print(f"kioskctl: the screen did not record the export: {answer.detail()}", file=sys.stderr)
    print(f"{printable(args.device)}: {pulled} new entries into {printable(args.out, 500)}; copy verified through seq "
          f"{verdict.covered_through} (signed by {verdict.public_key[:16]}...)")
    return 0


def _pull_pages(client: DeviceClient, copy: JournalStore, fingerprint: str, folder: Path) -> int:
    pulled = 0
    for _page in range(MAX_PAGES):
        answer = client.request("GET", f"/journal?after={copy.tip()[0]}&limit={MAX_PAGE_ENTRIES}")
        if answer.status != 200:
            raise DeviceError(answer.status, answer.detail())
        importer = Importer(copy)
        end = importer.feed(answer.body.splitlines())
        _keep_certificate(importer.header or {}, fingerprint, folder)
        pulled += end["entries"]
        if end["entries"] == 0 or end.get("last_seq") == end.get("tip_seq"):
            return pulled
    raise JournalError(f"more than {MAX_PAGES} pages: stopped")


def _keep_certificate(header: dict, fingerprint: str, folder: Path) -> None:
    """The screen's certificate, kept only if it is the one pinned at pairing (its key signs the checkpoints)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    pem = header.get("certificate")
    try:
        der = x509.load_pem_x509_certificate(pem.encode()).public_bytes(Encoding.DER) if isinstance(pem, str) else b""
    except ValueError:
        der = b""
    if hashlib.sha256(der).hexdigest() != fingerprint.lower():
        raise JournalError("the journal came with a certificate that is not the one pinned at pairing: not kept")
    (folder / CERTIFICATE_FILE).write_bytes(pem.encode())


def _source(folder: Path) -> Source:
    path, checkpoint, key = copy_parts(folder)
    return Source(path, checkpoint, key)


def _cmd_verify(args: argparse.Namespace) -> int:
    try:
        return print_verify(_source(args.copy), args.json)
    except JournalError as exc:
        print(f"kioskctl: {printable(exc, 500)}", file=sys.stderr)
        return 2


def _cmd_report(args: argparse.Namespace) -> int:
    try:
        return print_report([_source(folder) for folder in args.copies], args.act, args.threshold, args.json, args.html)
    except JournalError as exc:
        print(f"kioskctl: {printable(exc, 500)}", file=sys.stderr)
        return 2
