"""PER: names after a cue (đồng chí, ông, Th.s, Bí thư ...), name-shaped runs that start
with a Vietnamese family name, bylines and photo credits.
"""

from __future__ import annotations

import re

from tui.core.entities.candidates import Candidate
from tui.core.entities.line import Line, cap_run, team_number_end
from tui.core.entities.places import gazetteer_at
from tui.core.entities.text import vietnamese_syllable
from tui.core.entities.tokens import Tok, first_at, phrase_at, window, word_end
from tui.core.entities.vocab import (
    CUE_INDEX,
    LEVEL_INDEX,
    ORG_HEAD_INDEX,
    ORG_STANDALONE_INDEX,
    PHRASE_STARTERS,
    STRUCTURE_INDEX,
    SURNAMES,
    TITLE_INDEX,
)
from tui.core.furniture import CREDIT_IN_LINE, NO_CREDIT_NAMES

_MAX_NAME = 5
# Space-separated tokens a photo credit can span: ``Ảnh: An Đăng/TTXVN`` and names of _MAX_NAME.
_CREDIT_REACH = 4 * _MAX_NAME
# Single-syllable cues that are also ordinary words: they need a name of two syllables or more.
# Honorifics: what follows is a person, even a word that could head a body (ông Hội).
_HONORIFICS = {"ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ", "em", "đồng chí", "ngài"}
_SAYS = re.compile(
    r"(?<=[^\S\n])(?:cho biết|cho rằng|khẳng định|tuyên bố|nhấn mạnh|chia sẻ|phát biểu|"
    r"thừa nhận|tiết lộ|giải thích|bày tỏ|cảnh báo|kêu gọi)(?![\w])"
)
_PLACE_BEFORE = {"ở", "tại", "từ", "đến", "tới", "về", "trên", "khỏi", "sang", "quanh"}
_MEDIA_WORDS = {
    "Times",
    "Post",
    "Journal",
    "News",
    "Today",
    "Herald",
    "Guardian",
    "Telegraph",
    "Mail",
    "Press",
    "Street",
    "Agency",
    "Channel",
    "Network",
    "Review",
    "Magazine",
    "Daily",
}
# The first syllables of the cues (lower case): ``_after_cue`` finds nothing at any other.
_CUE_STARTS = CUE_INDEX.lengths
_WEAK_CUES = {"anh", "em", "cô", "chú", "bác", "cụ", "bé", "mẹ", "cháu", "tân", "cố", "cựu", "nguyên", "tướng", "vua"}


def people(line: Line) -> list[Candidate]:
    found: list[Candidate] = []
    toks = line.toks
    i = 0
    while i < len(toks):
        if toks[i].text.lower() not in _CUE_STARTS:  # no cue starts here (``_after_cue`` would say so, slower)
            i += 1
            continue
        end = _after_cue(line, i, found)
        i = end if end > i else i + 1
    if not line.title_case:
        found.extend(_surname_runs(line))
        found.extend(_foreign_speakers(line))
    return found


def _after_cue(line: Line, i: int, found: list[Candidate]) -> int:
    toks = line.toks
    if not toks[i].alpha or gazetteer_at(toks, i):
        return i
    n = phrase_at(toks, i, CUE_INDEX)
    if not n:
        return i
    # "Th.s" tokenises as Th . s; a cue must end at a word boundary.
    j = i + n
    if (
        j >= len(toks)
        or not toks[j].alpha
        or not (toks[j].cap or toks[j].text == "trưởng")
        or (toks[j].upper and len(toks[j].text) > 1 and not line.all_caps)
    ):
        return i
    if not toks[j].space and toks[j - 1].alpha:
        return i
    cue = " ".join(t.text for t in toks[i:j]).lower()
    j = _qualifier_end(toks, j)  # Tổng thống Mỹ Donald Trump, HLV trưởng U20 Ghana Smith
    if j >= len(toks) or not toks[j].alpha or not toks[j].cap:
        return i
    if (
        _starts_other_entity(toks, j)
        and not (cue in _HONORIFICS and _name_not_body(toks, j))
        and not _country_as_given_name(toks, j)
    ):
        return i
    end = _name_end(toks, j)
    if cue in _WEAK_CUES and end - j < 2:
        return i
    if end - j == 1 and j + 1 < len(toks) and toks[j + 1].lower and word_end(toks, j) > j + 1:
        return i  # Giám đốc Chương trình …: the capital opens a common word, not a name
    if line.all_caps:
        return i
    found.append(Candidate.of("PER", toks[j].start, toks[end - 1].end, "PER_CUE"))
    return end


