"""``kioskctl logs SCREEN [--follow]``: the screen's JSON log lines, one readable line each.

Following polls the screen with a cursor (``GET /logs?after=``) every ``POLL_S``: no connection is
held open, each answer is bounded, and a screen that restarts or drops lines says so. ``--for``
bounds how long to follow (default: until Ctrl-C).
"""

import argparse
import json
import sys
import time
from datetime import datetime
from typing import Any

from common.terminal import printable
from provisioning.cli_common import call, client_for, json_of
from provisioning.cli_errors import OK
from provisioning.client import DeviceClient, DeviceError

POLL_S = 1.0
PAGE_LINES = 1000
HEAD_FIELDS = ("ts", "mono", "level", "logger", "event", "msg")
MAX_FIELDS_SHOWN = 12


def pretty(line: object) -> str:
    """``{"ts":..., "level":"warning", "event":"item_skipped", "msg":..., "item":"3"}`` ->
    ``14:02:07 WARNING item_skipped: msg  item=3`` (everything escaped; not JSON: shown as is, escaped)."""
    try:
        entry = json.loads(str(line))
    except ValueError:
        return printable(line, 2000)
    if not isinstance(entry, dict):
        return printable(line, 2000)
    try:
        when = datetime.fromisoformat(str(entry.get("ts"))).astimezone().strftime("%H:%M:%S")
    except ValueError:
        when = "--:--:--"
    text = f"{when} {printable(str(entry.get('level', '?')).upper(), 8):<8} {printable(entry.get('event', '?'), 60)}"
    if entry.get("msg"):
        text += f": {printable(entry['msg'], 500)}"
    extra = [(k, v) for k, v in entry.items() if k not in HEAD_FIELDS][:MAX_FIELDS_SHOWN]
    if extra:
        text += "  " + " ".join(f"{printable(k, 40)}={printable(v if isinstance(v, str) else json.dumps(v), 200)}" for k, v in extra)
    return text


def _page(client: DeviceClient, lines: int, after: int | None) -> dict[str, Any]:
    path = f"/logs?lines={lines}" + (f"&after={after}" if after is not None else "")
    return json_of(call(client, "GET", path))


def _show(page: dict[str, Any]) -> None:
    if page.get("restarted"):
        print("-- the screen restarted: its log starts again --", flush=True)
    if isinstance(page.get("missed"), int) and page["missed"] > 0:
        print(f"-- {page['missed']} line(s) left the screen's buffer before they were read --", flush=True)
    for line in page.get("lines") if isinstance(page.get("lines"), list) else []:
        print(pretty(line), flush=True)


def cmd_logs(args: argparse.Namespace) -> int:
    client = client_for(args.device, args)
    page = _page(client, max(0, min(args.lines, PAGE_LINES)), None)
    _show(page)
    if not args.follow:
        return OK
    cursor = page.get("next") if isinstance(page.get("next"), int) else None
    if cursor is None:
        raise DeviceError(0, f"{printable(args.device)} cannot be followed (its software keeps no log cursor): update it")
    deadline = time.monotonic() + args.seconds if args.seconds else None
    try:
        while deadline is None or time.monotonic() < deadline:
            time.sleep(POLL_S)
            page = _page(client, PAGE_LINES, cursor)
            _show(page)
            cursor = page["next"] if isinstance(page.get("next"), int) else cursor
    except KeyboardInterrupt:
        print(file=sys.stderr)
    return OK


def add_logs_command(sub: "argparse._SubParsersAction", add_key: Any) -> None:
    p = sub.add_parser("logs", help="the screen's log lines, readable; --follow to keep showing new ones")
    p.add_argument("device", help="the name given at pairing")
    p.add_argument("-n", "--lines", type=int, default=50, help="how many of the newest lines first (default 50, at most 1000)")
    p.add_argument("-f", "--follow", action="store_true", help="keep showing new lines (Ctrl-C ends)")
    p.add_argument("--for", dest="seconds", type=float, default=None, metavar="SECONDS", help="with --follow: stop after SECONDS")
    add_key(p)
    p.set_defaults(func=cmd_logs)
