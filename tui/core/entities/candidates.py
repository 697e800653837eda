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
    "LOC_NAMED": 35,  # a name the article also writes as a place with its level word (phố Kim Mã)
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
    """Keep a non-overlapping subset: best rank first, then the longer span, then the earlier one.

    Taken characters are marked in a byte map, so testing a candidate costs its own length,
    not the number of spans already taken.
    """
    unique = {c for c in candidates if c.end > c.start}  # an empty span is never kept
    chosen: list[Candidate] = []
    size = max((c.end for c in unique), default=0) + 1
    taken = bytearray(size - 1)
    # The type settles an exact tie (same span, same rank), which set order left to the hash seed.
    # The order (-rank, -length, start, type) as one integer a candidate: a 5 MB file can give
    # 400,000 candidates, and a tuple of four (with two new integers) takes 100 bytes more.
    types = {name: place for place, name in enumerate(sorted({c.type for c in unique}))}
    top = max(PRIORITY.values())

    def order(c: Candidate) -> int:
        return (((top - c.rank) * size + size - 1 - (c.end - c.start)) * size + c.start) * len(types) + types[c.type]

    for c in sorted(unique, key=order):
        if taken.find(1, c.start, c.end) >= 0:
            continue
        chosen.append(c)
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)
