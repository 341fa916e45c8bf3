"""Every kioskctl verb against every failure an administrator meets: one clear line on stderr, the
documented exit code, never a traceback.

Real HTTPS on loopback (the screen's API in this process), kioskctl as a subprocess. The failures:
a missing file, an unreachable screen (nothing listens), a wrong fingerprint (another certificate
than the one pinned), an expired pairing code (the screen's clock moved past it), a revoked key
(removed by another administrator), a screen restarting mid-push (its connections reset while the
bundle is on its way), and a full disk on the screen (its data dir on a 1 MiB tmpfs).
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

from common.fingerprints import fingerprint_text, key_id
from layouts.bundle import make_bundle
from provisioning.cli_errors import LOCAL, REFUSED, UNAUTHORIZED, UNREACHABLE, WRONG_SCREEN
from provisioning.client import DeviceClient
from tests.support.screen_api import CuttingProxy, ScreenApi, closed_port

SCREEN_VERBS = [["status", "{s}"], ["screenshot", "{s}", "-o", "{tmp}/shot.png"], ["flag", "{s}", "red"],
                ["allow-pairing", "{s}"], ["push", "{bundle}", "{s}"], ["rollback", "{s}"], ["admins", "{s}"],
                ["revoke", "{s}", "0123456789abcdef"], ["logs", "{s}"], ["logs", "{s}", "--follow", "--for", "1"],
                ["alert", "list", "--device", "{s}"], ["alert", "cancel", "evac-1", "--device", "{s}"],
                ["schedule", "{s}"], ["override", "{s}", "{bundle}", "--until", "23:59"],
                ["journal", "pull", "{s}", "--out", "{tmp}/journal-copy"]]


def kioskctl(args: list[str], home: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home), "PYTHONPATH": os.getcwd()}
    return subprocess.run([sys.executable, "-m", "provisioning.cli", *args], capture_output=True, text=True,
                          timeout=60, env=env, input=stdin)


def one_clear_line(result: subprocess.CompletedProcess, code: int, *words: str) -> str:
    shown = f"exit {result.returncode}\nstdout: {result.stdout[-1500:]}\nstderr: {result.stderr[-1500:]}"
    assert "Traceback" not in result.stderr + result.stdout, shown
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, shown
    assert result.returncode == code, shown
    for word in words:
        assert word in lines[0], shown
    return lines[0]


def admin_home(folder: Path, screens: dict[str, tuple[int, str]]) -> tuple[Path, Ed25519PrivateKey]:
    """An administrator's config folder: a key, and the screens as pairing would have saved them."""
    key = Ed25519PrivateKey.generate()
    (folder / "istres-kioskctl").mkdir(parents=True)
    (folder / "istres-kioskctl" / "admin.key").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    devices = {name: {"name": name, "host": "127.0.0.1", "port": port, "fingerprint_sha256": fp}
               for name, (port, fp) in screens.items()}
    (folder / "istres-kioskctl" / "devices.json").write_text(json.dumps(devices))
    return folder, key


def noisy_bundle(folder: Path, key: Ed25519PrivateKey, side_px: int) -> Path:
    """A signed bundle with a picture of random pixels (it does not compress): about 3 x side² bytes."""
    (folder / "media").mkdir(parents=True)
    Image.frombytes("RGB", (side_px, side_px), os.urandom(side_px * side_px * 3)).save(folder / "media" / "noise.png")
    (folder / "layout.json").write_text(json.dumps({
        "schema_version": 2, "name": "noise", "screen": {"width": 320, "height": 180},
        "regions": [{"id": "r", "x": 0, "y": 0, "width": 320, "height": 180,
                     "playlist": [{"kind": "image", "src": "media/noise.png"}]}]}))
    return make_bundle(folder, "layout.json", key, folder.parent / f"{folder.name}.tar.gz")


@pytest.fixture
def screen(tmp_path: Path):
    api = ScreenApi(tmp_path / "screen")
    yield api
    api.stop()


