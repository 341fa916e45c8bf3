"""How the test-only kind is shown: described at once, drawn by Sparkle.qml."""

from pathlib import Path

from signs.kinds import ItemKind
from signs.resolution import Descriptor, ResolveContext


def describe(item, ctx: ResolveContext) -> Descriptor:  # noqa: ANN001 - a SparkleItem
    return {"stars": item.stars, "color": item.color}


KINDS = [ItemKind("sparkle", Path(__file__).with_name("Sparkle.qml"), describe=describe)]