def _qualifier_end(toks: list[Tok], j: int) -> int:
    """Skip what qualifies a title before the name: ``trưởng``, then a country or a team."""
    k = j + 1 if j < len(toks) and toks[j].text == "trưởng" else j
    team = team_number_end(toks, k) if k < len(toks) else k
    place = gazetteer_at(toks, team)
    if place and team + place < len(toks) and toks[team + place].cap and toks[team + place].space:
        if team == k and _country_as_given_name(toks, k):
            return k
        return team + place
    return k


def _country_as_given_name(toks: list[Tok], j: int) -> bool:
    """``thủ thành Đức Huy``: a one-syllable country name before Vietnamese syllables is a given name."""
    if gazetteer_at(toks, j) != 1:
        return False
    rest = toks[j + 1 : cap_run(toks, j + 1, _MAX_NAME)]
    return bool(rest) and all(len(t.text) > 1 and vietnamese_syllable(t.text) for t in rest)


def _name_not_body(toks: list[Tok], j: int) -> bool:
    """``ông Hội``, ``bà Đoàn``: after an honorific, a one-word head with no name after it is a name."""
    return phrase_at(toks, j, ORG_HEAD_INDEX) == 1 and not (j + 1 < len(toks) and toks[j + 1].cap)


def _starts_other_entity(toks: list[Tok], j: int) -> bool:
    """After a title the next words may be a body or a place, not a person."""
    return bool(
        phrase_at(toks, j, ORG_HEAD_INDEX)
        or phrase_at(toks, j, ORG_STANDALONE_INDEX)
        or phrase_at(toks, j, LEVEL_INDEX)
        or gazetteer_at(toks, j)
        or phrase_at(toks, j, TITLE_INDEX)
        or toks[j].text in PHRASE_STARTERS
    )


def _name_end(toks: list[Tok], j: int) -> int:
    end = cap_run(toks, j, _MAX_NAME)
    # Stop before a following title or body written without a comma; a head word that ends
    # the run is the last syllable of the name (Bùi Viết Hội).
    for k in range(j + 1, end):
        if (
            phrase_at(toks, k, TITLE_INDEX)
            or phrase_at(toks, k, ORG_STANDALONE_INDEX)
            or (phrase_at(toks, k, ORG_HEAD_INDEX) and not (k == end - 1 and phrase_at(toks, k, ORG_HEAD_INDEX) == 1))
        ):
            return k
    if end - j >= 2 and end < len(toks) and toks[end].lower and toks[end].space and word_end(toks, end - 1) > end:
        return end - 1  # Công Phượng Tiền đạo …: the last capital opens a common word
    return end


def _surname_runs(line: Line) -> list[Candidate]:
    """``Nguyễn Văn A`` anywhere: 2-4 capitalised syllables starting with a family name."""
    toks = line.toks
    found: list[Candidate] = []
    i = 0
    while i < len(toks):
        if not (toks[i].alpha and toks[i].cap) or (i > 0 and not toks[i].space and toks[i - 1].alpha):
            i += 1
            continue
        run_end = cap_run(toks, i, 8)
        for k in range(i, run_end - 1):
            if toks[k].text in SURNAMES and 2 <= run_end - k <= 4 and _name_shaped(toks, k, run_end):
                found.append(Candidate.of("PER", toks[k].start, toks[run_end - 1].end))
                break
        i = max(run_end, i + 1)
    return found


