"""What every kioskctl verb that talks to a paired screen shares: the list of paired screens, a
client for one of them, one signed call, and its JSON answer (every failure a clear exception)."""

import argparse
from pathlib import Path

from common.terminal import quoted
from provisioning.admin_key import default_admin_key_path
from provisioning.cli_bundles import admin_key_of
from provisioning.cli_errors import CommandFailed
from provisioning.client import Answer, DeviceClient, DeviceError
from provisioning.devices import KnownDevices


def known_devices_path() -> Path:
    return default_admin_key_path().parent / "devices.json"


def known_devices() -> KnownDevices:
    return KnownDevices(known_devices_path())


def client_for(name: str, args: argparse.Namespace, timeout_s: float | None = None) -> DeviceClient:
    """A client for the paired screen ``name``; CommandFailed (exit 1) when it is not paired."""
    device = known_devices().get(name)
    if device is None:
        raise CommandFailed(f"{quoted(name)} is not paired yet: kioskctl pair HOST:PORT --fingerprint FP --name NAME "
                            "(kioskctl status lists the paired screens)")
    extra = {"timeout_s": timeout_s} if timeout_s else {}
    return DeviceClient(device.host, device.port, device.fingerprint_sha256, admin_key_of(args), **extra)


def call(client: DeviceClient, method: str, path: str, body: object = None, accept: tuple[int, ...] = (200,)) -> Answer:
    """One signed call; any other answer becomes a DeviceError with the screen's reason."""
    answer = client.request(method, path, body)
    if answer.status not in accept:
        error = DeviceError(answer.status, answer.detail())
        error.answer = answer
        raise error
    return answer


def json_of(answer: Answer) -> dict:
    """The answer's JSON object; anything else is the screen misbehaving, said so plainly."""
    try:
        body = answer.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise DeviceError(answer.status, f"the screen's answer is not a JSON object: {answer.detail()}")
    return body
