"""``kioskctl admins SCREEN`` (who is paired: label, key id, when, last used) and ``kioskctl revoke
SCREEN KEY`` (remove one; the screen's last key only with ``--force``)."""

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from common.terminal import printable, quoted
from provisioning.cli_common import call, client_for, json_of
from provisioning.cli_errors import OK, REFUSED, CommandFailed
from provisioning.client import DeviceError
from provisioning.status_text import duration


def _when(iso: object) -> str:
    if not isinstance(iso, str):
        return "-"
    try:
        at = datetime.fromisoformat(iso)
        ago = duration((datetime.now(UTC) - at).total_seconds())
    except (ValueError, TypeError, OverflowError):
        return printable(iso, 30)
    return f"{at.astimezone().strftime('%Y-%m-%d %H:%M')} ({ago} ago)"


def cmd_admins(args: argparse.Namespace) -> int:
    client = client_for(args.device, args)
    answer = json_of(call(client, "GET", "/admins"))
    rows = answer.get("admins") if isinstance(answer.get("admins"), list) else []
    if args.json:
        print(json.dumps(answer, indent=2))
        return OK
    print(f"{'LABEL':<24} {'KEY ID':<17} {'PAIRED':<28} LAST USED")
    for row in rows:
        if isinstance(row, dict):
            mark = " (you)" if row.get("key") == answer.get("you") else ""
            print(f"{printable(row.get('label') or '-', 24):<24} {printable(row.get('key'), 17):<17} "
                  f"{_when(row.get('paired_at')):<28} {_when(row.get('last_used'))}{mark}")
    print(f"{len(rows)} key(s) paired with {printable(args.device)}", file=sys.stderr)
    return OK


def cmd_revoke(args: argparse.Namespace) -> int:
    if not args.key_id.isascii() or not args.key_id.isalnum() or len(args.key_id) > 64:
        raise CommandFailed(f"{quoted(args.key_id)} is not a key id (kioskctl admins {printable(args.device)} lists them)")
    client = client_for(args.device, args)
    path = f"/admins/{args.key_id}" + ("?force=true" if args.force else "")
    try:
        call(client, "DELETE", path)
    except DeviceError as exc:
        if exc.status == 409:
            raise CommandFailed(f"{printable(args.device)}: {quoted(args.key_id)} is the screen's last administrator key: "
                                "nobody could manage the screen after; pair another first, or add --force", REFUSED) from None
        raise
    print(f"{printable(args.device)}: key {printable(args.key_id)} removed")
    return OK


def add_admin_commands(sub: "argparse._SubParsersAction", add_key: Any) -> None:
    p = sub.add_parser("admins", help="the administrator keys paired with a screen: label, key id, when, last used")
    p.add_argument("device", help="the name given at pairing")
    p.add_argument("--json", action="store_true")
    add_key(p)
    p.set_defaults(func=cmd_admins)
    p = sub.add_parser("revoke", help="remove an administrator key from a screen (its last key only with --force)")
    p.add_argument("device", help="the name given at pairing")
    p.add_argument("key_id", metavar="KEY", help="the key id kioskctl admins shows")
    p.add_argument("--force", action="store_true", help="remove it even if it is the screen's last administrator key")
    add_key(p)
    p.set_defaults(func=cmd_revoke)
