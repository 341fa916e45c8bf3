"""The catalogue's heartbeat: which acts were available on screen, every minute, kept small.

The catalogue sends ``record("heartbeat", detail={"acts": [{"id": ..., "sha256": ...}, ...]})``
(a list of ids, or of [id, sha256] pairs, is taken too). Journaled whole every minute, 300 acts
would fill the card in weeks: the list is written in full when it changes (and once a day, and
after each start, so a pruned journal stays readable), otherwise only its sha256 and count.
``acts_of`` reads either form back; the report resolves a digest to the last full list with it.
"""

import hashlib
import json
from typing import Any

from journal.entry import MAX_ID_CHARS, SHA256_HEX

FULL_LIST_EVERY_S = 24 * 3600
MAX_ACTS = 2000


def normalized_acts(value: Any) -> list[list[str]] | None:
    """[[id, sha256 or ""], ...] sorted, from any accepted shape; None when ``value`` is not an acts list."""
    if not isinstance(value, list) or len(value) > MAX_ACTS:
        return None
    acts = set()
    for item in value:
        if isinstance(item, str):
            act_id, sha = item, ""
        elif isinstance(item, dict):
            act_id, sha = item.get("id"), item.get("sha256", "")
        elif isinstance(item, list | tuple) and len(item) == 2:
            act_id, sha = item
        else:
            return None
        if not isinstance(act_id, str) or not isinstance(sha, str) or len(act_id) > MAX_ID_CHARS:
            return None
        acts.add((act_id, sha if SHA256_HEX.fullmatch(sha) else ""))
    return [list(pair) for pair in sorted(acts)]


def digest(acts: list[list[str]]) -> str:
    return hashlib.sha256(json.dumps(acts, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")).hexdigest()


class HeartbeatCompactor:
    """Used by the writer thread only (one per run: a start always writes the list in full)."""

    def __init__(self) -> None:
        self._last_digest = ""
        self._full_at_s = float("-inf")

    def compact(self, detail: dict | None, monotonic_s: float) -> dict | None:
        if not isinstance(detail, dict) or "acts" not in detail:
            return detail
        acts = normalized_acts(detail["acts"])
        if acts is None:
            return {**detail, "acts": None, "acts_refused": "not a list of acts (ids, [id, sha256] or {id, sha256})"}
        rest = {k: v for k, v in detail.items() if k != "acts"}
        list_digest = digest(acts)
        if list_digest == self._last_digest and monotonic_s - self._full_at_s < FULL_LIST_EVERY_S:
            return {**rest, "acts_sha256": list_digest, "acts_count": len(acts)}
        self._last_digest, self._full_at_s = list_digest, monotonic_s
        return {**rest, "acts": acts, "acts_sha256": list_digest, "acts_count": len(acts)}


class ActsReader:
    """Reads heartbeats back in order: the acts each one lists, resolving digests to full lists seen."""

    def __init__(self) -> None:
        self._lists: dict[str, dict[str, str]] = {}

    def acts_of(self, detail: dict[str, Any]) -> dict[str, str] | None:
        """act id -> sha256 for this heartbeat; None when it cannot be known (its full list was pruned)."""
        listed = detail.get("acts")
        list_digest = detail.get("acts_sha256")
        if isinstance(listed, list):
            acts = normalized_acts(listed)
            if acts is None:
                return None
            mapping = {act_id: sha for act_id, sha in acts}
            if isinstance(list_digest, str) and len(self._lists) < 10_000:
                self._lists[list_digest] = mapping
            return mapping
        return self._lists.get(list_digest) if isinstance(list_digest, str) else None
