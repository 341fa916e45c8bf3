"""Checks every screen must pass, on a real grab of its window (for every sign's tests):

- ``contrast_findings``: for each visible Text item (of an enabled control), the background is the most frequent colour in
  its painted rectangle of the grabbed image and the text colour the pixel there that differs most
  from it (glyph cores: anti-aliased edges only lower the figure, so this is the best the eye gets);
  their WCAG ratio must reach the minimum (4.5:1 normal, 3:1 large text; 7:1 / 4.5:1 at level AAA).
- ``cut_findings``: walking the item tree, each visible Text whose content is wider or taller than
  the item without eliding, truncated by ``maximumLineCount`` without an ellipsis, or painted beyond
  a clipping ancestor, the window, or the drawn box (Rectangle) that contains it, or over another text.

    image = window.grabWindow()
    problems = contrast_findings(root_item, image, level="AA") + cut_findings(root_item)
    assert not problems, describe(problems)
"""

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem

from common.terminal import quoted
from kiosk.accessibility.contrast import ratio

SLACK_PX = 1.0          # sub-pixel layout rounding is not a cut
MAX_SAMPLES = 4000      # pixels read per text item, evenly spread (bounded time on large texts)
MAX_OVERLAP_PAIRS = 400  # texts compared with each new one (bounded time on long lists)
TEXT_CLASSES = ("QQuickText", "QQuickTextInput", "QQuickTextEdit")


@dataclass(frozen=True)
class Finding:
    kind: str        # "contrast", "overflow", "truncated", "clipped", "off-window", "spills", "overlap"
    item: str        # objectName or the first words of the text, quoted
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.item}: {self.detail}"


def describe(findings: list[Finding]) -> str:
    return "\n".join(str(f) for f in findings)


def _is_text(item: QQuickItem) -> bool:
    return item.metaObject().className().startswith(TEXT_CLASSES)


def _shown(item: QQuickItem) -> bool:
    """Visible and not transparent, itself and every ancestor."""
    while item is not None:
        if not item.isVisible() or item.opacity() <= 0.01:
            return False
        item = item.parentItem()
    return True


def visible_texts(root: QQuickItem) -> list[QQuickItem]:
    found, stack = [], [root]
    while stack:
        item = stack.pop()
        if not item.isVisible():
            continue
        if _is_text(item) and _shown(item) and str(item.property("text") or "").strip():
            found.append(item)
        stack.extend(reversed(item.childItems()))
    return found


def name_of(item: QQuickItem) -> str:
    return item.objectName() or quoted(str(item.property("text") or "")[:40])


ELIDE_NONE = 3  # Qt::TextElideMode: ElideLeft 0, ElideRight 1, ElideMiddle 2, ElideNone 3
FACTS = ("({elide: typeof elide === 'undefined' ? 3 : elide, truncated: typeof truncated === 'undefined' ? false : truncated,"
         " h: effectiveHorizontalAlignment, v: verticalAlignment, cw: contentWidth, ch: contentHeight})")


def text_facts(item: QQuickItem) -> dict:
    """Enum-valued properties (elide, alignments) have no Python converter: read them through QML."""
    context = QQmlEngine.contextForObject(item)
    parent = item.parentItem()
    while context is None and parent is not None:
        context, parent = QQmlEngine.contextForObject(parent), parent.parentItem()
    value, failed = QQmlExpression(context, item, FACTS).evaluate()
    facts = value.toVariant() if not failed else None
    if not isinstance(facts, dict):
        raise RuntimeError(f"could not read the text facts of {name_of(item)}")
    return facts


def painted_rect(item: QQuickItem) -> QRectF:
    """Where the glyphs are, in the item's coordinates, from its alignment and content size."""
    facts = text_facts(item)
    w, h = item.width(), item.height()
    cw, ch = float(facts["cw"]), float(facts["ch"])
    h_align, v_align = int(facts["h"]), int(facts["v"])
    x = (w - cw) if h_align & Qt.AlignmentFlag.AlignRight.value else (w - cw) / 2 if h_align & Qt.AlignmentFlag.AlignHCenter.value else 0.0
    y = (h - ch) if v_align & Qt.AlignmentFlag.AlignBottom.value else (h - ch) / 2 if v_align & Qt.AlignmentFlag.AlignVCenter.value else 0.0
    return QRectF(x, y, cw, ch)


# --- contrast -----------------------------------------------------------------------------------

def required_ratio(item: QQuickItem, level: str) -> float:
    """WCAG 1.4.3 (AA) / 1.4.6 (AAA): large text is >= 24 px, or bold and >= 18.67 px."""
    font = item.property("font")
    px = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
    large = px >= 24 or (font.bold() and px >= 18.67)
    if level == "AAA":
        return 4.5 if large else 7.0
    return 3.0 if large else 4.5


def measured_ratio(image: QImage, rect: QRectF) -> float | None:
    """The WCAG ratio between the background (most frequent colour) and the farthest pixel in ``rect``."""
    area = rect.toAlignedRect().intersected(image.rect())
    if area.width() < 2 or area.height() < 2:
        return None
    step = max(1, int((area.width() * area.height() / MAX_SAMPLES) ** 0.5))
    pixels = [image.pixel(x, y) for y in range(area.top(), area.bottom() + 1, step) for x in range(area.left(), area.right() + 1, step)]
    background = QColor(Counter(pixels).most_common(1)[0][0])
    bg = (background.red(), background.green(), background.blue())
    best = 1.0
    for rgb in set(pixels):
        c = QColor(rgb)
        best = max(best, ratio((c.red(), c.green(), c.blue()), bg))
    return best


