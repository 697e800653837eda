"""A person's role: the title chain an article writes next to the name.

``Ông Nguyễn Văn An, Bí thư Tỉnh ủy Thái Nguyên, …`` gives ``Bí thư Tỉnh ủy Thái Nguyên``, and so
does ``Bí thư Tỉnh ủy Thái Nguyên Nguyễn Văn An``: titles (``vocab.TITLE_INDEX``) followed by the
organisations and places they belong to (``bodies``), chained by commas. Only ``_ROLE_MAX``
characters on either side of a name are read, so each mention costs a bounded time; a large
text's mentions are read in parts shared by a few processes (``parallel``).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from tui.core.entities.lexicon import MAX_WORD_SYLLABLES
from tui.core.entities.tokens import Tok, more_tokens, phrase_at, tokenize, tokens_before, word_end
from tui.core.entities.vocab import CUE_INDEX, TITLE_INDEX
from tui.core.model import Entity
from tui.core.parallel import PARALLEL_MIN_CHARS, map_ranges

_ROLE_MAX = 200
# Characters read first on either side of a name for its role (most roles are short or absent).
_ROLE_SHORT = 64
_ROLE_LEAD = re.compile(r"[^\S\n]*(?:,|-|–|\()[^\S\n]*")
# Tokens a role reading looks at beyond the one it stops at: a title (``phrase_at``) or a word.
_ROLE_LOOK = max(MAX_WORD_SYLLABLES, *map(max, TITLE_INDEX.lengths.values())) + 1


class Cover:
    """The characters that a set of spans covers; ``offset in cover`` by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if end <= start:
                continue
            if self.ends and start <= self.ends[-1]:  # overlapping or touching: one stretch
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


def bodies_of(entities: Iterable[Entity]) -> Cover:
    """What the article's organisations and places cover: a role runs through them."""
    return Cover((e.start, e.end) for e in entities if e.type in {"ORG", "LOC"})


def person_roles(
    text: str, mentions: Sequence[Entity], bodies: Cover, parallel_from: int = PARALLEL_MIN_CHARS
) -> list[str | None]:
    """``role_of`` each mention, in order. In a text of ``parallel_from`` characters or more the
    mentions are read in parts shared by a few processes: each role depends on its mention alone."""
    # Offsets in arrays: a forked part reads them without writing to the parent's Entity objects.
    starts = array("q", (m.start for m in mentions))
    ends = array("q", (m.end for m in mentions))
    return map_ranges(
        lambda first, stop: [_role_at(text, starts[i], ends[i], bodies) for i in range(first, stop)],
        len(mentions),
        len(text),
        parallel_from,
    )


def role_of(text: str, mention: Entity, bodies: Cover) -> str | None:
    """``Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng`` written after or before a person's name.

    ``bodies``: the organisations and places of the article. Only ``_ROLE_MAX`` characters on
    either side of the name on its line are read, however long the line.
    """
    return _role_at(text, mention.start, mention.end, bodies)


def _role_at(text: str, start: int, end: int, bodies: Cover) -> str | None:
    line_start = text.rfind("\n", max(0, start - _ROLE_MAX - 1), start) + 1
    return _role_after(text, end, bodies) or _role_before(text, line_start, start, bodies)


def _role_after(text: str, start: int, spans: Cover) -> str | None:
    lead = _ROLE_LEAD.match(text, start)  # it cannot cross a line break
    if not lead:
        return None
    line_end = text.find("\n", lead.end(), lead.end() + _ROLE_MAX)
    end = min(lead.end() + _ROLE_MAX if line_end < 0 else line_end, len(text))
    # The first words, then twice as many, and all of them only if the reading came near their end.
    toks: list[Tok] = []
    for cut in (lead.end() + _ROLE_SHORT, lead.end() + 2 * _ROLE_SHORT):
        if cut >= end:
            break
        toks = tokens_before(more_tokens(text, toks, lead.end(), cut), cut)
        role, read = _title_chains(text, toks, spans)
        if read + _ROLE_LOOK < len(toks):
            return role
    return _title_chains(text, more_tokens(text, toks, lead.end(), end), spans)[0]


def _title_chains(text: str, toks: list[Tok], spans: Cover) -> tuple[str | None, int]:
    """Titles separated by commas from the first token on; and the index of the token where the
    reading stopped (it looked at most ``_ROLE_LOOK`` tokens beyond it)."""
    segments: list[str] = []
    i = 0
    while i < len(toks) and phrase_at(toks, i, TITLE_INDEX):
        j = _title_chain_end(toks, i, spans)
        segments.append(text[toks[i].start : toks[j - 1].end])
        if j + 1 < len(toks) and toks[j].text == ",":
            i = j + 1
        else:
            i = j
            break
    return ", ".join(segments) or None, i


def _title_chain_end(toks: list[Tok], i: int, spans: Cover) -> int:
    """End of one title: the title words, then the bodies and places it belongs to."""
    j = i + phrase_at(toks, i, TITLE_INDEX)
    while j < len(toks):
        tok = toks[j]
        if tok.start in spans:
            j += 1
        elif tok.alpha and tok.cap and tok.space:
            j = word_end(toks, j)
        elif phrase_at(toks, j, TITLE_INDEX) and tok.space:
            j += phrase_at(toks, j, TITLE_INDEX)
        else:
            break
    return j


def _role_before(text: str, line_start: int, start: int, spans: Cover) -> str | None:
    first = max(line_start, start - _ROLE_MAX)
    # From a space, a shorter stretch has the same last tokens as the whole one (no token holds
    # a space, and the one after the space has one before it either way). Read it first, and the
    # whole stretch only when the walk back reached the shorter one's beginning.
    space = text.find(" ", max(first, start - _ROLE_SHORT), start)
    if space <= first:
        toks = tokenize(text, first, start)
        return _role_from(text, toks, _walk_back(toks, spans))
    toks = tokenize(text, space, start)
    i = _walk_back(toks, spans)
    if i >= 2:  # it read no token before ``i - 2``: the same stop in the whole stretch
        return _role_from(text, toks, i)
    # The tokens before the space are those of the whole stretch too: they end before it.
    toks = tokenize(text, first, space) + toks
    return _role_from(text, toks, _walk_back(toks, spans))


def _walk_back(toks: list[Tok], spans: Cover) -> int:
    """Index of the first token of the capitalised words, bodies and commas that end ``toks``."""
    i = len(toks)
    while i > 0:
        tok = toks[i - 1]
        inside = tok.start in spans
        lowercase_title_part = tok.lower and i >= 2 and toks[i - 2].cap and word_end(toks, i - 2) >= i
        if (
            inside
            or (tok.alpha and tok.cap)
            or lowercase_title_part
            or (tok.text == "," and i >= 2 and (toks[i - 2].cap or toks[i - 2].start in spans))
        ):
            i -= 1
        else:
            break
    return i


def _role_from(text: str, toks: list[Tok], i: int) -> str | None:
    """The role in ``toks[i:]``: from its first title to the end."""
    while i < len(toks) and (
        toks[i].text == "," or (phrase_at(toks, i, CUE_INDEX) and not phrase_at(toks, i, TITLE_INDEX))
    ):
        i += phrase_at(toks, i, CUE_INDEX) or 1
    while i < len(toks) and not phrase_at(toks, i, TITLE_INDEX):
        i += 1
    if i >= len(toks):
        return None
    return text[toks[i].start : toks[-1].end].rstrip(" ,-–") or None
