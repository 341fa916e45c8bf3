"""The content both players show in bench/vs_chromium.py: the same files, the same timings.

Slideshow: three full-HD JPEG slides, a 0.5 s crossfade every 2 s, a clock (HH:mm:ss) updated every
second in a box at the bottom right. Web: one page with a CSS animation (a square turning and
moving), shown by the browser directly and by the runtime as its one web item.
"""

import json
import random
from pathlib import Path

from PIL import Image, ImageDraw

SCREEN = (1920, 1080)
SLIDE_S, FADE_MS = 2.0, 500
CLOCK_BOX = (1440, 930, 440, 120)  # x, y, width, height
SLIDE_COLOURS = [((16, 70, 140), (240, 200, 60)), ((150, 30, 40), (250, 250, 250)), ((20, 120, 60), (30, 30, 30))]
PAGE_BACKGROUND = (42, 111, 151)


def make_slides(folder: Path) -> list[Path]:
    """Photograph-like JPEGs (a gradient, shapes, grain) so decoding costs what a photo costs."""
    rng = random.Random(9)
    paths = []
    for i, (base, accent) in enumerate(SLIDE_COLOURS):
        image = Image.linear_gradient("L").resize(SCREEN)
        image = Image.merge("RGB", [image.point(lambda v, c=c: c + (v * 40) // 255 - 20) for c in base])
        draw = ImageDraw.Draw(image)
        for _ in range(12):
            x, y, r = rng.randrange(SCREEN[0]), rng.randrange(SCREEN[1] // 2), rng.randrange(20, 90)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=accent)
        noise = Image.effect_noise(SCREEN, 18).convert("RGB")
        image = Image.blend(image, noise, 0.06)
        path = folder / f"slide{i}.jpg"
        image.save(path, "JPEG", quality=90)
        paths.append(path)
    return paths


def slide_probes(slide: Path, count: int = 64) -> list[tuple[tuple[int, int], tuple[int, int, int]]]:
    """Points of the first slide, outside the clock box: seen on screen, the slide is there."""
    rng = random.Random(1)
    with Image.open(slide) as opened:
        image = opened.convert("RGB")
    x0, y0, _w, _h = CLOCK_BOX
    points = []
    while len(points) < count:
        x, y = rng.randrange(SCREEN[0]), rng.randrange(SCREEN[1])
        if not (x >= x0 - 10 and y >= y0 - 10):
            points.append(((x, y), image.getpixel((x, y))))
    return points


def page_probes() -> list[tuple[tuple[int, int], tuple[int, int, int]]]:
    """The web page's background, away from the band where the square moves."""
    return [((x, y), PAGE_BACKGROUND) for x in range(60, 1900, 120) for y in (40, 120, 960, 1040)]


def slideshow_html(slides: list[str]) -> str:
    images = "".join(f'<img src="{s}" style="opacity:{1 if i == 0 else 0}">' for i, s in enumerate(slides))
    x, y, w, h = CLOCK_BOX
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
html,body{{margin:0;background:#000;overflow:hidden;cursor:none}}
img{{position:fixed;left:0;top:0;width:{SCREEN[0]}px;height:{SCREEN[1]}px;transition:opacity {FADE_MS}ms linear}}
#clock{{position:fixed;left:{x}px;top:{y}px;width:{w}px;height:{h}px;background:#000;color:#fff;z-index:9;
font:bold 80px 'DejaVu Sans',sans-serif;display:flex;align-items:center;justify-content:center}}
</style></head><body>{images}<div id="clock"></div><script>
const imgs = document.querySelectorAll('img'); let front = 0;
setInterval(() => {{ imgs[front].style.opacity = 0; front = (front + 1) % imgs.length; imgs[front].style.opacity = 1; }},
            {round(SLIDE_S * 1000)});
const pad = n => String(n).padStart(2, '0');
function tick() {{ const d = new Date(); clock.textContent = pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()); }}
tick(); setInterval(tick, 1000);
</script></body></html>"""


def animated_page_html() -> str:
    r, g, b = PAGE_BACKGROUND
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
html,body{{margin:0;height:100%;background:rgb({r},{g},{b});overflow:hidden;cursor:none}}
#box{{position:absolute;top:440px;left:0;width:200px;height:200px;background:#f0c040;animation:move 4s linear infinite}}
@keyframes move{{from{{transform:translateX(0) rotate(0)}}to{{transform:translateX(1700px) rotate(360deg)}}}}
</style></head><body><div id="box"></div></body></html>"""


def slideshow_layout(path: Path, slide_urls: list[str]) -> Path:
    fade = {"kind": "crossfade", "duration_ms": FADE_MS}
    slides = [{"id": f"slide{i}", "kind": "image", "src": url, "duration_s": SLIDE_S, "transition": fade}
              for i, url in enumerate(slide_urls)]
    x, y, w, h = CLOCK_BOX
    clock = {"id": "clock", "kind": "clock", "time_format": "HH:mm:ss", "show_date": False, "font_size_px": 80,
             "duration_s": 3600}
    return _write_layout(path, "bench-slideshow", [
        {"id": "slides", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1], "z": 0, "playlist": slides},
        {"id": "clock", "x": x, "y": y, "width": w, "height": h, "z": 1, "background": "#000000", "playlist": [clock]},
    ])


def web_layout(path: Path, page_url: str) -> Path:
    page = {"id": "page", "kind": "web", "url": page_url, "duration_s": 3600}
    return _write_layout(path, "bench-web", [
        {"id": "page", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1], "playlist": [page]}])


def _write_layout(path: Path, name: str, regions: list[dict]) -> Path:
    doc = {"schema_version": 2, "name": name, "screen": {"width": SCREEN[0], "height": SCREEN[1]},
           "background": "#000000", "regions": regions}
    path.write_text(json.dumps(doc))
    return path
