"""The figures table: every figure (NUM mention) of many articles with its value, unit, what it
counts and the clause it belongs to.

A NUM mention's text is the figure, then the multiplier and unit words and the counted noun that
``tui.core.entities.numbers`` read after it (``2,5 triệu đồng``, ``2.053 đảng viên``,
``102% kế hoạch``, ``15ha lúa``); the clause is ``grouping.context_of``, the one the entity panel shows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from tui.core.collector import paused_collection
from tui.core.entities.grouping import context_of, sentence_index
from tui.core.entities.lexicon import MAX_WORD_SYLLABLES, is_word
from tui.core.entities.numbers import MULTIPLIERS, UNITS
from tui.core.model import Analysis

# Vietnamese writing: ``.`` groups thousands, ``,`` is the decimal mark.
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_FIGURE = re.compile(
    rf"(?P<value>{_NUMBER})(?:\s*/\s*(?P<total>{_NUMBER}))?(?:[-–](?P<upper>{_NUMBER}))?(?:\s?(?P<percent>%))?"
)
_LONGEST_UNIT = max(len(unit.split()) for unit in UNITS)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in one article. ``value`` is None for a range (``0,1-0,2%``)."""

    text: str  # as written: ``2,5 triệu đồng``
    value: float | None  # 2500000.0
    unit: str  # ``đồng``, ``%``, ``ha``, ``/5`` (3 of 5); "" for a plain count
    counts: str  # the noun it counts: ``đảng viên``, ``kế hoạch``; "" when none follows
    clause: str
    path: str
    date: dt.date | None
    start: int
    end: int


def number_value(text: str) -> float:
    """``1.234,5`` → 1234.5 (Vietnamese thousands and decimal marks)."""
    return float(text.replace(".", "").replace(",", "."))


def parse_figure(text: str) -> tuple[float | None, str, str]:
    """(value, unit, counts) of a NUM mention's text; (None, "", "") when it does not start with a figure."""
    m = _FIGURE.match(text)
    if m is None:
        return None, "", ""
    value: float | None = None if m["upper"] else number_value(m["value"])
    unit = "%" if m["percent"] else f"/{m['total']}" if m["total"] else ""
    words = text[m.end() :].split()
    if words and text[m.end() : m.end() + 1].isalpha():  # a unit glued to the figure: 15ha
        unit, words = words[0], words[1:]
    i = 0
    while i < len(words) and words[i].lower() in MULTIPLIERS:
        value = value * MULTIPLIERS[words[i].lower()] if value is not None else None
        i += 1
    if not unit:
        for size in range(min(_LONGEST_UNIT, len(words) - i), 0, -1):
            # After a multiplier the unit reading wins (``400 triệu đồng tiền mặt`` is money).
            if " ".join(words[i : i + size]).lower() in UNITS and (i or not _starts_a_word(words, i, size)):
                unit, i = " ".join(words[i : i + size]), i + size
                break
    return value, unit, " ".join(words[i:])


def _starts_a_word(words: list[str], i: int, size: int) -> bool:
    """Whether the unit-like ``words[i : i + size]`` is the start of a longer dictionary word, as
    ``đồng`` is in ``48 đồng chí`` (48 comrades, not 48 dong) or ``năm`` in ``3 năm học``."""
    return any(
        is_word(" ".join(words[i : i + size + extra]))
        for extra in range(1, MAX_WORD_SYLLABLES - size + 1)
        if i + size + extra <= len(words)
    )


def corpus_figures(items: Iterable[tuple[str, Analysis]]) -> list[Figure]:
    """Every figure of every article, in corpus order and, within an article, in text order."""
    with paused_collection():
        return _corpus_figures(items)


def _corpus_figures(items: Iterable[tuple[str, Analysis]]) -> list[Figure]:
    out: list[Figure] = []
    for path, analysis in items:
        document = analysis.document
        mentions = sorted(
            (m for g in analysis.groups or () if g.type == "NUM" for m in g.mentions), key=lambda m: m.start
        )
        if not mentions:
            continue
        sentences = sentence_index(analysis.sentences)
        for mention in mentions:
            value, unit, counts = parse_figure(mention.text)
            clause = context_of(document.text, mention, sentences)
            text = " ".join(mention.text.split())
            out.append(Figure(text, value, unit, counts, clause, path, document.date, mention.start, mention.end))
    return out
