"""``kiosk journal verify | export | report``: the proof-of-display journal of this screen (``journal``)."""

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

JOURNAL_FILE = "journal.sqlite"


def add_journal_commands(sub: "argparse._SubParsersAction", data_default: Path) -> None:
    journal = sub.add_parser("journal", help="the proof-of-display journal: verify, export, report per act")
    verbs = journal.add_subparsers(dest="journal_command", required=True)

    def add_source(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", type=Path, default=data_default, help=f"state folder (default {data_default})")
        p.add_argument("--journal", type=Path, help="a journal file or an exported copy folder (default: the data dir's)")
        p.add_argument("--checkpoint", type=Path, help="the checkpoint file of the last export: a cut tail shows against it")

    p = verbs.add_parser("verify", help="check the hash chain and signed checkpoints; exit 1 on any problem")
    add_source(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_verify)

    p = verbs.add_parser("export", help="sign a checkpoint and copy the journal (incrementally) into a folder")
    p.add_argument("--data-dir", type=Path, default=data_default, help=f"state folder (default {data_default})")
    p.add_argument("--out", type=Path, required=True, help="folder for journal.sqlite, checkpoint.json, device.crt")
    p.set_defaults(func=_cmd_export)

    p = verbs.add_parser("report", help="attestation for one act: file sha256, display period, interruptions and causes")
    p.add_argument("act", help="the act id")
    add_source(p)
    p.add_argument("--threshold", type=float, default=180.0, metavar="S", help="shortest interruption listed (default 180 s)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--html", type=Path, metavar="OUT", help="write a printable certificate page (French)")
    p.set_defaults(func=_cmd_report)


def _source(args: argparse.Namespace):  # noqa: ANN202
    from journal.checkpoint import read_checkpoint_file
    from journal.commands import Source
    from journal.export import certificate_key, copy_parts

    if args.journal is not None and args.journal.is_dir():
        path, checkpoint, key = copy_parts(args.journal)
    else:
        path, checkpoint = args.journal or args.data_dir / JOURNAL_FILE, None
        certificate = args.data_dir / "identity" / "device.crt"
        key = certificate_key(certificate.read_bytes()) if args.journal is None and certificate.exists() else None
    if args.checkpoint is not None:
        checkpoint = read_checkpoint_file(args.checkpoint)
    return Source(path, checkpoint, key)


def _cmd_verify(args: argparse.Namespace) -> int:
    from common.terminal import printable
    from journal import JournalError
    from journal.commands import print_verify

    try:
        return print_verify(_source(args), args.json)
    except JournalError as exc:
        print(f"kiosk journal: {printable(exc, 500)}", file=sys.stderr)
        return 2


def _cmd_report(args: argparse.Namespace) -> int:
    from common.terminal import printable
    from journal import JournalError
    from journal.commands import print_report

    try:
        return print_report([_source(args)], args.act, args.threshold, args.json, args.html)
    except JournalError as exc:
        print(f"kiosk journal: {printable(exc, 500)}", file=sys.stderr)
        return 2


def _cmd_export(args: argparse.Namespace) -> int:
    from common.terminal import printable
    from journal import JournalError
    from journal.export import export_to
    from journal.store import JournalStore
    from kiosk.journal_wiring import device_keys
    from provisioning import IdentityError

    if not (args.data_dir / JOURNAL_FILE).is_file():
        print(f"kiosk journal: no journal in {printable(args.data_dir, 500)}", file=sys.stderr)
        return 2
    try:
        _screen, signer = device_keys(args.data_dir, "Istres kiosk", False)()
        certificate = (args.data_dir / "identity" / "device.crt").read_bytes()
        with JournalStore(args.data_dir / JOURNAL_FILE) as store:
            done = export_to(store, signer, datetime.now(UTC), args.out, certificate)
    except (JournalError, IdentityError, OSError) as exc:
        print(f"kiosk journal: {printable(exc, 500)}", file=sys.stderr)
        return 2
    print(f"exported to {printable(done['folder'], 500)}: {done['copied']} new entries, signed checkpoint at seq "
          f"{done['checkpoint_seq']} (keep checkpoint.json: 'kiosk journal verify --checkpoint' finds a cut tail with it)")
    return 0
