"""LOC: level word + name (tỉnh Thái Nguyên, quận 1, TP.HCM), structures (đường X, cầu X),
and bare names from the gazetteer (Thái Bình, Việt Nam) where the context allows.
"""

from __future__ import annotations

from functools import cache

from tui.core.entities.candidates import Candidate
from tui.core.entities.gazetteer import kind, place_index
from tui.core.entities.line import Line, cap_run, team_number_end
from tui.core.entities.tokens import Tok, phrase_at, word_end
from tui.core.entities.vocab import (
    CUE_INDEX,
    LEVEL_INDEX,
    NUMBER_ONLY,
    NUMBERED,
    PHRASE_STARTERS,
    STRUCTURE_INDEX,
    SURNAMES,
    TITLE_INDEX,
)

# Before a bare district name: words that say a place follows.
_DISTRICT_CUES = {"(", "tại", "ở", "về", "đến", "từ", "thuộc", "qua", "huyện", "và", ","}
_HCM = {"HCM", "HCMC", "Hồ Chí Minh", "HN"}
# Countries whose Vietnamese name is also a common word or given name: taken only in context.
_AMBIGUOUS_COUNTRIES = {"Anh", "Ý"}
_COUNTRY_CUES = {"nước", "tại", "ở", "sang", "tới", "đến", "từ", "với", "của", "cho", "khắp", "người", "vương quốc"}
_COMPASS = {"Bắc", "Nam", "Đông", "Tây"}
_TP_HCM = {"TPHCM", "TPHN"}


def gazetteer_at(toks: list[Tok], i: int) -> int:
    """Number of tokens of the longest known place name starting at ``i`` (0 if none)."""
    if i >= len(toks) or not toks[i].cap:
        return 0
    return phrase_at(toks, i, place_index())


# ``ông xã`` / ``bà xã``: husband and wife in familiar speech, not the commune level word.
_SPOUSE = {"ông", "bà"}


def level_place_at(toks: list[Tok], i: int) -> int:
    """End index of ``level word + name`` starting at ``i`` (``i`` if there is none)."""
    n = phrase_at(toks, i, LEVEL_INDEX)
    if not n:
        return i
    level = " ".join(t.text for t in toks[i : i + n]).replace(" .", ".")
    if level == "xã" and i > 0 and toks[i - 1].text.lower() in _SPOUSE:
        return i  # ``bà xã Kim Cương`` is a wife, not a commune
    j = i + n
    if j >= len(toks) or (toks[j].space is False and not level.endswith(".")):
        return i
    if level.lower() == "thủ đô":
        g = gazetteer_at(toks, j)
        return j + g if g else i
    if toks[j].digit and (level in NUMBERED or level.lower() in NUMBERED):
        return j + 1
    g = gazetteer_at(toks, j)
    if g:
        return j + g
    hcm = _hcm_at(toks, j)
    if hcm:
        return hcm
    if toks[j].cap and toks[j].alpha and len(toks[j].text) > 1:  # not the initials H.L
        return _name_end(toks, j)
    return i


def known_level_place_at(toks: list[Tok], i: int) -> int:
    """Like ``level_place_at``, but only for a name the gazetteer knows (``TP.Yên Bái``, not ``TP Võ``)."""
    end = level_place_at(toks, i)
    for k in range(i + 1, end):
        if gazetteer_at(toks, k) == end - k or _hcm_at(toks, k) == end:
            return end
    return i


def _hcm_at(toks: list[Tok], j: int) -> int:
    if toks[j].text in {"HCM", "HCMC", "HN"}:
        return j + 1
    if " ".join(t.text for t in toks[j : j + 3]) == "Hồ Chí Minh":
        return j + 3
    return 0


def _name_end(toks: list[Tok], j: int, limit: int = 4) -> int:
    """A proper name after a level or structure word: capitalised syllables, maybe a number."""
    k = cap_run(toks, j, limit)
    k = next((m for m in range(j + 1, k) if toks[m].text in PHRASE_STARTERS), k)  # châu Á. Ông …
    for m in range(j + 1, k):
        if toks[m].text in SURNAMES and k - m >= 2 and m - j >= 2:
            return m  # "xã Nhã Lộng Nguyễn Văn A": the person starts here
    if k < len(toks) and toks[k].digit and toks[k].space and k > j:
        k += 1  # cầu Chu Va 6
    return k


def structure_at(toks: list[Tok], i: int) -> int:
    n = phrase_at(toks, i, STRUCTURE_INDEX)
    if not n:
        return i
    word = " ".join(t.text for t in toks[i : i + n])
    if word[0].isupper() and toks[i].text in SURNAMES:
        return i
    j = i + n
    if j >= len(toks) or not toks[j].space:
        return i
    if toks[j].digit and word.lower() in NUMBERED:
        k = j + 1
        if k < len(toks) and toks[k].alpha and not toks[k].space and len(toks[k].text) <= 2:
            k += 1  # QL 1A
        return k
    if toks[j].cap and toks[j].alpha and not toks[j].upper and word not in NUMBER_ONLY:
        return _name_end(toks, j)
    return i


@cache
def _openers() -> frozenset[str]:
    """Every syllable ``places`` can find a place at: the first of a level word, of a structure
    word or of a known place, and the words that open a country in context or ``TP.HCM``."""
    return frozenset(
        [
            *LEVEL_INDEX.lengths,
            *STRUCTURE_INDEX.lengths,
            *place_index().lengths,
            "nước",
            *_COMPASS,
            *_AMBIGUOUS_COUNTRIES,
            *_TP_HCM,
        ]
    )