def _foreign_speakers(line: Line) -> list[Candidate]:
    """``Arlene Foster cho biết``: two or three Latin-script capitalised words, one of them no
    Vietnamese syllable, right before a verb of saying."""
    toks = line.toks
    found: list[Candidate] = []
    for m in _SAYS.finditer(line.text, line.start, line.end):
        end = first_at(toks, m.start())
        start = end
        while (
            start > 0
            and end - start < 3
            and toks[start - 1].alpha
            and toks[start - 1].cap
            and toks[start - 1].text.isascii()
            and not toks[start - 1].upper
            and toks[start - 1].space
        ):
            start -= 1
        words = [t.text for t in toks[start:end]]
        if (
            len(words) < 2
            or all(map(vietnamese_syllable, words))
            or words[-1] in _MEDIA_WORDS
            or min(map(len, words)) < 2
            or (start > 0 and toks[start - 1].text.lower() in _PLACE_BEFORE)
        ):
            continue
        if gazetteer_at(toks, start) or phrase_at(toks, start, ORG_HEAD_INDEX) or words[0] in PHRASE_STARTERS:
            continue
        found.append(Candidate.of("PER", toks[start].start, toks[end - 1].end))
    return found


def _name_shaped(toks: list[Tok], k: int, end: int) -> bool:
    if any(t.upper for t in toks[k:end]):
        return False
    if gazetteer_at(toks, k) >= end - k:
        return False  # a place: Hà Nam, Cao Bằng
    if k > 0 and (phrase_at(toks, k - 1, STRUCTURE_INDEX) or phrase_at(toks, k - 1, LEVEL_INDEX)):
        return False
    return not any(
        phrase_at(toks, m, ORG_HEAD_INDEX) or phrase_at(toks, m, ORG_STANDALONE_INDEX) for m in range(k, end)
    )


def credits(line: Line) -> list[Candidate]:
    """``Ảnh: Thắng Quang``, ``Ảnh: An Đăng/TTXVN``: the photographer is a person, the agency
    or outlet (``Ảnh: EPA``, ``Ảnh: Zing``, one word) an org."""
    found: list[Candidate] = []
    for m in CREDIT_IN_LINE.finditer(line.text, line.start, line.end):
        toks = window(line.toks, m.end(), _CREDIT_REACH)
        if not toks or not toks[0].alpha or not toks[0].cap or toks[0].text in NO_CREDIT_NAMES:
            continue
        if len(toks) > 1 and toks[1].lower:
            continue  # Ảnh: Minh họa, Ảnh: Tư liệu
        end = 1 if toks[0].upper and toks[0].text.isascii() else _credit_end(toks)
        closes = end >= len(toks) or toks[end].text in {".", ")", "]", "/", ","}
        if m.group(1) is None and not (toks[0].upper and end == 1 and closes):
            continue  # without a colon only "Ảnh TTXVN." reads as a credit
        if gazetteer_at(toks, 0) >= end:
            continue  # Ảnh: Tân Kỳ, a place
        if end == 1 and (toks[0].upper or not _vietnamese(toks[0].text)):
            found.append(Candidate.of("ORG", toks[0].start, toks[0].end))
        elif end >= 2 or line.kind != "body":
            found.append(Candidate.of("PER", toks[0].start, toks[end - 1].end, "PER_CUE"))
        if end + 1 < len(toks) and toks[end].text == "/" and toks[end + 1].alpha and toks[end + 1].cap:
            after = toks[end + 1 :]
            after_end = 1 if after[0].upper else _credit_end(after)
            # Ảnh: An Đăng/TTXVN (person/agency); Ảnh: VGP/Quang Hiếu (agency/person)
            kind = "PER" if toks[0].upper and after_end >= 2 else "ORG"
            found.append(Candidate.of(kind, after[0].start, after[after_end - 1].end))
    return found


def _credit_end(toks: list[Tok]) -> int:
    """The credited name: capitalised syllables up to the next sentence (``Ảnh: Minh Hà Sáng 5/3``)."""
    end = cap_run(toks, 0, _MAX_NAME)
    for k in range(1, end):
        if toks[k].text in PHRASE_STARTERS:
            return k
        if not vietnamese_syllable(toks[0].text) and not toks[k].text.isascii():
            return k  # Ảnh: Sputnik Người dân …: a foreign outlet, then a Vietnamese sentence
    if end >= 3 and end < len(toks) and toks[end].alpha and toks[end].lower:
        return end - 1  # Ảnh: Mỹ Hà Đánh giá …: the last capital opens the next sentence
    return end


def _vietnamese(word: str) -> bool:
    """A word with Vietnamese letters or tone marks (a photographer's given name, not an outlet)."""
    return any(not ch.isascii() for ch in word)
