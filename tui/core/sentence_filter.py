"""Body sentences that are page matter rather than the story, flagged before ranking.

The cleaner removes whole lines of page furniture; what it cannot see sits
inside body paragraphs: a photo caption ending in a credit (``… - Ảnh: TTXVN``),
a caption line written just above a credit line, ``Xem video: …``/``Xem thêm: …``
links, a byline such as ``Hà Nguyễn (tổng hợp)`` at the end, and fragments left
by sentence splitting, a copyright footer. Every summarizer ranks these last (they keep a score, so
every sentence is still scored). The rules look at a sentence's shape and at
the vocabulary news pages use for such matter, never at particular articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from tui.core.furniture import (
    BYLINE_TAIL,
    CAPTION_START,
    COPYRIGHT,
    CREDIT_END,
    CREDIT_LINE_START,
    LINK_SENTENCE,
    SOURCE_LINE,
)
from tui.core.model import Document, Sentence
from tui.core.parallel import PARALLEL_MIN_CHARS, map_ranges

JUNK_REASONS: tuple[str, ...] = ("caption", "link", "byline", "fragment", "footer", "heading")

_SYLLABLE = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)\]]*$")
_FRAGMENT_SYLLABLES = 4
_BYLINE_MAX_WORDS = 12
_FOOTER_MAX_WORDS = 40
_HEADING_MAX_WORDS = 20  # a copyright or publisher line; a sentence about copyright law is longer


def junk_reasons(
    document: Document, sentences: Sequence[Sentence], parallel_from: int = PARALLEL_MIN_CHARS
) -> tuple[str | None, ...]:
    """For every sentence: why it is page matter (one of ``JUNK_REASONS``), or None for story text.

    Sentences of ``parallel_from`` characters or more in all are read in parts shared by a few
    processes (``parallel``): each sentence is judged on its own, with its paragraph's count."""
    per_paragraph: dict[int, int] = {}
    for sentence in sentences:
        per_paragraph[sentence.paragraph] = per_paragraph.get(sentence.paragraph, 0) + 1
    size = sentences[-1].end - sentences[0].start if sentences else 0
    work = partial(_reasons, document, sentences, per_paragraph)
    return tuple(map_ranges(work, len(sentences), size, parallel_from))


def _reasons(
    document: Document, sentences: Sequence[Sentence], per_paragraph: dict[int, int], first: int, stop: int
) -> list[str | None]:
    """``junk_reasons`` of sentences ``first`` to ``stop``."""
    last_paragraph = sentences[-1].paragraph if sentences else -1
    out: list[str | None] = []
    for position in range(first, stop):
        sentence = sentences[position]
        alone = per_paragraph[sentence.paragraph] == 1
        following = sentences[position + 1] if position + 1 < len(sentences) else None
        ends_paragraph = following is None or following.paragraph != sentence.paragraph
        out.append(
            sentence_junk(
                sentence.text,
                alone=alone,
                last=sentence.paragraph == last_paragraph,
                before_credit=ends_paragraph and _credit_follows(document, sentence.end),
            )
        )
    return out


def sentence_junk(text: str, alone: bool = False, last: bool = False, before_credit: bool = False) -> str | None:
    """Why one sentence is page matter, or None.

    ``alone``: it is the only sentence of its paragraph; ``last``: it is in the
    last body paragraph; ``before_credit``: a photo credit line comes right after it.
    """
    stripped = text.strip()
    syllables = _SYLLABLE.findall(stripped)
    if _is_byline(stripped, syllables, alone, last):
        return "byline"
    if len(syllables) < _FRAGMENT_SYLLABLES:
        return "fragment"
    if LINK_SENTENCE.match(stripped):
        return "link"
    if len(syllables) <= _FOOTER_MAX_WORDS and COPYRIGHT.search(stripped):
        return "footer"
    if CAPTION_START.match(stripped) or (len(syllables) <= 40 and CREDIT_END.search(stripped)):
        return "caption"
    if before_credit and len(syllables) <= 30:
        return "caption"
    if alone and len(syllables) <= _HEADING_MAX_WORDS and not _SENTENCE_END.search(stripped):
        return "heading"  # a subheading, or a related story's headline boxed inside the body
    return None


def _is_byline(text: str, syllables: list[str], alone: bool, last: bool) -> bool:
    if len(syllables) > _BYLINE_MAX_WORDS or not (alone or last):
        return False
    if BYLINE_TAIL.search(text):
        return True
    if _SENTENCE_END.search(text):
        return False
    if SOURCE_LINE.match(text) and len(syllables) <= 8:
        return True
    # A bare name, or names joined by a dash: every syllable capitalised, none a number.
    if not alone or len(syllables) > 8:
        return False
    names = [s for s in syllables if not s.isdigit()]
    return len(names) == len(syllables) and all(s[0].isupper() for s in names)


def _credit_follows(document: Document, end: int) -> bool:
    """Whether the next non-blank line after ``end`` is a photo credit (``Ảnh: …``)."""
    text = document.text
    line_end = text.find("\n", end)
    if line_end < 0:
        return False
    following = text[line_end : line_end + 200].lstrip()
    return bool(CREDIT_LINE_START.match(following))
