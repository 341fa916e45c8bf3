"""The town_hall kind: built in the pool (the feeds, QR codes), drawn by ``qml/TownHallView.qml``,
its visitor state in a ``KioskSession`` the view gets from the ``townHall`` context object.

The region's idle timeout (``IDLE_TIMEOUT_S``) is short on purpose: the view holds the region by
saying ``interacted()`` every second while its own session lives (its idle time, warning and
countdown, scaled by the accessibility factor and paused during an Acceo call, are the view's); when
that session ends, the region gets its attract loop back within ``IDLE_TIMEOUT_S``."""

import logging
import uuid
from pathlib import Path
from typing import Any

from common.clock import Clock, SystemClock
from common.events import OncePerCause
from signs.kinds import ItemKind
from signs.resolution import Resolution, ResolveContext
from signs.town_hall.build import describe_town_hall, legal_acts
from signs.town_hall.item import TownHallItem
from signs.town_hall.kind_store import keep_config

VIEW = Path(__file__).parent / "qml" / "TownHallView.qml"
IDLE_TIMEOUT_S = 4.0
log = logging.getLogger("signs.town_hall")
_once = OncePerCause(log)


def resolve(item: TownHallItem, size_px: tuple[int, int], ctx: ResolveContext, clock: Clock | None = None) -> Resolution:
    token = f"{item.id}:{uuid.uuid4().hex}"
    keep_config(token, item)
    clock = clock or SystemClock()
    descriptor = describe_town_hall(item, ctx, clock.now(), token)
    descriptor["legal_acts"] = legal_acts(item, size_px, ctx, clock)
    for feed in ("agenda", "news"):
        problem = descriptor[f"{feed}_problem"]
        if problem:  # the page says "momentanément indisponible"; the log says why, once per cause
            _once.warn((feed, problem), "town_hall_feed_refused", problem, item=item.id, feed=feed)
    return Resolution(descriptor)


# The legal_acts tile shows the legal_acts sign's own view, which calls the ``legalActs`` object
# (made by that sign's qml_context): nothing more to give here.
def qml_context(parent: Any) -> dict[str, Any]:
    from signs.town_hall.session import TownHallService

    return {"townHall": TownHallService(parent)}


KINDS = [ItemKind("town_hall", VIEW, resolve=resolve, embeds_web=True, refreshes=lambda item: bool(item.agenda_url or item.news_url),
                  idle_timeout_s=IDLE_TIMEOUT_S)]
