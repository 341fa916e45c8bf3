"""Acts from several sources made into one catalogue: one act per id, conflicts said, not hidden.

The same id twice with the same file (a feed and a bundle both listing it) is one act. The same id
with two different sha256 is a problem: the first source's act is kept (sources are given in order
of trust: bundle, then feeds) and both hashes are reported, so the journal keeps them.
"""

from dataclasses import dataclass

from common.terminal import quoted
from media.acts.model import Act
from media.acts.problems import ActProblem


@dataclass(frozen=True, slots=True)
class HashConflict:
    act_id: str
    kept_sha256: str
    other_sha256: str
    where: str  # the source of the other one
    reason: str  # "duplicate-id" or "changed-at-source"


def merge_acts(batches: list[list[Act]]) -> tuple[list[Act], list[ActProblem], list[HashConflict]]:
    kept: dict[str, Act] = {}
    problems: list[ActProblem] = []
    conflicts: list[HashConflict] = []
    for acts in batches:
        for act in acts:
            first = kept.get(act.id)
            if first is None:
                kept[act.id] = act
            elif first.pdf.sha256 != act.pdf.sha256:
                conflicts.append(HashConflict(act.id, first.pdf.sha256 or "", act.pdf.sha256 or "", act.source, "duplicate-id"))
                problems.append(ActProblem(f"{act.source}: act {quoted(act.id, 64)}",
                                           f"same id as in {first.source} but another file (sha256 {first.pdf.sha256 or '?'} "
                                           f"there, {act.pdf.sha256 or '?'} here): the first is kept"))
    return list(kept.values()), problems, conflicts


class HashLedger:
    """The first sha256 seen for each act id: a file that changes afterwards is a problem (an act is
    never altered once published; a corrected act is a new act with its own id). Bounded."""

    MAX_IDS = 100_000

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self._known: dict[str, str] = dict(list((known or {}).items())[-self.MAX_IDS:])

    def check(self, act_id: str, sha256: str, source: str) -> HashConflict | None:
        first = self._known.get(act_id)
        if first is None:
            if len(self._known) >= self.MAX_IDS:
                self._known.pop(next(iter(self._known)))
            self._known[act_id] = sha256
            return None
        if first == sha256:
            return None
        return HashConflict(act_id, first, sha256, source, "changed-at-source")

    def snapshot(self) -> dict[str, str]:
        return dict(self._known)
