"""The shutdown deadline, in a process of its own (it ends the process it is armed in): armed when
SIGTERM arrives even while the main thread is busy, not moved by a later arming, and it leaves the
stacks in the crash log."""

import subprocess
import sys
import textwrap
import time
from pathlib import Path

PROGRAM = textwrap.dedent("""
    import os, signal, sys, time
    from kiosk.shutdown import arm_deadline, arm_deadline_on_delivery
    log = open(sys.argv[1], "w")
    arm_deadline_on_delivery(log, (signal.SIGTERM,))
    print("ready", flush=True)
    started = time.monotonic()
    while True:  # busy in Python, never back to an event loop: the handler still runs
        if time.monotonic() - started > 1.0:
            arm_deadline(log, seconds=30)  # a later arming does not move the deadline
""")


def test_a_sigterm_arms_the_deadline_at_once_and_a_later_arming_does_not_move_it(tmp_path: Path):
    crash = tmp_path / "crash.log"
    proc = subprocess.Popen([sys.executable, "-c", PROGRAM, str(crash)], stdout=subprocess.PIPE, cwd=Path(__file__).parents[2])
    try:
        assert proc.stdout.readline() == b"ready\n"
        sent = time.monotonic()
        proc.terminate()
        code = proc.wait(10)
        took = time.monotonic() - sent
    finally:
        proc.kill()
        proc.stdout.close()
    assert code == 1 and 2.4 < took < 3.0, (code, took)
    dump = crash.read_text()
    assert dump.startswith("Timeout (0:00:02.600000)!") and "in <module>" in dump
