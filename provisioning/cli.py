"""``kioskctl``: the administrators' tool (this first part: finding the screens)."""

import argparse
import json
import sys
import tempfile
from pathlib import Path

from layouts.bundle import BundleRejected, key_id, make_bundle, verify_bundle
from provisioning import IdentityError
from provisioning.admin_key import default_admin_key_path, load_or_create_admin_key
from provisioning.discover import FoundDevice, discover


def _row(device: FoundDevice) -> str:
    address = f"{device.addresses[0]}:{device.port}" if device.addresses else f"?:{device.port}"
    fingerprint = " ".join(device.fingerprint_sha256[i:i + 4].upper() for i in range(0, 16, 4))
    return f"{device.name:<32} {device.role:<14} {address:<22} {device.version:<8} {'yes' if device.paired else 'no':<6} {fingerprint}"


def _cmd_discover(args: argparse.Namespace) -> int:
    if args.json:
        devices = discover(args.seconds, interfaces=args.interface)
        print(json.dumps([d.as_json() for d in devices], indent=2, ensure_ascii=False))
        return 0
    print(f"{'NAME':<32} {'ROLE':<14} {'ADDRESS':<22} {'VERSION':<8} {'PAIRED':<6} FINGERPRINT", flush=True)
    devices = discover(args.seconds, lambda d: print(_row(d), flush=True), interfaces=args.interface)
    print(f"{len(devices)} screen(s) found in {args.seconds:g} s", file=sys.stderr)
    return 0


def _admin_key(args: argparse.Namespace):  # noqa: ANN202
    return load_or_create_admin_key(args.key or default_admin_key_path())


def _cmd_bundle(args: argparse.Namespace) -> int:
    try:
        key = _admin_key(args)
    except IdentityError as exc:
        print(f"kioskctl: {exc}", file=sys.stderr)
        return 2
    if not (args.folder / args.layout).is_file():
        print(f"kioskctl: {args.folder / args.layout} not found: a bundle needs its layout", file=sys.stderr)
        return 1
    out = make_bundle(args.folder, args.layout, key, args.output)
    print(f"{out}: signed by key {key_id(key.public_key())}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    try:
        key = _admin_key(args)
    except IdentityError as exc:
        print(f"kioskctl: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kioskctl-") as scratch:
        try:
            verified = verify_bundle(args.bundle, {key_id(key.public_key()): key.public_key()}, Path(scratch))
        except BundleRejected as exc:
            print(f"{args.bundle}: {exc.cause}: {exc.detail}")
            for problem in exc.problems:
                print(f"{args.bundle}: {problem}")
            return 1
    print(f"{args.bundle}: valid bundle, layout {verified.layout.name!r}, signed by {verified.signer}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kioskctl", description="Find and manage Istres kiosk screens on the LAN.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("discover", help="list the screens announcing themselves (_kiosk._tcp), as they are found")
    p.add_argument("--seconds", type=float, default=5.0, help="how long to listen (default 5)")
    p.add_argument("--json", action="store_true", help="print a JSON list at the end, for scripts")
    p.add_argument("--interface", action="append", metavar="IP", help="listen on this interface address only (repeatable)")
    p.set_defaults(func=_cmd_discover)

    def add_key(p: argparse.ArgumentParser) -> None:
        p.add_argument("--key", type=Path, help=f"administrator key (default {default_admin_key_path()}, made on first use)")

    p = sub.add_parser("bundle", help="sign a folder (a layout and its media) into a bundle to push")
    p.add_argument("folder", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True, help="the .tar.gz to write")
    p.add_argument("--layout", default="layout.json", help="the layout file inside the folder (default layout.json)")
    add_key(p)
    p.set_defaults(func=_cmd_bundle)

    p = sub.add_parser("validate", help="check a bundle as a screen would: paths, hashes, signature, layout")
    p.add_argument("bundle", type=Path)
    add_key(p)
    p.set_defaults(func=_cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
