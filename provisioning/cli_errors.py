"""kioskctl's exit codes, and the one place every failure becomes one line on stderr (never a traceback).

A command raises what it knows (``DeviceError`` with its kind, ``IdentityError`` for a local file or
key, ``CommandFailed`` for anything else it can explain); ``run_command`` prints one line saying what,
where, and what to do, and returns the documented exit code. Anything unforeseen is still one line
(its type and message), with exit code 70, so a bug reaches the user as a sentence to report.
"""

import argparse
import errno
import json
import sys
from collections.abc import Callable

from common.terminal import printable
from provisioning import IdentityError
from provisioning.client import DeviceError
from provisioning.client_text import FingerprintTyped

OK = 0
REFUSED = 1  # the screen refused, or the command could not do what was asked (the line says why)
LOCAL = 2  # a local file, key, list of screens or the command line itself is wrong
UNAUTHORIZED = 3  # this administrator key is not (or no longer) paired with the screen
UNREACHABLE = 4  # no answer: network, timeout, TLS, the screen restarting
WRONG_SCREEN = 5  # the screen's certificate is not the pinned (or typed) fingerprint
INTERNAL = 70  # a bug in kioskctl: the line names it, please report it
INTERRUPTED = 130

EXIT_CODES_TEXT = f"""exit codes:
  {OK}   done
  {REFUSED}   the screen refused, or the command could not do what was asked (the message says why)
  {LOCAL}   a local problem: a file, the administrator key, the list of paired screens, or the command line
  {UNAUTHORIZED}   this administrator key is not (or no longer) paired with the screen
  {UNREACHABLE}   the screen did not answer: network, timeout, TLS, or it is restarting
  {WRONG_SCREEN}   the screen's certificate does not match the fingerprint pinned at pairing (or typed)
  {INTERNAL}  a bug in kioskctl (the message names it; please report it)
  {INTERRUPTED} interrupted (Ctrl-C)
"""

DEVICE_EXIT = {"unauthorized": UNAUTHORIZED, "unreachable": UNREACHABLE, "wrong-screen": WRONG_SCREEN, "refused": REFUSED}
WHAT_TO_DO = {"unauthorized": "this key is not paired with the screen (revoked, or the screen was reset): "
                              "ask a paired administrator for kioskctl allow-pairing, then pair again"}


class CommandFailed(Exception):
    """A failure the command explains itself: ``message`` is the whole line, ``code`` the exit code."""

    def __init__(self, message: str, code: int = REFUSED) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str) -> None:
    """The one line on stderr."""
    print(f"kioskctl: {message}", file=sys.stderr, flush=True)


def device_line(exc: DeviceError) -> str:
    line = printable(exc, 500) + (f" (HTTP {exc.status})" if exc.status else "")
    if exc.kind in WHAT_TO_DO:
        line += f": {WHAT_TO_DO[exc.kind]}"
    return line


def file_line(exc: OSError) -> str:
    """``FileNotFoundError(2, ..., 'b.tar.gz')`` -> ``b.tar.gz: file does not exist``."""
    where = printable(exc.filename, 500) if exc.filename is not None else "a file"
    reason = {errno.ENOENT: "file does not exist", errno.EACCES: "permission denied", errno.EISDIR: "is a folder, not a file",
              errno.ENOSPC: "no space left on this machine's disk"}.get(exc.errno or 0, printable(exc.strerror or exc, 120))
    return f"{where}: {reason}"


def run_command(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """``func(args)``, with every failure turned into one line and its exit code."""
    try:
        return func(args)
    except CommandFailed as exc:
        fail(str(exc))
        return exc.code
    except DeviceError as exc:
        fail(device_line(exc))
        return DEVICE_EXIT.get(exc.kind, REFUSED)
    except (IdentityError, FingerprintTyped) as exc:
        fail(printable(exc, 500))
        return LOCAL
    except OSError as exc:  # a local file (a bundle, an output file): the network ones are DeviceErrors
        fail(file_line(exc))
        return LOCAL
    except (json.JSONDecodeError, UnicodeError) as exc:
        fail(f"unreadable JSON or text: {printable(exc, 200)}")
        return LOCAL
    except (KeyboardInterrupt, EOFError):
        print(file=sys.stderr)
        fail("interrupted: nothing more was sent")
        return INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the promise: never a traceback, a sentence to report instead
        fail(f"internal error ({type(exc).__name__}: {printable(exc, 200)}); please report it")
        return INTERNAL
