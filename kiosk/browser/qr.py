"""A QR code as an SVG data URL, for a mailto:/tel: target the visitor scans with their phone."""

import base64

import segno

MAX_QR_CHARS = 512  # a target is at most a few hundred characters (decisions.MAX_TARGET_CHARS)


def qr_svg_data_url(text: str) -> str:
    """An empty string when there is nothing to encode or it does not fit: the view then shows the text alone."""
    if not text or len(text) > MAX_QR_CHARS:
        return ""
    try:
        code = segno.make(text, error="m")
    except (ValueError, segno.DataOverflowError):
        return ""
    svg = code.svg_inline(scale=8, border=2, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
