"""Test pictures made on the fly with Pillow."""

import io

from PIL import Image


def solid_png(color: tuple[int, int, int], size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def solid_jpeg(color: tuple[int, int, int], size: tuple[int, int] = (64, 48), exif_orientation: int | None = None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    if exif_orientation:
        exif[0x0112] = exif_orientation
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def bomb_png(size: tuple[int, int] = (12_000, 9_000)) -> bytes:
    """A small file that claims ~100 million pixels: decoding it would take gigabytes."""
    out = io.BytesIO()
    Image.new("1", size, 0).save(out, "PNG", optimize=True)
    return out.getvalue()
