"""``kioskctl bundle`` and ``kioskctl validate``: making and checking a signed bundle locally."""

import argparse
import sys
import tempfile
from pathlib import Path

from common.terminal import printable, quoted
from layouts.bundle import BundleRejected, key_id, make_bundle, verify_bundle
from layouts.bundle_writer import stale_signature_files
from provisioning.admin_key import default_admin_key_path, load_or_create_admin_key

MAX_PROBLEMS_SHOWN = 20


def admin_key_of(args: argparse.Namespace):  # noqa: ANN202
    return load_or_create_admin_key(args.key or default_admin_key_path())


def print_refusal(where: Path, refused: BundleRejected, stream=sys.stdout) -> None:  # noqa: ANN001
    """The cause, the detail and the layout's problems (bounded), every outside string escaped."""
    shown = printable(where, 500)
    print(f"{shown}: {refused.cause}: {printable(refused.detail, 500)}", file=stream)
    for problem in refused.problems[:MAX_PROBLEMS_SHOWN]:
        print(f"{shown}: {printable(problem, 500)}", file=stream)
    if len(refused.problems) > MAX_PROBLEMS_SHOWN:
        print(f"{shown}: (+{len(refused.problems) - MAX_PROBLEMS_SHOWN} more problems)", file=stream)


def cmd_bundle(args: argparse.Namespace) -> int:
    key = admin_key_of(args)  # a key problem is reported by main() (exit 2)
    if not args.folder.is_dir():
        print(f"kioskctl: {printable(args.folder, 500)} is not a folder: a bundle is made from a folder", file=sys.stderr)
        return 1
    if not (args.folder / args.layout).is_file():
        print(f"kioskctl: {printable(args.folder / args.layout, 500)} not found: a bundle needs its layout", file=sys.stderr)
        return 1
    stale = stale_signature_files(args.folder)
    try:
        out = make_bundle(args.folder, args.layout, key, args.output)
    except BundleRejected as refused:
        print("kioskctl: no bundle written:", file=sys.stderr)
        print_refusal(args.folder, refused, sys.stderr)
        return 1
    if stale:
        print(f"{printable(args.folder, 500)}: the old {' and '.join(stale)} are replaced by the new signature", file=sys.stderr)
    print(f"{printable(out, 500)}: signed by key {key_id(key.public_key())}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    key = admin_key_of(args)  # a key problem is reported by main() (exit 2)
    with open(args.bundle, "rb"):  # missing or unreadable: one line on stderr, exit 2 (cli_errors)
        pass
    with tempfile.TemporaryDirectory(prefix="kioskctl-") as scratch:
        try:
            verified = verify_bundle(args.bundle, {key_id(key.public_key()): key.public_key()}, Path(scratch))
        except BundleRejected as refused:
            print_refusal(args.bundle, refused)
            return 1
    print(f"{printable(args.bundle, 500)}: valid bundle, layout {quoted(verified.layout.name)}, signed by {verified.signer}")
    return 0