def test_every_verb_fails_in_one_line_when_unreachable_impostor_or_revoked(screen: ScreenApi, tmp_path: Path):
    fp = screen.identity.fingerprint_sha256
    restarting = CuttingProxy(screen.port, cut_after_bytes=None)  # resets as the request comes
    home, key = admin_home(tmp_path / "admin", {"hall": (screen.port, fp), "dead": (closed_port(), fp),
                                                "impostor": (screen.port, "ab" * 32), "restarting": (restarting.port, fp)})
    other_home, other_key = admin_home(tmp_path / "other", {"hall": (screen.port, fp)})
    screen.admins.add(key.public_key(), "DSI")
    screen.admins.add(other_key.public_key(), "stagiaire")
    bundle = noisy_bundle(tmp_path / "site", key, 40)
    DeviceClient("127.0.0.1", screen.port, fp, key).request("DELETE", f"/admins/{key_id(other_key.public_key())}")
    for verb in SCREEN_VERBS:
        for name, home_used, code, word in (("dead", home, UNREACHABLE, "cannot reach 127.0.0.1:"),
                                            ("impostor", home, WRONG_SCREEN, f"presented certificate {fingerprint_text(fp)}"),
                                            ("hall", other_home, UNAUTHORIZED, "pair again"),
                                            ("restarting", home, UNREACHABLE, "may be restarting")):
            args = [a.format(s=name, tmp=tmp_path, bundle=bundle) for a in verb]
            one_clear_line(kioskctl(args, home_used), code, word)
    assert screen.screen.flag == "none" and screen.screen.applied == []
    line = one_clear_line(kioskctl(["status", "--all"], home), UNREACHABLE)  # the table on stdout, the summary line
    assert "1/4 screen(s) answered" in line and restarting.cuts > 0
    restarting.close()


def test_missing_files_and_unknown_screens_are_one_line(screen: ScreenApi, tmp_path: Path):
    home, key = admin_home(tmp_path / "admin", {"hall": (screen.port, screen.identity.fingerprint_sha256)})
    screen.admins.add(key.public_key(), "DSI")
    one_clear_line(kioskctl(["push", "missing.tar.gz", "hall"], home), LOCAL, "missing.tar.gz: file does not exist")
    bundle = noisy_bundle(tmp_path / "site", key, 40)
    one_clear_line(kioskctl(["push", str(bundle), "hall2"], home), REFUSED, "'hall2' is not paired yet")
    one_clear_line(kioskctl(["validate", str(tmp_path / "nope.tar.gz")], home), LOCAL, "nope.tar.gz: file does not exist")
    one_clear_line(kioskctl(["bundle", str(tmp_path / "nowhere"), "-o", str(tmp_path / "o.tar.gz")], home), REFUSED, "not a folder")
    one_clear_line(kioskctl(["screenshot", "hall", "-o", str(tmp_path / "no" / "dir" / "s.png")], home), LOCAL,
                   "s.png: file does not exist")
    one_clear_line(kioskctl(["status", "hall", "--key", str(tmp_path)], home), LOCAL, "administrator key")
    (home / "istres-kioskctl" / "devices.json").write_text("{not json")
    one_clear_line(kioskctl(["status", "hall"], home), LOCAL, "devices.json", "fix or remove it")
    assert screen.screen.applied == []


