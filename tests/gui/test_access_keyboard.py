"""Text entry only through Qt Virtual Keyboard: the runtime forces its input method over any system
one, and typing by clicking the keys fills a field, AZERTY in French and QWERTY in English; the
session reset hides it. Each in a process of its own (the input method is chosen before the
application exists)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORCED = """
import os, sys, tempfile
from pathlib import Path
os.environ["QT_IM_MODULE"] = "ibus"  # a system input method the visitor must not get
from kiosk.options import RunOptions
from kiosk.window import make_application
app = make_application(RunOptions(data_dir=Path(tempfile.mkdtemp())))
print(os.environ["QT_IM_MODULE"])
"""


def run(args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)


def test_the_runtime_forces_the_virtual_keyboard():
    done = run(["-c", FORCED])
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "qtvirtualkeyboard"


def test_typing_on_the_virtual_keyboard_fills_a_field():
    done = run([str(ROOT / "tests" / "support" / "vkb_probe.py")])
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["im_module"] == "qtvirtualkeyboard"
    assert not result["shown_before_focus"] and result["shown"]  # shown when a field has the focus
    assert result["typed"].lower() == "mairie"  # the first letter capitalised by the keyboard itself
    assert result["row_fr"] == "azertyuiop" and result["row_en"] == "qwertyuiop"
    assert not result["shown_after_reset"]
    qml_errors = [line for line in done.stderr.splitlines() if ".qml:" in line]
    assert not qml_errors, qml_errors
