"""Body sentences that are page matter rather than the story, flagged before ranking.

The cleaner removes whole lines of page furniture; what it cannot see sits
inside body paragraphs: a photo caption ending in a credit (``… - Ảnh: TTXVN``),
a caption line written just above a credit line, ``Xem video: …``/``Xem thêm: …``
links, a byline such as ``Hà Nguyễn (tổng hợp)`` at the end, and fragments left
by sentence splitting. Every summarizer ranks these last (they keep a score, so
every sentence is still scored). The rules look at a sentence's shape and at
the vocabulary news pages use for such matter, never at particular articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.core.model import Document, Sentence

JUNK_REASONS: tuple[str, ...] = ("caption", "link", "byline", "fragment")

_SYLLABLE = re.compile(r"\w+")
_CREDIT_WORD = r"(?:ảnh|clip|video|nguồn|đồ\s*hoạ|đồ\s*họa|infographic)"
# A sentence that starts as a caption or a credit: `Ảnh: …`, `(Nguồn: …)`, `Video: …`.
_CAPTION_START = re.compile(
    rf"^[\s(\[\-–>]*(?:{_CREDIT_WORD}(?:\s*minh\s*ho[ạa])?\s*[:|]|ảnh\s*minh\s*ho[ạa]\b)", re.IGNORECASE
)
# A sentence that ends with a credit: `… - Ảnh: QUANG ĐỊNH`, `… (Ảnh: Reuters).`
_CREDIT_END = re.compile(
    rf"(?:[-–|(\[]|^|\.)\s*{_CREDIT_WORD}(?:\s*minh\s*ho[ạa])?\s*:\s*[^.!?:]{{1,50}}[)\]]?\s*\.?$", re.IGNORECASE
)
# A line that sends the reader elsewhere: `Xem video: …`, `Xem thêm tại đây.`, `>> Đọc thêm …`.
_LINK = re.compile(
    r"^[\s>»\-–*]*(?:(?:xem|đọc|mời\s*(?:quý\s*vị|bạn\s*đọc|độc\s*giả)\s*xem)\s*"
    r"(?:thêm|tiếp|video|clip|chi\s*tiết|toàn\s*bộ|ảnh|tin|bài)|video|clip|infographic|"
    r"nguồn\s*video|(?:link|trailer)\s*:)\b",
    re.IGNORECASE,
)
# How a byline ends: `(tổng hợp)`, `(T/h)`, `(Theo Reuters)`, `(lược dịch)`, `(Video: …)`.
_BYLINE_TAIL = re.compile(
    r"\((?:\s*(?:tổng\s*hợp|t\s*/\s*h|th|lược\s*dịch|dịch|biên\s*dịch|theo|nguồn|video|ảnh|clip)\b[^()]{0,60})\)\s*$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^\(?\s*(?:theo|nguồn)\s*:?\s*[^\s,.]", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)\]]*$")
_FRAGMENT_SYLLABLES = 4
_BYLINE_MAX_WORDS = 12


def junk_reasons(document: Document, sentences: Sequence[Sentence]) -> tuple[str | None, ...]:
    """For every sentence: why it is page matter (one of ``JUNK_REASONS``), or None for story text."""
    per_paragraph: dict[int, int] = {}
    for sentence in sentences:
        per_paragraph[sentence.paragraph] = per_paragraph.get(sentence.paragraph, 0) + 1
    last_paragraph = sentences[-1].paragraph if sentences else -1
    out: list[str | None] = []
    for position, sentence in enumerate(sentences):
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
    return tuple(out)


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
    if _LINK.match(stripped):
        return "link"
    if _CAPTION_START.match(stripped) or (len(syllables) <= 40 and _CREDIT_END.search(stripped)):
        return "caption"
    if before_credit and len(syllables) <= 30:
        return "caption"
    return None


def _is_byline(text: str, syllables: list[str], alone: bool, last: bool) -> bool:
    if len(syllables) > _BYLINE_MAX_WORDS or not (alone or last):
        return False
    if _BYLINE_TAIL.search(text):
        return True
    if _SENTENCE_END.search(text):
        return False
    if _SOURCE_LINE.match(text) and len(syllables) <= 8:
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
    return bool(re.match(r"\(?\s*ảnh\s*(?:minh\s*ho[ạa]\s*)?:", following, re.IGNORECASE))