def test_pairing_wrong_fingerprint_junk_codes_and_an_expired_code(screen: ScreenApi, tmp_path: Path):
    fp = screen.identity.fingerprint_sha256
    home = tmp_path / "admin"
    address = f"127.0.0.1:{screen.port}"
    wrong = one_clear_line(kioskctl(["pair", address, "--fingerprint", "1111 2222 3333 4444", "--name", "hall"], home),
                           WRONG_SCREEN)
    assert f"presented certificate {fingerprint_text(fp)}, you typed 1111 2222 3333 4444" in wrong
    one_clear_line(kioskctl(["pair", address, "--fingerprint", "12ab", "--name", "hall"], home), LOCAL, "16 hex digits")
    # The code is asked for again until it is 6 digits; the screen's code expires before it is typed.
    asker = DeviceClient("127.0.0.1", screen.port, fp, Ed25519PrivateKey.generate())
    assert asker.request("POST", "/pairing/request", signed=False).status == 200
    code = screen.screen.shown_code
    screen.clock.now_s += 121  # two minutes pass
    expired = kioskctl(["pair", address, "--fingerprint", fingerprint_text(fp), "--name", "hall", "--code", code], home)
    one_clear_line(expired, REFUSED, "no code for this machine", "run kioskctl pair again")
    one_clear_line(kioskctl(["pair", address, "--fingerprint", fp[:16], "--name", "hall", "--code", "12 34"], home),
                   LOCAL, "type the 6 digits shown on the screen")
    # Interactive: Enter, junk, then the code: asked again twice, then paired, the whole fingerprint pinned.
    screen.clock.now_s += 1000
    screen.screen.shown_code = None
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home), "PYTHONPATH": os.getcwd()}
    pairing = subprocess.Popen([sys.executable, "-m", "provisioning.cli", "pair", address, "--fingerprint", fp[:16].upper(),
                                "--name", "hall"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env)
    deadline = time.monotonic() + 30
    while screen.screen.shown_code is None and time.monotonic() < deadline:
        time.sleep(0.05)
    out, err = pairing.communicate(f"\nabc\n{screen.screen.shown_code}\n", timeout=60)
    assert pairing.returncode == 0 and "Traceback" not in err, out + err
    assert err.splitlines().count("type the 6 digits shown on the screen") == 2 and "pydantic" not in err
    saved = json.loads((home / "istres-kioskctl" / "devices.json").read_text())
    assert saved["hall"]["fingerprint_sha256"] == fp  # typed 16 digits, pinned all 64
    assert kioskctl(["status", "hall"], home).returncode == 0


def test_a_screen_restarting_mid_push_and_a_full_disk_are_one_line(screen: ScreenApi, tmp_path: Path):
    fp = screen.identity.fingerprint_sha256
    proxy = CuttingProxy(screen.port, cut_after_bytes=300 * 1024)
    full_disk = tmp_path / "tiny"
    full_disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(full_disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a 1 MiB tmpfs (needs root): {mounted.stderr!r}")
    small = ScreenApi(tmp_path / "small-screen", data_dir=full_disk / "data")
    try:
        home, key = admin_home(tmp_path / "admin", {"hall": (proxy.port, fp), "small": (small.port, small.identity.fingerprint_sha256)})
        screen.admins.add(key.public_key(), "DSI")
        small.admins.add(key.public_key(), "DSI")
        bundle = noisy_bundle(tmp_path / "site", key, 800)  # about 1.9 MB: more than the proxy lets through, and the disk
        assert bundle.stat().st_size > 1.5 * 1024**2
        cut = one_clear_line(kioskctl(["push", str(bundle), "hall"], home), UNREACHABLE, "hall: ", "restarting")
        assert proxy.cuts >= 1 and screen.screen.applied == [], cut
        full = one_clear_line(kioskctl(["push", str(bundle), "small"], home), REFUSED, "small: ", "disk is full", "MiB free")
        assert small.screen.applied == [], full
        assert list((full_disk / "data" / "staging").iterdir()) == []  # nothing kept
    finally:
        small.stop()
        proxy.close()
        subprocess.run(["umount", str(full_disk)], check=False)


def test_status_watch_redraws_until_interrupted(screen: ScreenApi, tmp_path: Path):
    home, key = admin_home(tmp_path / "admin", {"hall": (screen.port, screen.identity.fingerprint_sha256)})
    screen.admins.add(key.public_key(), "DSI")
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "HOME": str(home), "PYTHONPATH": os.getcwd()}
    watching = subprocess.Popen([sys.executable, "-m", "provisioning.cli", "status", "--watch", "1"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)
    time.sleep(4.0)
    watching.send_signal(signal.SIGINT)
    out, err = watching.communicate(timeout=30)
    assert watching.returncode == 0 and "Traceback" not in out + err, out + err
    assert out.count("NAME ") >= 2 and err.count("1/1 screen(s) answered") >= 2  # redrawn, not appended to once
