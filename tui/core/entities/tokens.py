"""Syllable tokens of a line of text, with offsets, grouped into dictionary words."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple

from tui.core.entities.lexicon import MAX_WORD_SYLLABLES, is_word

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")


class Tok(NamedTuple):
    """A syllable, a number or one punctuation character; ``space`` = whitespace before it.

    A named tuple, not a frozen dataclass: a 5 MB report has about two million of them, and a
    tuple is made and read in C (the dataclass sets each field through ``object.__setattr__``).
    """

    start: int
    end: int
    text: str
    space: bool

    @property
    def alpha(self) -> bool:
        return self.text[0].isalpha()

    @property
    def cap(self) -> bool:
        return self.text[0].isupper()

    @property
    def lower(self) -> bool:
        return self.text[0].islower()

    @property
    def upper(self) -> bool:
        """An all-capitals word of two letters or more (acronym or shouted text)."""
        return len(self.text) > 1 and self.text.isupper()

    @property
    def digit(self) -> bool:
        return self.text[0].isdigit()


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    toks: list[Tok] = []
    prev_end = start
    make = tuple.__new__  # Tok's own __new__ is a Python function: this skips one call a token
    for m in _TOKEN.finditer(text, start, end):
        at, prev = m.start(), prev_end
        prev_end = m.end()
        toks.append(make(Tok, (at, prev_end, m.group(), at > prev)))
    return toks


def first_at(toks: list[Tok], offset: int) -> int:
    """Index of the first token that starts at or after ``offset`` (``len(toks)`` if none)."""
    return bisect_left(toks, offset, key=lambda t: t.start)


def window(toks: list[Tok], offset: int, spaced: int) -> list[Tok]:
    """The tokens from ``offset`` through the next ``spaced`` space-separated ones (and what is
    glued to them): what a rule that reads a few words after a cue can see.

    Not the rest of the line, which a long line of cues would copy once per cue.
    """
    start = end = first_at(toks, offset)
    seen = 0
    while end < len(toks) and seen <= spaced:
        seen += toks[end].space
        end += 1
    return toks[start:end]


def word_end(toks: list[Tok], i: int) -> int:
    """Index after the longest dictionary word starting at syllable ``i`` (at least one syllable)."""
    best = i + 1
    parts = [toks[i].text]
    j = i + 1
    while j < len(toks) and j - i < MAX_WORD_SYLLABLES and toks[j].alpha and toks[j].space:
        parts.append(toks[j].text)
        if is_word(" ".join(parts)):
            best = j + 1
        j += 1
    return best


@dataclass(frozen=True)
class PhraseIndex:
    """Phrases as token sequences, looked up by their first token (fast rejection)."""

    lengths: dict[str, tuple[int, ...]]  # first token -> phrase lengths, longest first
    keys: frozenset[str]
    fold_case: bool


def phrase_at(toks: list[Tok], i: int, index: PhraseIndex) -> int:
    """Length in tokens of the longest phrase of ``index`` starting at ``i`` (0 if none)."""
    if i >= len(toks):
        return 0
    first = toks[i].text.lower() if index.fold_case else toks[i].text
    lengths = index.lengths.get(first)
    if not lengths:
        return 0
    for n in lengths:
        if n == 1:
            return 1
        if i + n <= len(toks):
            key = " ".join(t.text for t in toks[i : i + n])
            if (key.lower() if index.fold_case else key) in index.keys:
                return n
    return 0


def by_length(phrases: list[str] | set[str] | tuple[str, ...], fold_case: bool = False) -> PhraseIndex:
    """Index phrases for ``phrase_at``; with ``fold_case`` matching ignores letter case."""
    lengths: dict[str, set[int]] = {}
    keys: set[str] = set()
    for p in phrases:
        parts = [m.group() for m in _TOKEN.finditer(p)]
        if not parts:
            continue
        key = " ".join(parts)
        if fold_case:
            key, parts = key.lower(), [x.lower() for x in parts]
        keys.add(key)
        lengths.setdefault(parts[0], set()).add(len(parts))
    return PhraseIndex({k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}, frozenset(keys), fold_case)
