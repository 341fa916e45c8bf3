"""Cayenne LPP: ``[channel][type][value...]`` records, for devices sent without a server-side codec.

Keys come out as ``<type name>_<channel>`` (``temperature_3``), values already scaled. The same
channel and type twice in one payload is refused (which one would count?), and so is a payload
longer than any LoRaWAN frame. Values still go through ``media.feeds.values.check_value``.
"""

from dataclasses import dataclass

from media.feeds.readings import PayloadRejected

MAX_LPP_BYTES = 256  # the largest LoRaWAN application payload is 242 bytes


@dataclass(frozen=True, slots=True)
class _Type:
    name: str
    size: int
    scale: float
    signed: bool


# Type byte -> layout (IPSO id - 3200). Multi-axis types (accelerometer, GPS) are not used here.
TYPES: dict[int, _Type] = {
    0x00: _Type("digital_input", 1, 1, False),
    0x01: _Type("digital_output", 1, 1, False),
    0x02: _Type("analog_input", 2, 0.01, True),
    0x03: _Type("analog_output", 2, 0.01, True),
    0x65: _Type("illuminance", 2, 1, False),
    0x66: _Type("presence", 1, 1, False),
    0x67: _Type("temperature", 2, 0.1, True),
    0x68: _Type("humidity", 1, 0.5, False),
    0x73: _Type("barometer", 2, 0.1, False),
}


def decode_cayenne_lpp(payload: bytes) -> dict[str, float]:
    if len(payload) > MAX_LPP_BYTES:
        raise PayloadRejected("bad-lpp", f"{len(payload)} bytes, longer than a LoRaWAN frame")
    values: dict[str, float] = {}
    offset = 0
    while offset < len(payload):
        if offset + 2 > len(payload):
            raise PayloadRejected("bad-lpp", f"truncated record header at byte {offset}")
        channel, type_byte = payload[offset], payload[offset + 1]
        layout = TYPES.get(type_byte)
        if layout is None:
            raise PayloadRejected("bad-lpp", f"unknown type 0x{type_byte:02x} at byte {offset + 1}")
        start = offset + 2
        end = start + layout.size
        if end > len(payload):
            raise PayloadRejected("bad-lpp", f"{layout.name} on channel {channel} is cut short at byte {len(payload)}")
        raw = int.from_bytes(payload[start:end], "big", signed=layout.signed)
        key = f"{layout.name}_{channel}"
        if key in values:
            raise PayloadRejected("bad-lpp", f"{layout.name} on channel {channel} appears twice")
        values[key] = round(raw * layout.scale, 6)
        offset = end
    return values