def contrast_findings(root: QQuickItem, image: QImage, level: str = "AA", minimum: float | None = None) -> list[Finding]:
    """``minimum`` overrides WCAG's size rule with one figure for every text (e.g. 7.0 in high contrast)."""
    dpr = image.devicePixelRatio() or 1.0
    findings = []
    for item in visible_texts(root):
        if not item.isEnabled():
            continue  # WCAG 1.4.3 exempts inactive controls (a greyed "previous page" on the first page)
        local = painted_rect(item)
        scene = item.mapRectToScene(local)
        if any(kind in ("scrolled", "clipped") and not _scene_rect(box).contains(scene) for kind, box in _boxes(item)):
            continue  # scrolled or clipped out of view (under a fixed bar, say): what is measured there is not it
        scaled = QRectF(scene.x() * dpr, scene.y() * dpr, scene.width() * dpr, scene.height() * dpr)
        measured = measured_ratio(image, scaled)
        if measured is None:
            continue
        needed = minimum if minimum is not None else required_ratio(item, level)
        if measured + 0.01 < needed:
            findings.append(Finding("contrast", name_of(item), f"{measured:.2f}:1 measured, {needed}:1 needed"))
    return findings


# --- cut text -----------------------------------------------------------------------------------

def _overflow(item: QQuickItem) -> Finding | None:
    facts = text_facts(item)
    elided = int(facts["elide"]) != ELIDE_NONE
    if facts["truncated"] and not elided:
        return Finding("truncated", name_of(item), "cut by maximumLineCount without an ellipsis")
    if elided:
        return None  # an ellipsis says there is more: not a cut, though the full text should be reachable
    cw, ch = float(facts["cw"]), float(facts["ch"])
    if item.metaObject().className().startswith("QQuickTextInput"):
        cw = 0.0  # a one-line field scrolls its text sideways under the cursor: only its height can cut
    if cw > item.width() + SLACK_PX or ch > item.height() + SLACK_PX:
        return Finding("overflow", name_of(item), f"content {cw:.0f}x{ch:.0f} px in a {item.width():.0f}x{item.height():.0f} px item")
    return None


def _is_scroller(item: QQuickItem) -> bool:
    return "Flickable" in item.metaObject().className() or "ListView" in item.metaObject().className() \
        or "GridView" in item.metaObject().className() or isinstance(item.property("contentY"), float)


def _boxes(item: QQuickItem) -> list[tuple[str, QQuickItem]]:
    """The ancestors whose edges cut or frame the text: clipping items (a scrolling list's viewport
    included) and drawn Rectangles."""
    found = []
    parent = item.parentItem()
    while parent is not None:
        if parent.clip():
            found.append(("scrolled" if _is_scroller(parent) else "clipped", parent))
        elif parent.metaObject().className().startswith("QQuickRectangle") and parent.width() > 0 and parent.height() > 0:
            found.append(("spills", parent))
        parent = parent.parentItem()
    return found


def _scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def cut_findings(root: QQuickItem) -> list[Finding]:
    """A row half out of a scrolling list's viewport is scrolling, not a cut; one wholly outside is not shown."""
    findings = []
    window = root.window()
    placed: list[tuple[QQuickItem, QRectF]] = []
    for item in visible_texts(root):
        glyphs = item.mapRectToScene(painted_rect(item)).adjusted(SLACK_PX, SLACK_PX, -SLACK_PX, -SLACK_PX)
        boxes = _boxes(item)
        if any(kind == "scrolled" and not _scene_rect(box).contains(glyphs) for kind, box in boxes):
            continue
        other = next((o for o, r in placed[:MAX_OVERLAP_PAIRS] if r.intersects(glyphs) and not _related(o, item)), None)
        if other is not None:
            findings.append(Finding("overlap", name_of(item), f"painted over {name_of(other)} at {_rect(glyphs)}"))
        placed.append((item, glyphs))
        problem = _overflow(item)
        if problem is not None:
            findings.append(problem)
        if window is not None and not QRectF(0, 0, window.width(), window.height()).contains(glyphs):
            findings.append(Finding("off-window", name_of(item), f"painted at {_rect(glyphs)}, window {window.width()}x{window.height()}"))
            continue
        for kind, box in boxes:
            edges = _scene_rect(box)
            if not edges.contains(glyphs):
                box_name = box.objectName() or box.metaObject().className()
                findings.append(Finding(kind, name_of(item), f"painted at {_rect(glyphs)} beyond {box_name} {_rect(edges)}"))
                break
    return findings


def _related(a: QQuickItem, b: QQuickItem) -> bool:
    """One text inside the other (a label and its own sub-item) is not an overlap."""
    for child, ancestor in ((a, b), (b, a)):
        parent = child.parentItem()
        while parent is not None:
            if parent is ancestor:
                return True
            parent = parent.parentItem()
    return False


def _rect(r: QRectF) -> str:
    return f"({r.x():.0f},{r.y():.0f} {r.width():.0f}x{r.height():.0f})"
