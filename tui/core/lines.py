"""The lines of a text file as the cleaner sees them, and why a line was kept out of the body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from tui.core.furniture import CAPTION_CUE


class Reason(StrEnum):
    """Why a line is not body text (``Removed.reason`` holds the value)."""

    BOILERPLATE = "boilerplate"  # menus, forms, related links, footers
    CAPTION = "caption"
    BYLINE = "byline"
    DATE = "date"
    KICKER = "kicker"  # category label, breadcrumb or occasion above the headline
    TITLE = "title"
    REPEATED = "repeated"  # a later copy of a paragraph already kept
    HEADER = "header"  # an official document's issuing body, motto, number, place and date, type
    RECIPIENTS = "recipients"  # an official document's "Nơi nhận:" list
    SIGNATURE = "signature"  # an official document's signature block or digital-signature stamp
    PREAMBLE = "preamble"  # an official document's "Căn cứ …" lines


# A line ends like a sentence (or a clause that goes on in the next line).
SENTENCE_END = re.compile(r"[.!?…:;]['\"”’)\]]*$")


@dataclass
class Line:
    """One non-blank line: offsets of its stripped content, its block (blank lines separate blocks)."""

    start: int
    end: int
    text: str
    block: int
    removed: Reason | None = None
    words: int = field(init=False)  # counted once: rules ask often, and a paragraph may be long

    def __post_init__(self) -> None:
        self.words = len(self.text.split())

    def retext(self, text: str) -> None:
        """Keep only ``text``, a prefix of the line (what is left when a fused byline is cut off)."""
        self.text = text
        self.end = self.start + len(text)
        self.words = len(text.split())


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with the offsets of their stripped content; blank lines separate blocks."""
    lines: list[Line] = []
    block = 0
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + (len(raw) - len(raw.lstrip()))
            lines.append(Line(start, start + len(stripped), stripped, block))
        else:
            block += 1
        offset += len(raw) + 1
    return lines


def looks_like_body(text: str) -> bool:
    """A line of prose: long, or of a dozen words ending like a sentence and not opening as a caption."""
    words = len(text.split())
    return words >= 35 or (words >= 12 and bool(SENTENCE_END.search(text)) and not CAPTION_CUE.match(text))
