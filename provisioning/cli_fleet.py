"""``kioskctl status``: one screen in detail, or (no name, or ``--all``) every paired screen in one
table, asked in parallel (``fleet``). ``--json`` for scripts, ``--watch`` redraws in place.

Exit codes: 0 every screen answered; 4 (unreachable) when one did not, the table still printed.
"""

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from typing import Any

from provisioning.cli_admins import add_admin_commands
from provisioning.cli_common import call, client_for, json_of, known_devices
from provisioning.cli_errors import OK, UNREACHABLE
from provisioning.cli_logs import add_logs_command
from provisioning.fleet import PER_SCREEN_TIMEOUT_S, ScreenReport, fleet_status
from provisioning.status_text import detail_lines, duration, fleet_header, fleet_row

MAX_WATCH_ROUNDS = 100_000
MIN_WATCH_S = 1.0


def cmd_status(args: argparse.Namespace) -> int:
    if args.device and not args.all:
        return _one(args)
    names = known_devices().names()
    if not names:
        print("no screen is paired yet: kioskctl discover, then kioskctl pair", file=sys.stderr)
        return OK
    if args.watch is None:
        return _round(args, names, clear=False)
    code = OK
    try:
        for _ in range(MAX_WATCH_ROUNDS):
            started = time.monotonic()
            code = _round(args, names, clear=sys.stdout.isatty())
            time.sleep(max(0.0, max(MIN_WATCH_S, args.watch) - (time.monotonic() - started)))
    except KeyboardInterrupt:
        print(file=sys.stderr)
    return code


def _one(args: argparse.Namespace) -> int:
    status = json_of(call(client_for(args.device, args), "GET", "/status"))
    if args.json:
        print(json.dumps(status, indent=2))
    else:
        for line in detail_lines(status):
            print(line)
    return OK


def _round(args: argparse.Namespace, names: list[str], clear: bool) -> int:
    reports = fleet_status(names, lambda name: client_for(name, args, args.timeout), args.timeout)
    if args.json:
        print(json.dumps([_as_json(r) for r in reports], indent=2), flush=True)
    else:
        lines = [fleet_header(), *(fleet_row(r) for r in reports)]
        print(("\x1b[H\x1b[J" if clear else "") + "\n".join(lines), flush=True)
        stamp = datetime.now(UTC).astimezone().strftime("%H:%M:%S")
        answered = sum(r.status is not None for r in reports)
        print(f"{answered}/{len(reports)} screen(s) answered at {stamp} "  # the table alone on stdout, for scripts
              f"(slowest {duration(max((r.took_s for r in reports), default=0.0))})", file=sys.stderr, flush=True)
    return OK if all(r.status is not None for r in reports) else UNREACHABLE


def _as_json(report: ScreenReport) -> dict[str, Any]:
    return {"name": report.name, "health": report.health, "error": report.error or None, "took_s": report.took_s,
            "status": report.status}


def add_fleet_commands(sub: "argparse._SubParsersAction", add_key: Any) -> None:
    """status, admins, revoke, logs: the verbs for watching and looking after screens."""
    _add_status_command(sub, add_key)
    add_admin_commands(sub, add_key)
    add_logs_command(sub, add_key)


def _add_status_command(sub: "argparse._SubParsersAction", add_key: Any) -> None:
    p = sub.add_parser("status", help="one screen in detail, or every paired screen in one table (no name, or --all)")
    p.add_argument("device", nargs="?", help="the name given at pairing (none: every paired screen)")
    p.add_argument("--all", action="store_true", help="every paired screen, in one table")
    p.add_argument("--json", action="store_true", help="the status document(s) as JSON, for scripts")
    p.add_argument("--watch", type=float, nargs="?", const=5.0, metavar="SECONDS",
                   help="the table again every SECONDS (default 5), redrawn in place; Ctrl-C ends")
    p.add_argument("--timeout", type=float, default=PER_SCREEN_TIMEOUT_S,
                   help=f"seconds a screen has to answer before it shows as unreachable (default {PER_SCREEN_TIMEOUT_S:g})")
    add_key(p)
    p.set_defaults(func=cmd_status)
