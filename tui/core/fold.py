"""Fold text for matching with or without Vietnamese diacritics.

``fold("Thái Nguyên") == "thai nguyen"`` and ``fold("Đà") == "da"``. The result
has exactly one character per input character, so an offset found in the
folded text is the same offset in the original: search hits can be styled in
place. No Textual or NLP imports: the list filter and find-in-article use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# Letters that do not decompose under NFD but read as a plain Latin letter.
_EXTRA = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o"}


def _fold_char(ch: str) -> str:
    if ch in _EXTRA:
        return _EXTRA[ch]
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    base = base.lower()
    if len(base) == 1:
        return base
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """A translation table for Latin letters with marks (Vietnamese lives in these blocks)."""
    ranges = [(0x41, 0x5A), (0xC0, 0x24F), (0x1E00, 0x1EFF)]
    table: dict[int, str] = {}
    for low, high in ranges:
        for code in range(low, high + 1):
            ch = chr(code)
            folded = _fold_char(ch)
            if folded != ch:
                table[code] = folded
    return table


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics, keeping one character per character."""
    text = unicodedata.normalize("NFC", text) if not text.isascii() else text
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer (e.g. "İ")
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_table())


_COMBINING = re.compile("[\u0300-\u036f]+")


_SPACE = re.compile(r"\s+")


def fold_loose(text: str) -> str:
    """Like ``fold``, faster, with runs of white space made one space; offsets are not kept.

    For indexing many files: ``matches`` looks for a folded query in it.
    """
    lowered = text.lower().replace("đ", "d").replace("ð", "d")
    return _SPACE.sub(" ", _COMBINING.sub("", unicodedata.normalize("NFD", lowered)))


def fold_query(query: str) -> str:
    """A user's query folded and with its runs of white space made single spaces."""
    return " ".join(fold(query).split())


def matches(loose_text: str, query: str) -> bool:
    """Whether the phrase ``query`` occurs in ``loose_text`` (a ``fold_loose`` result).

    Case, diacritics and spacing are ignored: ``thai nguyen`` finds ``Thái  Nguyên``.
    """
    needle = fold_loose(query).strip()
    return needle in loose_text


def find_all(text: str, query: str, folded_text: str | None = None) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every occurrence of ``query`` in ``text``, ignoring case and diacritics."""
    needle = fold_query(query)
    if not needle:
        return
    haystack = folded_text if folded_text is not None else fold(text)
    start = haystack.find(needle)
    while start != -1:
        yield start, start + len(needle)
        start = haystack.find(needle, start + len(needle))
