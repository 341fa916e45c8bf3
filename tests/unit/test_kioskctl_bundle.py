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
