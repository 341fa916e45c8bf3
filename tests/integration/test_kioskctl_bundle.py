import io
import json
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

from tests.support.images import solid_png


def kioskctl(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "provisioning.cli", *args], capture_output=True, text=True, timeout=60, env=env)


def test_bundle_then_validate_with_an_admin_key_made_on_first_use(tmp_path: Path):
    folder = tmp_path / "site"
    (folder / "media").mkdir(parents=True)
    (folder / "media" / "a.png").write_bytes(solid_png((0, 0, 255)))
    (folder / "layout.json").write_text(json.dumps({"schema_version": 2, "name": "hall", "regions": [
        {"id": "r", "x": 0, "y": 0, "width": 100, "height": 100, "playlist": [{"kind": "image", "src": "media/a.png"}]}]}))
    made = kioskctl("bundle", str(folder), "-o", str(tmp_path / "hall.tar.gz"), home=tmp_path)
    assert made.returncode == 0, made.stderr
    key = tmp_path / "istres-kioskctl" / "admin.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    checked = kioskctl("validate", str(tmp_path / "hall.tar.gz"), home=tmp_path)
    assert checked.returncode == 0 and "valid bundle, layout 'hall'" in checked.stdout

    # Another administrator's key did not sign it: refused, with the reason.
    other = kioskctl("validate", str(tmp_path / "hall.tar.gz"), "--key", str(tmp_path / "other.key"), home=tmp_path)
    assert other.returncode == 1 and "untrusted-signer" in other.stdout

    # Tampered after signing: refused.
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tmp_path / "hall.tar.gz") as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src:
            if not member.isfile():
                dst.addfile(member)
                continue
            data = src.extractfile(member).read()
            if member.name == "media/a.png":
                data = solid_png((255, 0, 0))
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    bad = kioskctl("validate", str(tampered), home=tmp_path)
    assert bad.returncode == 1 and "wrong-hash: 'media/a.png'" in bad.stdout


def test_outside_strings_are_escaped_in_kioskctl_validate(tmp_path: Path):
    """An unknown layout key holding a carriage return and escapes cannot paint a fake 'valid bundle' line."""
    from layouts.bundle import make_bundle
    from provisioning.admin_key import load_or_create_admin_key

    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "layout.json").write_text(json.dumps({"schema_version": 2, "name": "hall", "\x1b[2K\rvalid bundle": 1, "regions": [
        {"id": "r", "x": 0, "y": 0, "width": 100, "height": 100, "playlist": [{"kind": "text", "text": "hi"}]}]}))
    key = load_or_create_admin_key(tmp_path / "istres-kioskctl" / "admin.key")
    bundle = make_bundle(folder, "layout.json", key, tmp_path / "b.tar.gz", check=False)
    checked = kioskctl("validate", str(bundle), home=tmp_path)
    assert checked.returncode == 1 and "invalid-layout" in checked.stdout
    assert "\x1b" not in checked.stdout and "\r" not in checked.stdout and "\\x1b[2K\\rvalid bundle" in checked.stdout


def test_a_screens_answer_is_shown_once_escaped_and_bounded():
    from provisioning.client import Answer

    assert Answer(401, b'{"detail": "stale: stale: signed 400 s ago"}').detail() == "stale: signed 400 s ago"
    assert Answer(500, b"Internal Server Error").detail() == "Internal Server Error"
    shown = Answer(400, json.dumps({"detail": "\x1b]0;owned\x07" + "x" * 1_000_000, "problems": ["\r"] * 50}).encode())
    assert "\x1b" not in shown.detail() and len(shown.detail()) < 400
    assert shown.problems()[0] == "\\r" and shown.problems()[-1] == "(+30 more)"
    assert Answer(422, b'{"detail": [{"loc": ["body"], "msg": "bad"}]}').detail() == "body: bad"  # no raw JSON
