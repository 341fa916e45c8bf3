"""The items resolved lately, by token, so a view's session finds its hours and timeouts (bounded)."""

import threading
from collections import OrderedDict

from signs.town_hall.item import TownHallItem

KEPT = 16
_lock = threading.Lock()
_items: "OrderedDict[str, TownHallItem]" = OrderedDict()


def keep_config(token: str, item: TownHallItem) -> None:
    with _lock:
        _items[token] = item
        while len(_items) > KEPT:
            _items.popitem(last=False)


def take_config(token: str) -> TownHallItem | None:
    with _lock:
        return _items.get(token)
