"""Push latency: a 10 MB bundle from kioskctl-style push to layout_applied (first frame), on loopback;
to one screen, then to three at once."""

import json
import statistics
import threading
import time

from _harness import KioskProcess, workdir
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from layouts.bundle import make_bundle
from provisioning.admins import PairedAdmins
from provisioning.client import DeviceClient
from provisioning.identity import load_or_create_identity
from tests.support.images import solid_png


def start_screen(folder, name, admin):
    data = folder / name
    identity = load_or_create_identity(data / "identity", name)
    PairedAdmins(data / "identity" / "admins.json").add(admin.public_key(), "bench")
    first = folder / f"{name}.json"
    first.write_text(json.dumps({"schema_version": 2, "name": "before", "screen": {"width": 640, "height": 360},
                                 "regions": [{"id": "r", "x": 0, "y": 0, "width": 640, "height": 360,
                                              "playlist": [{"kind": "text", "text": "before"}]}]}))
    kiosk = KioskProcess(["run", "--layout", str(first), "--windowed", "--data-dir", str(data), "--api-port", "0",
                          "--api-host", "127.0.0.1"], folder)
    port = kiosk.wait_event("api_listening", timeout_s=60)["port"]
    kiosk.wait_event("layout_applied", timeout_s=60)
    return kiosk, DeviceClient("127.0.0.1", port, identity.fingerprint_sha256, admin)


def bundle_of(folder, admin, name: str):
    site = folder / f"site-{name}"
    (site / "media").mkdir(parents=True)
    (site / "media" / "photo.png").write_bytes(solid_png((30, 120, 200), (640, 360)))
    (site / "media" / "padding.bin").write_bytes(__import__("os").urandom(10 * 1024 * 1024))  # 10 MB, incompressible
    (site / "layout.json").write_text(json.dumps({"schema_version": 2, "name": name, "screen": {"width": 640, "height": 360},
                                                  "regions": [{"id": "r", "x": 0, "y": 0, "width": 640, "height": 360,
                                                               "playlist": [{"kind": "image", "src": "media/photo.png"}]}]}))
    return make_bundle(site, "layout.json", admin, folder / f"{name}.tar.gz")


def timed_push(client, kiosk, bundle, name, results):
    started = time.monotonic()
    answer = client.push(bundle)
    applied = kiosk.wait_event("layout_applied", layout=name, timeout_s=60)
    results.append((answer.status, applied["mono"] - started, time.monotonic() - started))


def main() -> None:
    folder = workdir("push")
    admin = Ed25519PrivateKey.generate()
    screens = [start_screen(folder, f"screen{i}", admin) for i in range(3)]
    try:
        single = []
        for run in range(3):
            bundle = bundle_of(folder, admin, f"single{run}")
            timed_push(screens[0][1], screens[0][0], bundle, f"single{run}", single)
        print(f"one screen, 10 MB bundle: push -> layout_applied median {statistics.median(r[1] for r in single):.3f} s "
              f"(answer received {statistics.median(r[2] for r in single):.3f} s) over 3 pushes; statuses {[r[0] for r in single]}")
        bundle = bundle_of(folder, admin, "three")
        results: list = []
        threads = [threading.Thread(target=timed_push, args=(client, kiosk, bundle, "three", results)) for kiosk, client in screens]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(f"three screens at once: all applied after {max(r[1] for r in results):.3f} s "
              f"(each: {', '.join(f'{r[1]:.3f}' for r in sorted(results, key=lambda r: r[1]))} s); wall {time.monotonic() - started:.3f} s")
    finally:
        for kiosk, _ in screens:
            kiosk.stop()


if __name__ == "__main__":
    main()
