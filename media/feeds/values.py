"""The one check a value from outside passes before it becomes a reading, for MQTT and HTTP alike.

JSON gives ``NaN``, ``Infinity``, ``true`` and 4,000-digit integers where a number is expected.
``NaN`` passes every ``<``/``>`` range test (all comparisons are false) and an H2S alert would read
it as "under the threshold"; ``true`` is an ``int`` in Python and would become 1.0 ppm. So, in this
order: the expected type (a number that is not a bool; for on/off quantities a bool, or 0/1), the
sentinel codes sensors send instead of a value (DOMAIN.md: 0xFFFE warming up, 0xFFFF fault),
finite, a bounded magnitude (before any float conversion, which overflows past 1e308), the scale,
finite again, then the configured range.
"""

import math
from collections.abc import Mapping

from media.feeds.readings import PayloadRejected

BOOLEAN_QUANTITIES = frozenset({"parking_occupied"})  # every other quantity is a number
DEFAULT_SENTINELS: Mapping[int, str] = {0xFFFE: "warming up", 0xFFFF: "sensor fault"}
MAX_MAGNITUDE = 1e9  # far above any quantity shown (ppm, °C, km/h, a count of spaces), far below float overflow


def check_rule_numbers(scale: float, minimum: float | None, maximum: float | None, where: str) -> None:
    """A rule's own numbers must be finite, the scale non-zero (ValueError: a configuration error, not a payload)."""
    for name, number in (("scale", scale), ("minimum", minimum), ("maximum", maximum)):
        if number is None and name != "scale":
            continue
        if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
            raise ValueError(f"{where}: {name} {number!r} is not a finite number")
    if scale == 0:
        raise ValueError(f"{where}: scale 0 would turn every value into 0")
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValueError(f"{where}: minimum {minimum} is over maximum {maximum}")


def _on_off(raw: object, where: str) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):  # codecs written in C send 0/1
        return bool(raw)
    raise PayloadRejected("wrong-type", f"{where} = {repr(raw)[:40]} is not true/false")


def check_value(raw: object, where: str, *, quantity: str, unit: str = "", scale: float = 1.0,
                minimum: float | None = None, maximum: float | None = None,
                sentinels: Mapping[int, str] = DEFAULT_SENTINELS) -> float | bool:
    """``raw`` as a finite float in range (or a bool for an on/off quantity); PayloadRejected otherwise.

    Causes: wrong-type, sentinel, not-finite, out-of-range. Pure and thread-safe.
    """
    if quantity in BOOLEAN_QUANTITIES:
        return _on_off(raw, where)
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise PayloadRejected("wrong-type", f"{where} = {repr(raw)[:40]} is not a number")
    if isinstance(raw, float) and not math.isfinite(raw):
        raise PayloadRejected("not-finite", f"{where} = {raw!r} is not a finite number")
    if abs(raw) > MAX_MAGNITUDE:  # exact for ints of any size: no float conversion yet
        raise PayloadRejected("out-of-range", f"{where} is over {MAX_MAGNITUDE:g} in magnitude")
    if raw == int(raw) and int(raw) in sentinels:  # 65535 and 65535.0 alike
        code = int(raw)
        raise PayloadRejected("sentinel", f"{where} = 0x{code:04X}: {sentinels[code]}")
    value = float(raw) * scale
    if not math.isfinite(value):
        raise PayloadRejected("not-finite", f"{where} = {raw!r} x {scale} is not a finite number")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        shown = f"{value:g} {unit}".strip()
        raise PayloadRejected("out-of-range", f"{where} = {shown} is outside [{minimum}, {maximum}]")
    return value
