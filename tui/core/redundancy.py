"""Ranks without near-repeats: a sentence that says again what a better one said moves down.

News pages repeat themselves: a photo caption restates the headline, a lead is repeated as the
first body sentence, a table's title stands before and inside the table. Every summarizer scores
sentences one by one, so both copies can rank high and a summary then says one thing twice. After
scoring, the best-ranked sentences are walked in rank order (a greedy redundancy filter in the
spirit of MMR); one whose words are mostly those of a sentence already kept is moved below every
sentence of those best ranks that repeats nothing, keeping its score. Taking the best ``k`` of the
new ranks then takes no near-repeat while the best ranks hold ``k`` fresh sentences; sentences set
aside as page matter stay last.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.core.model import Sentence, SentenceScore

# The shorter of two sentences repeats the other when this share of its distinct syllables
# is in the other: below the 0.7 a reader's rough check uses, so borderline pairs go too.
REPEAT_SHARE = 0.6
# Only the best ranks are re-ordered (a summary has at most 50 sentences): the walk compares
# each with the ones kept, so bounding it keeps long reports linear.
DIVERSIFY_TOP = 60
_WORD = re.compile(r"\w+")


def syllables(text: str) -> frozenset[str]:
    # Read one match at a time: a list of every syllable of a sentence of megabytes held ~10^6 strings.
    return frozenset(match.group() for match in _WORD.finditer(text.lower()))


def repeats(shorter_of: frozenset[str], other: frozenset[str]) -> bool:
    """Whether the shorter of the two syllable sets is mostly inside the other."""
    small, large = (shorter_of, other) if len(shorter_of) <= len(other) else (other, shorter_of)
    return bool(small) and len(small & large) >= REPEAT_SHARE * len(small)


def diversify(scores: Sequence[SentenceScore], sentences: Sequence[Sentence]) -> tuple[SentenceScore, ...]:
    """``scores`` with near-repeats among the top ranks moved down (scores unchanged, ranks renumbered)."""
    by_rank = sorted(scores, key=lambda s: s.rank)
    head, tail = by_rank[:DIVERSIFY_TOP], by_rank[DIVERSIFY_TOP:]
    text = {s.index: s.text for s in sentences}
    kept: list[SentenceScore] = []
    kept_words: list[frozenset[str]] = []
    moved: list[SentenceScore] = []
    for score in head:
        words = syllables(text.get(score.index, ""))
        if any(repeats(words, other) for other in kept_words):
            moved.append(score)
        else:
            kept.append(score)
            kept_words.append(words)
    if not moved:
        return tuple(scores)
    order = [*kept, *moved, *tail]
    rank_of = {score.index: position + 1 for position, score in enumerate(order)}
    return tuple(SentenceScore(s.index, s.score, rank_of[s.index]) for s in scores)
