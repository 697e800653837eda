"""Second pass: a name found once by a rule is a name wherever else the article writes it.

* A person's name of two syllables or more that a cue, a byline or a credit
  found (``Hoàng Thùy``, ``Bill Gates``) is a person at its other mentions too.
* An acronym defined in brackets right after a body (``Tập đoàn Điện lực Việt
  Nam (EVN)``) is that body, there and wherever it recurs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.core.entities.candidates import Candidate
from tui.core.entities.vocab import CUE_INDEX, PHRASE_STARTERS

_ACRONYM_DEF = re.compile(r"[^\S\n]*\(([A-ZĐ][A-ZĐ0-9&\-]{1,9})\)")


def propagate(text: str, regions: Sequence[tuple[int, int, str]], chosen: Sequence[Candidate]) -> list[Candidate]:
    names: dict[str, str] = {}
    found: list[Candidate] = []
    for c in chosen:
        mention = text[c.start : c.end]
        if c.type == "PER" and len(mention.split()) >= 2 and not mention.isupper():
            names[" ".join(mention.split())] = "PER"
        elif c.type == "ORG":
            m = _ACRONYM_DEF.match(text, c.end)
            if m:
                names[m.group(1)] = "ORG"
                found.append(Candidate.of("ORG", m.start(1), m.end(1)))
    if not names:
        return found
    pattern = re.compile(
        r"(?<![\w.\-])("
        + "|".join(re.escape(n).replace(r"\ ", r"[^\S\n]+") for n in sorted(names, key=len, reverse=True))
        + r")(?![\w\-])"
    )
    for start, end, kind in regions:
        if kind == "boilerplate":
            continue
        for m in pattern.finditer(text, start, end):
            if not _next_to_capital(text, m.start(), m.end()):
                found.append(Candidate.of(names[" ".join(m.group(1).split())], m.start(), m.end()))
    return found


def _next_to_capital(text: str, start: int, end: int) -> bool:
    """Part of a longer capitalised name (Nguyễn Thái Bình, Hồ Chí Minh)."""
    before = re.search(r"([^\W\d_]+)[^\S\n]+$", text[max(0, start - 20) : start])
    after = re.match(r"[^\S\n]+([^\W\d_]+)", text[end : end + 20])
    if after and after.group(1)[0].isupper():
        return True
    if not before or not before.group(1)[0].isupper():
        return False
    word = before.group(1)
    # Sentence-initial function words and titles are not part of a name: "Theo Park Hang-seo".
    return word not in PHRASE_STARTERS and word.lower() not in CUE_INDEX.lengths
