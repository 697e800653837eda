"""Bylines and source lines: ``Xuân Nghiệp``, ``TRÍ DŨNG``, ``Theo VGP``, ``Nguồn: Người Lao Động``."""

from __future__ import annotations

import re

from tui.core.entities.candidates import Candidate
from tui.core.entities.line import Line, cap_run
from tui.core.entities.places import gazetteer_at
from tui.core.entities.tokens import Tok, phrase_at, window
from tui.core.entities.vocab import CUE_INDEX, ORG_HEAD_INDEX, PHRASE_STARTERS, SURNAMES
from tui.core.furniture import SOURCE_CUE

# Space-separated tokens a source credit can span: a name of four syllables, a look-ahead and the
# longest place or body head (six tokens).
_SOURCE_REACH = 12
_DOMAIN = re.compile(r"(?<![\w.])[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?:vn|net|com|org|info)(?![\w.])")
_MEDIA_CUE = re.compile(r"(?:[Tt]heo|với|[Nn]guồn:?|trên)[^\S\n]+$")
_NAME_SEPARATORS = {"-", "–", "/", ",", "và", "&"}
_COLLECTIVE = {"nhóm", "ban", "pv", "ctv", "phóng viên", "nhóm phóng viên"}
# The end of the article's last sentence; a byline may follow on the same line (``… ./. Xuân Mai/VOV``).
_SENTENCE_END = re.compile(r"[.!?…][”\"']?[^\S\n]+")
_TAIL_MAX = 40
_TAIL_PUNCT = {"/", "-", "–", ",", ".", "&", "(", ")"}


def byline(line: Line) -> list[Candidate]:
    """Names in the byline line (before the first comma: what follows is their title)."""
    toks = line.toks
    found: list[Candidate] = []
    i = 0
    while i < len(toks) and toks[i].text != ",":
        if toks[i].text.lower() in _COLLECTIVE:
            return []
        n = phrase_at(toks, i, CUE_INDEX)
        if n and i + n < len(toks) and toks[i + n].cap:
            i += n
            continue
        if toks[i].text in {"Theo", "Nguồn"}:
            return []  # handled as a source line
        initials = _initials_end(toks, i)
        if initials > i:
            found.append(Candidate.of("PER", toks[i].start, toks[initials - 1].end, "PER_CUE"))
            i = initials
            continue
        if toks[i].alpha and toks[i].cap and i > 0 and toks[i - 1].text == "/":
            end = cap_run(toks, i, 3)  # Mai Anh/TTXVN: the agency after the slash
            found.append(Candidate.of("ORG", toks[i].start, toks[end - 1].end))
            i = end
            continue
        if toks[i].alpha and toks[i].cap:
            end = cap_run(toks, i, 5)
            if end - i >= 2 or toks[i].upper:
                found.append(Candidate.of("PER", toks[i].start, toks[end - 1].end, "PER_CUE"))
            i = end
            continue
        if toks[i].text in _NAME_SEPARATORS or toks[i].text in {"(", ")", ".", ":"}:
            i += 1
            continue
        break
    return found


def trailing_byline(text: str, start: int, end: int) -> list[Candidate]:
    """A byline written at the end of the last paragraph, after its final sentence."""
    ends = list(_SENTENCE_END.finditer(text, start, end))
    if not ends:
        return []
    tail_start = ends[-1].end()
    tail_end = len(text[:end].rstrip())
    bracket = text.find("(", tail_start, tail_end)
    tail_end = len(text[:bracket].rstrip()) if bracket > 0 else tail_end  # Như Mai (tổng hợp)
    if not 0 < tail_end - tail_start <= _TAIL_MAX:
        return []
    line = Line.of(text, tail_start, tail_end, "byline")
    toks = line.toks
    if not toks or not toks[0].cap or gazetteer_at(toks, 0) == len(toks):
        return []
    if any(not ((t.alpha and t.cap) or t.text in _TAIL_PUNCT) for t in toks):
        return []  # a sentence without a final stop, not a name
    return byline(line)


def _initials_end(toks: list, i: int) -> int:
    """``L.N``, ``T.H.``: a person's initials (one or two capitals each, joined by dots)."""
    j = i
    while (
        j + 2 < len(toks)
        and _initial(toks[j])
        and toks[j + 1].text == "."
        and not toks[j + 1].space
        and _initial(toks[j + 2])
        and not toks[j + 2].space
    ):
        j += 2
    return j + 1 if j > i else i


def _initial(tok: Tok) -> bool:
    return tok.alpha and tok.text.isupper() and len(tok.text) <= 2


def sources(line: Line) -> list[Candidate]:
    found: list[Candidate] = []
    for m in SOURCE_CUE.finditer(line.text, line.start, line.end):
        toks = window(line.toks, m.end(), _SOURCE_REACH)
        if not toks:
            continue
        domain = _DOMAIN.match(line.text, toks[0].start)
        if domain:
            found.append(Candidate.of("ORG", domain.start(), domain.end()))
            continue
        if not toks[0].alpha or not toks[0].cap or toks[0].text in PHRASE_STARTERS:
            continue
        end = cap_run(toks, 0, 4)
        closes = end >= len(toks) or toks[end].text in {",", ")", ".", "]", ";"}
        if not closes or _person_or_place(toks, end):
            continue
        found.append(Candidate.of("ORG", toks[0].start, toks[end - 1].end))
    for m in _DOMAIN.finditer(line.text, line.start, line.end):
        if _MEDIA_CUE.search(line.text, max(line.start, m.start() - 8), m.start()):
            found.append(Candidate.of("ORG", m.start(), m.end()))
    return found


def _person_or_place(toks: list, end: int) -> bool:
    if toks[0].text in SURNAMES and end >= 2:
        return True
    return bool(gazetteer_at(toks, 0) or phrase_at(toks, 0, ORG_HEAD_INDEX))
