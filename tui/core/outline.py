"""Numbered section headings in plain text, and each section's key sentences.

Vietnamese reports number their sections ``I. KẾT QUẢ ĐẠT ĐƯỢC``, ``1. Công tác …``,
``1.2. …``, ``a) …``. A line is a heading when it starts with such a number and is
short: a numbered paragraph of several sentences, or a list item that runs on
(ending in ``;`` or ``,``), is body text. Documents whose reader found headings
(Markdown, Word, HTML) keep those.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.core.model import Document, Heading, Sentence, Span

# level 1: roman numerals; 2: 1. / 1) ; 3: 1.2. ; 4: a) / đ)
_ROMAN = r"(?P<roman>[IVXL]{1,6})[.)]"
_NUMBER = r"(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})(?:[.)]|(?=\s))"
_LETTER = r"(?P<letter>[a-zđ])\)"
_HEADING = re.compile(rf"^[ \t]*(?:{_ROMAN}|{_NUMBER}|{_LETTER})[ \t]+(?P<title>\S[^\n]*?)[ \t]*$", re.MULTILINE)
_ROMAN_VALUE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")

MAX_WORDS = 20  # a title, not a paragraph
MIN_HEADINGS = 2  # one numbered line is not an outline


def numbered_headings(text: str) -> tuple[Heading, ...]:
    """The numbered heading lines of ``text`` (offsets into it), in order."""
    found = []
    for match in _HEADING.finditer(text):
        title = match.group("title")
        words = title.split()
        if len(words) > MAX_WORDS or title.endswith((";", ",")) or _sentences_in(title) > 1:
            continue
        if match.group("roman"):
            if not _ROMAN_VALUE.match(match.group("roman")):
                continue
            level = 1
        elif match.group("number"):
            level = 2 + min(match.group("number").count("."), 2)
        else:
            level = 4
        start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
        found.append(Heading(start, match.end(), level, " ".join(match.group(0).split())))
    return tuple(found) if len(found) >= MIN_HEADINGS else ()


def _sentences_in(title: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", title.rstrip(".:"))) + 1


def headings_of(document: Document) -> tuple[Heading, ...]:
    """The headings the reader found, else the numbered ones of the text."""
    return document.headings or numbered_headings(document.text)


def shown_spans(document: Document) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """What a reader sees of ``document``: its body paragraphs and, between them, the heading
    lines the cleaner kept out of the body (a short line without a full stop looks like a caption),
    so that a heading can be shown and scrolled to. Returns (all spans in order, the headings)."""
    paragraphs = document.paragraphs or (Span(0, len(document.text)),)
    starts = [p.start for p in paragraphs]
    added = []
    for heading in headings_of(document):
        before = bisect.bisect_right(starts, heading.start) - 1
        if before >= 0 and paragraphs[before].end > heading.start:
            continue  # inside a body paragraph: already shown
        after = before + 1
        if after < len(paragraphs) and paragraphs[after].start < heading.end:
            continue
        added.append(Span(heading.start, heading.end))
    return tuple(sorted((*paragraphs, *added), key=lambda s: s.start)), tuple(added)


@dataclass(frozen=True)
class Section:
    """A heading, how many of the summary's top sentences fall under it, and its best sentence."""

    heading: Heading
    key_sentences: int
    best: Sentence | None


def sections(
    headings: Sequence[Heading], sentences: Sequence[Sentence], ranks: Mapping[int, int], count: int
) -> list[Section]:
    """Each heading's section runs to the next heading (of any level). ``ranks``: sentence index →
    rank (1 best) under the summary's algorithm; ``count``: the summary's length."""
    result = []
    for number, heading in enumerate(headings):
        end = headings[number + 1].start if number + 1 < len(headings) else None
        inside = [s for s in sentences if s.start >= heading.end and (end is None or s.start < end)]
        ranked = [s for s in inside if s.index in ranks]
        best = min(ranked, key=lambda s: ranks[s.index]) if ranked else None
        key = sum(1 for s in ranked if ranks[s.index] <= count)
        result.append(Section(heading, key, best))
    return result