def places(line: Line) -> list[Candidate]:
    toks = line.toks
    found: list[Candidate] = []
    openers = _openers()
    for i, tok in enumerate(toks):
        if not tok.alpha or tok.text not in openers:
            continue
        end = level_place_at(toks, i)
        if end == i:
            end = structure_at(toks, i)
            if end > i and _inside_word(toks, i):
                end = i
        if end > i:
            found.append(Candidate.of("LOC", tok.start, toks[end - 1].end, "LOC_LEVEL"))
            continue
        end = _country_in_context(toks, i)
        if end > i:
            found.append(Candidate.of("LOC", tok.start, toks[end - 1].end, "LOC_LEVEL"))
            continue
        tp = _tp_hcm(toks, i)
        if tp:
            found.append(Candidate.of("LOC", tok.start, toks[tp - 1].end, "LOC_LEVEL"))
            continue
        n = gazetteer_at(toks, i)
        if n and _bare_place_ok(line, i, i + n):
            found.append(Candidate.of("LOC", tok.start, toks[i + n - 1].end))
    return found


def _country_in_context(toks: list[Tok], i: int) -> int:
    """``nước Anh``, ``Bắc Ireland``, ``Thủ tướng Anh``: countries the bare look-up cannot take alone."""
    if toks[i].text == "nước" and (i == 0 or word_end(toks, i - 1) <= i):  # not Nhà nước, đất nước
        j = i + 1
        n = _country_at(toks, j) if j < len(toks) and toks[j].space else 0
        return j + n if n else i
    if toks[i].text in _COMPASS and (i == 0 or not toks[i - 1].cap or not toks[i - 1].alpha):
        n = gazetteer_at(toks, i + 1)
        if n and kind(" ".join(t.text for t in toks[i + 1 : i + 1 + n])) == "country" and toks[i + 1].space:
            return i + 1 + n
    if (
        toks[i].text in _AMBIGUOUS_COUNTRIES
        and i > 0
        and not (toks[i - 1].alpha and toks[i - 1].cap and not phrase_at(toks, i - 1, TITLE_INDEX))
    ):
        after_name = i + 1 < len(toks) and toks[i + 1].alpha and toks[i + 1].cap and toks[i + 1].space
        if (_before_country(toks, i) and not after_name) or _after_title(toks, i):
            return i + 1
    return i


def _country_at(toks: list[Tok], j: int) -> int:
    if toks[j].text in _AMBIGUOUS_COUNTRIES:
        return 1
    n = gazetteer_at(toks, j)
    return n if n and kind(" ".join(t.text for t in toks[j : j + n])) == "country" else 0


def _before_country(toks: list[Tok], i: int) -> bool:
    prev = toks[i - 1].text.lower()
    return prev in _COUNTRY_CUES or (prev == "và" and i >= 2 and _country_at(toks, i - 2) == 1)


def _after_title(toks: list[Tok], i: int) -> bool:
    """``Thủ tướng Anh``, ``Nữ hoàng Anh``: a country that qualifies a title."""
    return any(
        phrase_at(toks, i - n, TITLE_INDEX) == n or phrase_at(toks, i - n, CUE_INDEX) == n
        for n in (1, 2, 3)
        if i - n >= 0 and toks[i - n].text.lower() not in {"anh", "chị", "em", "ông", "bà"}
    )


def _inside_word(toks: list[Tok], i: int) -> bool:
    """``điểm cầu`` (a conference link), ``trận đồng``: the structure word ends a longer word."""
    if i > 0 and toks[i - 1].text.lower() == "điểm":
        return True
    return i > 0 and toks[i - 1].alpha and toks[i].space and word_end(toks, i - 1) > i


def _tp_hcm(toks: list[Tok], i: int) -> int:
    """``TP.HCM``, ``TPHCM``, ``Tp.HCM`` written as one word."""
    if toks[i].text in _TP_HCM:
        return i + 1
    return 0


def _bare_place_ok(line: Line, i: int, j: int) -> bool:
    toks = line.toks
    name = " ".join(t.text for t in toks[i:j])
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[j] if j < len(toks) else None
    if prev is not None and prev.alpha and prev.cap and prev.space:
        return False  # inside a longer name: Nguyễn Thái Bình
    if prev is not None and not prev.space and prev.text in {"-", "."}:
        return False
    if j == i + 1 and nxt is not None and nxt.alpha and nxt.space and word_end(toks, i) > j:
        return False  # Pháp Luật, Anh Hùng: the name opens a longer common word
    if i >= 2 and team_number_end(toks, i - 2) == i:
        return False  # U20 Việt Nam: a team
    if (
        nxt is not None
        and nxt.alpha
        and nxt.cap
        and nxt.space
        and nxt.text not in SURNAMES
        and not (kind(name) == "country" and (prev is None or not prev.cap))
        and " ".join(t.text for t in toks[j : j + 2]) not in PHRASE_STARTERS
        and nxt.text not in PHRASE_STARTERS
    ):
        return False
    if line.title_case and line.kind != "body":
        return kind(name) in {"province", "country", "city", "region"}
    if kind(name) == "district":
        return prev is not None and prev.text.lower() in _DISTRICT_CUES and not line.title_case
    return True
