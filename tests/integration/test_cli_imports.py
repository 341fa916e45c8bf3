"""``kiosk`` with a built-in command does not import the sign folders' runtime half (kiosk.cli);
a sign's own command (``kiosk replay``) and ``kiosk --help`` still find them."""

import subprocess
import sys

PROBE = """
import contextlib, io, sys
from kiosk.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        main({argv!r})
    except SystemExit:
        pass
print("SIGNS_KINDS_IMPORTED" if "signs.kinds" in sys.modules else "SIGNS_KINDS_NOT_IMPORTED")
print(out.getvalue())
"""


def _run(argv: list[str]) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_built_in_command_leaves_the_sign_folders_unimported() -> None:
    assert "SIGNS_KINDS_NOT_IMPORTED" in _run(["schema"])


def test_help_and_a_signs_own_command_still_find_them() -> None:
    listing = _run(["--help"])
    assert "SIGNS_KINDS_IMPORTED" in listing and "replay" in listing
    assert "SIGNS_KINDS_IMPORTED" in _run(["replay", "--help"])
