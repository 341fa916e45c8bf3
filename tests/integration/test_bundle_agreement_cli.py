"""The command-line side of tests/unit/test_bundle_agreement.py: real processes (``kiosk``/``kioskctl``).

``kioskctl bundle`` refuses what ``validate`` refuses, and leaves nothing out silently; the manifest
"""

import json
import subprocess
import sys
import tarfile
from pathlib import Path

from layouts.bundle import MANIFEST, SIGNATURE
from tests.unit.test_bundle_agreement import layout_doc, site


def kioskctl(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "provisioning.cli", *args], capture_output=True, text=True, timeout=60, env=env)


def test_empty_folders_are_kept_and_an_old_signature_is_replaced_out_loud(tmp_path: Path):
    folder = site(tmp_path)
    (folder / "media" / "empty").mkdir()
    (folder / MANIFEST).write_text("old")
    (folder / SIGNATURE).write_bytes(b"old")
    made = kioskctl("bundle", str(folder), "-o", str(tmp_path / "b.tar.gz"), home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "the old manifest.json and manifest.sig are replaced" in made.stderr
    with tarfile.open(tmp_path / "b.tar.gz") as archive:
        assert "media/empty" in archive.getnames()
    assert kioskctl("validate", str(tmp_path / "b.tar.gz"), home=tmp_path).returncode == 0


def test_kioskctl_bundle_says_what_is_wrong(tmp_path: Path):
    folder = site(tmp_path)
    (folder / "media" / "b.png").symlink_to(folder / "media" / "a.png")
    made = kioskctl("bundle", str(folder), "-o", str(tmp_path / "b.tar.gz"), home=tmp_path)
    assert made.returncode == 1 and "no bundle written" in made.stderr
    assert "link: 'media/b.png' is a symbolic link (to a file)" in made.stderr
    assert not (tmp_path / "b.tar.gz").exists()


def test_a_huge_layout_problem_is_shown_bounded(tmp_path: Path):
    doc = layout_doc()
    doc["name"] = "\x1b[2K\r" + "x" * 1_000_000
    path = tmp_path / "layout.json"
    path.write_text(json.dumps(doc))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "validate", str(path)], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 1 and "$.name" in result.stdout
    assert len(result.stdout) < 2000 and "\x1b" not in result.stdout and "\r" not in result.stdout
