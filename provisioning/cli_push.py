"""``kioskctl push``: one bundle to several screens at once, each in its own thread.

Checked before anything is sent: the bundle can be read and every name is a paired screen (one line
and exit 2 otherwise). Then one progress line per quarter per screen on stdout, and one result per
screen: done on stdout, failed on stderr (with the screen's reasons), never a traceback.
"""

import argparse
import json
import sys
import threading
from collections.abc import Callable

from common.terminal import printable
from provisioning.cli_errors import DEVICE_EXIT, REFUSED, device_line
from provisioning.client import Answer, DeviceClient, DeviceError

MAX_SCREENS = 64  # one thread each


def _result(answer: Answer) -> tuple[bool, str]:
    if answer.status == 401:
        raise DeviceError(401, answer.detail())
    if answer.status in (200, 202):
        try:
            body = answer.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return False, f"the screen's answer is not a JSON object: {answer.detail()}"
        shown = f"{answer.status} {printable(body.get('detail') or body, 300)}"
        return answer.status == 200, shown if answer.status == 200 else f"not on screen yet: {shown}"
    return False, f"refused ({answer.status}): {answer.detail()}" + "".join(f"\n    {p}" for p in answer.problems())


def push_all(args: argparse.Namespace, client_for: Callable[[str], DeviceClient]) -> int:
    with open(args.bundle, "rb"):  # missing or unreadable: one line, exit 2 (cli_errors), nothing sent
        pass
    if len(args.devices) > MAX_SCREENS:
        raise ValueError(f"at most {MAX_SCREENS} screens per push")
    clients = {name: client_for(name) for name in dict.fromkeys(args.devices)}  # an unknown name: refused here
    results: dict[str, tuple[bool, str, int]] = {}
    lock = threading.Lock()

    def push_one(name: str) -> None:
        shown = -1

        def progress(sent: int, total: int) -> None:
            nonlocal shown
            percent = 100 * sent // max(1, total)
            if percent // 25 != shown // 25 and not args.json:
                shown = percent
                with lock:
                    print(f"{printable(name)}: {'#' * (percent // 5):<20} {percent:3d} %", flush=True)

        try:
            ok, text = _result(clients[name].push(args.bundle, progress))
            results[name] = (ok, text, 0 if ok else REFUSED)
        except DeviceError as exc:
            results[name] = (False, device_line(exc), DEVICE_EXIT.get(exc.kind, REFUSED))
        except OSError as exc:  # the bundle went away while being read
            results[name] = (False, f"{printable(args.bundle, 300)}: {printable(exc.strerror or exc, 120)}", 2)

    threads = [threading.Thread(target=push_one, args=(name,), name=f"push-{name}") for name in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _report(args, clients, results)


def _report(args: argparse.Namespace, names: dict, results: dict[str, tuple[bool, str, int]]) -> int:
    if args.json:
        print(json.dumps({name: {"ok": r[0], "result": r[1]} for name, r in results.items()}, indent=2))
    else:
        for name in names:
            ok, text, _code = results.get(name, (False, "failed: no result", REFUSED))
            print(f"{printable(name)}: {text}", file=sys.stdout if ok else sys.stderr, flush=True)
    codes = {r[2] for r in results.values() if not r[0]}
    if not codes:
        return 0
    return codes.pop() if len(codes) == 1 else REFUSED
