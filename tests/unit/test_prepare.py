import io
from pathlib import Path

import pytest
from PIL import Image

from media.errors import PreparationFailed
from media.prepare import prepare_image
from tests.support.images import bomb_png, solid_jpeg


def test_exif_orientation_is_applied_and_the_picture_fits_the_region(tmp_path: Path):
    src = tmp_path / "photo.jpg"
    src.write_bytes(solid_jpeg((200, 10, 10), size=(400, 200), exif_orientation=6))  # rotated 90 degrees
    out = prepare_image(src, tmp_path / "out", 100, 100)
    with Image.open(out) as image:
        assert image.size == (50, 100)  # portrait after the EXIF rotation, fitted into 100x100
        assert out.suffix == ".jpg"


def test_cover_keeps_enough_pixels_to_fill_and_small_pictures_are_not_enlarged(tmp_path: Path):
    src = tmp_path / "wide.jpg"
    src.write_bytes(solid_jpeg((0, 0, 0), size=(400, 100)))
    with Image.open(prepare_image(src, tmp_path / "c", 100, 100, fit="cover")) as image:
        assert image.size == (400, 100)  # scale 1: never enlarged
    with Image.open(prepare_image(src, tmp_path / "d", 200, 200, fit="contain")) as image:
        assert image.size == (200, 50)


def test_transparency_is_kept_as_png(tmp_path: Path):
    src = tmp_path / "logo.png"
    buf = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(buf, "PNG")
    src.write_bytes(buf.getvalue())
    assert prepare_image(src, tmp_path / "o", 100, 100).suffix == ".png"


@pytest.mark.parametrize(("payload", "reason"), [
    (b"this is not an image", "not an image format"),
    (solid_jpeg((1, 2, 3), size=(300, 300))[:400], "corrupt or truncated"),
    (bomb_png(), "decompression bomb"),  # over Pillow's own limit
    (bomb_png((9_000, 9_000)), "decompression bomb.*(80,000,000|80000000)"),  # just over our limit
])
def test_bad_pictures_are_refused_with_a_reason(tmp_path: Path, payload: bytes, reason: str):
    src = tmp_path / "bad.img"
    src.write_bytes(payload)
    with pytest.raises(PreparationFailed, match=reason):
        prepare_image(src, tmp_path / "out", 100, 100)
    assert not list(tmp_path.glob("out*"))
