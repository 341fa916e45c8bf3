"""The one typed form every live value takes, whatever system it came from."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class PayloadRejected(ValueError):
    """A payload (or one value in it) cannot be used. ``cause`` is stable, for logging once per cause."""

    def __init__(self, cause: str, detail: str) -> None:
        super().__init__(f"{cause}: {detail}")
        self.cause = cause
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Uplink:
    """One LoRaWAN uplink as the network server delivered it, before any mapping to quantities."""

    source: str  # "chirpstack" or "tts"
    dev_eui: str  # lower-case hex, 16 characters
    device_name: str
    dedup_id: str  # the same radio frame heard by several gateways has one id
    f_cnt: int | None
    f_port: int | None
    observed_at: datetime  # when the network received it (aware, UTC)
    decoded: dict[str, Any] | None  # the network server's codec output, when it has one
    frm_payload: bytes | None  # the raw application payload, when sent
    tags: dict[str, str] = field(default_factory=dict)
    raw: bytes = b""  # the whole message, kept for audit


@dataclass(frozen=True, slots=True)
class Reading:
    source: str  # which system and device: "chirpstack:70b3d5e75e00a017"
    quantity: str  # "air_temperature", "parking_space", "h2s", ...
    value: float | bool | str
    unit: str
    observed_at: datetime
    received_at: datetime
    raw: bytes = b""
    tags: dict[str, str] = field(default_factory=dict)  # the device's tags (parking: space, pmr)
