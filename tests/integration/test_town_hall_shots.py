"""The demo's headless town-hall screenshots: a process of its own writes every screen in every
variant, and the pictures are real frames (the kiosk's paper at the corner, not a blank window)."""

from PySide6.QtGui import QImage

from signs.town_hall.demo import write_headless_screenshots
from signs.town_hall.shots import SCREENS, VARIANTS


def test_every_screen_in_every_variant_is_written(tmp_path):
    assert write_headless_screenshots(tmp_path / "shots") == 0
    names = sorted(p.name for p in (tmp_path / "shots").iterdir())
    assert names == sorted(f"{screen}-{variant}.png" for screen in SCREENS for variant in VARIANTS)
    home, contrast = QImage(str(tmp_path / "shots" / "home-normal.png")), QImage(str(tmp_path / "shots" / "home-contrast.png"))
    assert (home.width(), home.height()) == (1920, 1080)
    assert home.pixelColor(5, 5).name() == "#f4f6fa" and contrast.pixelColor(5, 5).name() == "#000000"
