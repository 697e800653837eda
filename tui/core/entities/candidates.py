"""A proposed entity span, and how overlapping proposals are settled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Higher wins an overlap; length breaks ties. Specific, cue-driven rules outrank
# bare look-ups, and a figure never wins over a date or a name.
PRIORITY = {
    "DOC": 60,
    "ORG": 50,
    "LOC_LEVEL": 45,
    "PER_CUE": 45,
    "DATE": 40,
    "LOC": 30,
    "PER": 30,
    "NUM": 10,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    type: str
    start: int
    end: int
    rank: int

    @classmethod
    def of(cls, type_: str, start: int, end: int, rule: str | None = None) -> Candidate:
        return cls(type_, start, end, PRIORITY[rule or type_])


def resolve(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Keep a non-overlapping subset: best rank first, then the longer span, then the earlier one."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(set(candidates), key=lambda c: (-c.rank, -(c.end - c.start), c.start)):
        if c.end <= c.start or any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)
