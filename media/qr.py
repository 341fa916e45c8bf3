"""QR codes drawn with segno into a PNG, one module = a whole number of pixels (crisp when scaled)."""

from pathlib import Path

import segno


def render_qr_png(data: str, out: Path, target_px: int, foreground: str, background: str) -> Path:
    code = segno.make(data, error="m")
    modules = code.symbol_size(scale=1, border=2)[0]
    scale = max(1, target_px // modules)
    code.save(out, kind="png", scale=scale, border=2, dark=foreground, light=background)
    return out
