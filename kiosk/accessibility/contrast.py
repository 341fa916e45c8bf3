"""WCAG 2.x contrast: relative luminance of sRGB colours and the ratio of two of them (pure, no Qt)."""

import re

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


def parse_hex(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` -> (r, g, b); anything else is refused with ValueError."""
    match = _HEX.match(colour) if isinstance(colour, str) else None
    if match is None:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    value = int(match.group(1), 16)
    return (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF


def _channel(c8: float) -> float:
    c = c8 / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[float, float, float]) -> float:
    r, g, b = (_channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: tuple[float, float, float] | str, b: tuple[float, float, float] | str) -> float:
    """Contrast ratio (1.0 .. 21.0) of two colours, given as (r, g, b) 0-255 or ``#rrggbb``."""
    la = luminance(parse_hex(a) if isinstance(a, str) else a)
    lb = luminance(parse_hex(b) if isinstance(b, str) else b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)
