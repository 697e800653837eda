"""Syllable tokens of a line of text, with offsets, grouped into dictionary words."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple

from tui.core.entities.lexicon import MAX_WORD_SYLLABLES, is_word

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")
# A token with the whitespace before it: ``findall`` gives both as strings, made in C, with no
# match object per token. Every character is whitespace or in a token, so offsets add up.
_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")")


class Tok(NamedTuple):
    """A syllable, a number or one punctuation character; ``space`` = whitespace before it;
    ``alpha`` and ``cap``: its first character is a letter, a capital letter.

    A named tuple, not a frozen dataclass: a 5 MB report has about two million of them, and a
    tuple is made and read in C (the dataclass sets each field through ``object.__setattr__``).
    ``alpha`` and ``cap`` are fields, not properties, because the rules read them about ten times
    a token: a field is read in C, a property is a Python call each time.
    """

    start: int
    end: int
    text: str
    space: bool
    alpha: bool
    cap: bool

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
    # Trailing whitespace has no token after it: left out, no search starts inside it, so each
    # run of spaces is read once (a search from each of its characters would be quadratic).
    end = min(end, len(text))
    while end > start and text[end - 1].isspace():
        end -= 1
    toks: list[Tok] = []
    pos = start
    make = tuple.__new__  # Tok's own __new__ is a Python function: this skips one call a token
    for gap, token in _SPACED_TOKEN.findall(text, start, end):
        at = pos + len(gap)
        pos = at + len(token)
        first = token[0]
        toks.append(make(Tok, (at, pos, token, bool(gap), first.isalpha(), first.isupper())))
    return toks


def tokens_before(toks: list[Tok], cut: int) -> list[Tok]:
    """The tokens of ``tokenize(text, start, cut)`` that every longer ``tokenize(text, start, end)``
    starts with: those ending two characters or more before ``cut`` (``1.5`` cut after the dot
    reads ``1`` ``.``; the character after a token and the one after that decide where it ends)."""
    keep = len(toks)
    while keep and toks[keep - 1].end > cut - 2:
        keep -= 1
    return toks[:keep]


def more_tokens(text: str, toks: list[Tok], start: int, end: int) -> list[Tok]:
    """``tokenize(text, start, end)`` when ``toks`` is known to start it (``tokens_before``): only
    the rest is read. A token ends where the next search begins, so reading on from it is the same."""
    return toks + tokenize(text, toks[-1].end if toks else start, end)


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
    # Read at almost every token by several rules, and almost always rejected by the first look-up.
    if i >= len(toks):
        return 0
    fold_case = index.fold_case
    first = toks[i].text
    lengths = index.lengths.get(first.lower() if fold_case else first)
    if lengths is None:
        return 0
    for n in lengths:
        if n == 1:
            return 1
        if i + n <= len(toks):
            key = " ".join([t.text for t in toks[i : i + n]])
            if (key.lower() if fold_case else key) in index.keys:
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
