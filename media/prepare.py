"""Image preparation with Pillow, run once per (source, region size) in a worker thread.

EXIF orientation is applied, the picture is scaled down to fit the region's pixel size (never up:
Qt scales on the GPU for free), and saved as PNG (with transparency) or JPEG (opaque), which Qt
decodes fast. Decompression bombs are refused before any pixel is decoded.
"""

import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from media.errors import PreparationFailed

MAX_SOURCE_PIXELS = 80_000_000  # about 10,000 x 8,000: more is refused, not decoded
JPEG_QUALITY = 90

# Pillow's own guard warns from MAX_IMAGE_PIXELS and raises from twice that. We refuse anything over
# our limit ourselves (below), so its warning adds nothing; and ``warnings.catch_warnings`` cannot
# be used per call, as it is not thread-safe and this runs in a worker pool.
Image.MAX_IMAGE_PIXELS = MAX_SOURCE_PIXELS
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


def prepare_image(source: Path, out: Path, max_width_px: int, max_height_px: int, fit: str = "contain") -> Path:
    """Write a screen-ready version of ``source`` to ``out`` (suffix chosen here); return its path.

    ``fit="cover"`` keeps enough pixels to fill the box; ``contain`` fits inside it.
    """
    try:
        with Image.open(source) as opened:
            width, height = opened.size  # from the header: nothing is decoded yet
            if width * height > MAX_SOURCE_PIXELS:
                raise PreparationFailed(f"{source.name}: refused as a decompression bomb: {width}x{height} pixels "
                                        f"is over the {MAX_SOURCE_PIXELS:,}-pixel limit")
            opened.load()
            image = ImageOps.exif_transpose(opened)
    except PreparationFailed:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:  # the warning, under -W error
        raise PreparationFailed(f"{source.name}: refused as a decompression bomb ({exc})") from None
    except UnidentifiedImageError:
        raise PreparationFailed(f"{source.name}: not an image format Pillow recognises") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PreparationFailed(f"{source.name}: corrupt or truncated image ({exc})") from None
    box = (max(1, max_width_px), max(1, max_height_px))
    if fit == "cover":
        scale = max(box[0] / image.width, box[1] / image.height)
    else:
        scale = min(box[0] / image.width, box[1] / image.height)
    if scale < 1:
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.Resampling.LANCZOS)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        target = out.with_suffix(".png")
        image.convert("RGBA").save(target, "PNG", compress_level=1)
    else:
        target = out.with_suffix(".jpg")
        image.convert("RGB").save(target, "JPEG", quality=JPEG_QUALITY)
    return target
