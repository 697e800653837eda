"""The entity rules' short cuts give what the long way gives.

Syllable tokens are made by one ``findall`` with the spaces before them; a figure's counted noun
and a person's role are first looked for in a short stretch of text and in the whole stretch only
when the reading came near the short one's end. Each is compared here with the long way, on
Vietnamese text written for the test, at every length and offset where the two could differ.
"""

from __future__ import annotations

import re
from importlib import import_module

import pytest

from tui.core.entities import numbers, roles
from tui.core.entities.candidates import Candidate
from tui.core.entities.line import Line
from tui.core.entities.numbers import figures
from tui.core.entities.organisations import organisations as organisations_of
from tui.core.entities.people import people as people_of
from tui.core.entities.places import places as places_of
from tui.core.entities.roles import Cover, role_of
from tui.core.entities.tokens import _TOKEN, Tok, more_tokens, tokenize, tokens_before
from tui.core.model import Entity

_TEXT = (
    "Ngày 12/3, UBND tỉnh Nghệ An cấp 1.234,5 tỷ đồng cho 27 xã.  Ông\tNguyễn Văn An (Bí thư)"
    " nói: “Đạt 102% kế hoạch”…   \n  HLV trưởng U.23 Việt Nam, 3,5km đường;²ngõ_7 đảng viên  "
)


def _reference_tokens(text: str, start: int, end: int) -> list[Tok]:
    """Tokens as the rules defined them: each ``_TOKEN`` match, spaced when a gap precedes it."""
    toks: list[Tok] = []
    previous = start
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        toks.append(Tok(m.start(), m.end(), word, m.start() > previous, word[0].isalpha(), word[0].isupper()))
        previous = m.end()
    return toks


def test_tokens_are_the_matches_of_the_token_pattern_with_their_spacing_and_case() -> None:
    for start in range(len(_TEXT)):
        for end in (start, start + 1, start + 7, len(_TEXT) - 1, len(_TEXT), len(_TEXT) + 5):
            assert tokenize(_TEXT, start, end) == _reference_tokens(_TEXT, start, end), (start, end)


def test_token_fields() -> None:
    toks = tokenize(_TEXT, 0, len(_TEXT))
    by_text = {t.text: t for t in toks}
    assert (by_text["Nghệ"].alpha, by_text["Nghệ"].cap, by_text["Nghệ"].space) == (True, True, True)
    assert (by_text["1.234,5"].alpha, by_text["1.234,5"].digit) == (False, True)
    assert by_text["%"].space is False and by_text["xã"].cap is False
    assert all(_TEXT[t.start : t.end] == t.text for t in toks)


def test_a_line_of_spaces_is_read_once() -> None:
    # A search starting in each of the spaces would read the rest of them each time.
    text = "Hà Nội" + " " * 200_000
    assert [t.text for t in tokenize(text, 0, len(text))] == ["Hà", "Nội"]


def test_tokens_before_a_cut_start_every_longer_tokenisation() -> None:
    for start in range(0, len(_TEXT), 3):
        whole = tokenize(_TEXT, start, len(_TEXT))
        for cut in range(start, len(_TEXT) + 1):
            short = tokens_before(tokenize(_TEXT, start, cut), cut)
            assert short == whole[: len(short)], (start, cut)
            assert all(t.end <= cut - 2 for t in short)


def test_more_tokens_reads_on_from_the_tokens_before_a_cut() -> None:
    for start in range(0, len(_TEXT), 5):
        for cut in range(start, len(_TEXT), 2):
            short = tokens_before(tokenize(_TEXT, start, cut), cut)
            assert more_tokens(_TEXT, short, start, len(_TEXT)) == tokenize(_TEXT, start, len(_TEXT)), (start, cut)


def test_a_number_cut_after_its_separator_is_left_out() -> None:
    text = "giá 1.5 triệu"
    assert [t.text for t in tokens_before(tokenize(text, 0, 6), 6)] == ["giá"]
    assert [t.text for t in tokenize(text, 0, len(text))][1] == "1.5"


# Figures followed by counted nouns of every length, and by units that do not count as words,
# placed so that the reading ends on either side of the short stretch's end.
_UNITS = ("tỷ đồng", "triệu", "nghìn tỷ", "ha", "km")
_NOUNS = ("cán bộ", "hộ gia đình nghèo", "đảng viên mới", "công trình giao thông nông thôn", "người")


def _figure_texts() -> list[str]:
    # Spaces move the counted noun across the short stretch's end one character at a time.
    texts = [f"Chi 5 {'tỷ đồng ' * 4}{' ' * k}hộ gia đình nghèo khó khăn." for k in range(70)]
    # ... and across the end of the whole stretch (120 characters after the figure).
    texts += [f"Chi 5 {'tỷ đồng ' * 8}{' ' * k}hộ gia đình nghèo khó khăn." for k in range(40, 80)]
    # A figure that ends inside a syllable token of the line (``1.5``: a figure ``1``).
    texts += ["Giá 1.5 triệu người mua, 12.34 ha đất và 2.053 đảng viên, 3,5km đường."]
    for pad in range(0, 70, 3):
        for n, noun in enumerate(_NOUNS):
            units = " ".join(_UNITS[: n + 1])
            filler = "x" * pad
            texts.append(f"Năm nay có {n + 3}.500 {units} {noun} và {filler} {n}% {noun}, tăng 2 lần.")
            texts.append(f"Chi {pad + 1} {' '.join(_UNITS * 3)} {noun} cho {filler} xã.")
    return texts


def test_figures_read_in_a_short_stretch_first_are_the_figures_read_in_the_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = _figure_texts()
    short = [figures(text, 0, len(text)) for text in texts]
    # With the line's tokens at hand, those after a figure are taken from them.
    from_line = [figures(text, 0, len(text), tokenize(text, 0, len(text))) for text in texts]
    monkeypatch.setattr(numbers, "_TOKENS_AFTER_SHORT", 10_000)  # the whole stretch at once
    assert short == from_line == [figures(text, 0, len(text)) for text in texts]
    assert any(len(found) > 1 for found in short)


_ROLES = ("Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh Nghệ An", "Phó Chủ tịch Hội đồng nhân dân", "Giám đốc Sở")


def _people(rng: int) -> tuple[str, list[Entity]]:
    """Sentences naming people with role chains of 0 to 4 titles after or before the name."""
    parts: list[str] = []
    people: list[Entity] = []
    at = 0
    for i in range(rng):
        roles = ", ".join(_ROLES[: i % 5])
        name = f"Nguyễn Văn {'ABCDEFGH'[i % 8]}n"
        lead = f"Ông {roles} {name}" if i % 2 else f"Ông {name}, {roles}"
        sentence = lead + (" và Trần Thị Mai Lan Hương," if i % 3 == 0 else "") + " phát biểu. "
        start = at + sentence.index(name)
        people.append(Entity("PER", start, start + len(name), name))
        parts.append(sentence)
        at += len(sentence)
    return "".join(parts), people


def test_roles_read_in_a_short_stretch_first_are_the_roles_read_in_the_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    text, people = _people(40)
    # Spaces move a title across the short stretch's end one character at a time; neither of its
    # first syllables alone is a title.
    for k in range(140):
        sentence = f"Ông Nguyễn Văn An, Bí thư Tỉnh ủy,{' ' * k}Người phát ngôn Bộ Ngoại giao phát biểu. "
        people.append(Entity("PER", len(text) + 4, len(text) + 17, "Nguyễn Văn An"))
        text += sentence
    bodies = Cover((m.start(), m.end()) for m in re.finditer(r"Tỉnh ủy|UBND tỉnh Nghệ An|Hội đồng nhân dân|Sở", text))
    short = [role_of(text, person, bodies) for person in people]
    monkeypatch.setattr(roles, "_ROLE_SHORT", 10_000)  # the whole stretch at once
    assert short == [role_of(text, person, bodies) for person in people]
    assert sum(1 for role in short if role and role.count(",") >= 2) >= 4


# Lines with a body, a place or a person at many kinds of words: lowercase heads inside a title,
# named lowercase heads, self-named bodies, level words, structures, countries in context, cues.
_LINES = (
    "Trưởng ban Tuyên giáo Tỉnh ủy Thái Bình và Phó trưởng phòng Nội vụ huyện Kiến Xương dự họp.",
    "Ông Nguyễn Văn An, Giám đốc công ty Điện lực Hà Nội, thăm trường THCS Lê Lợi ở quận 1, TPHCM.",
    "Thủ tướng Anh gặp bà Lê Thị Hoa tại nước Anh, rồi sang Bắc Ireland; Th.s Trần Minh Đức nói.",
    "Ủy ban nhân dân tỉnh Nghệ An sửa đường Lê Duẩn, cầu Long Biên và quốc lộ 1A, xã Nghi Phong.",
    "đảng Dân chủ, Đảng ủy Khối, HĐND các cấp, Sở Y tế tỉnh Bắc Kạn và Thường trực Thành ủy Huế.",
    "Chủ tịch UBND TP.Yên Bái, đồng chí Hoàng Văn Hùng, cho biết Việt Nam và Ý hợp tác; anh Ba đến.",
    "Quốc hội, Chính phủ và Tỉnh ủy Quảng Ninh làm việc với WHO, TTXVN và Lầu Năm Góc.",
)


# The modules (the package's names of the same spelling are their functions).
organisations_rules = import_module("tui.core.entities.organisations")
people_rules = import_module("tui.core.entities.people")
places_rules = import_module("tui.core.entities.places")


class _Everything:
    """A set holding every string: each syllable tried by the rules, as before the filters."""

    def __contains__(self, item: object) -> bool:
        return True


def test_the_first_syllable_filters_find_what_every_syllable_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [Line.of(text, 0, len(text)) for text in _LINES]

    def found() -> list[list[Candidate]]:
        return [organisations_of(line) + places_of(line) + people_of(line) for line in lines]

    filtered = found()
    monkeypatch.setattr(organisations_rules, "_OPENERS", _Everything())
    monkeypatch.setattr(people_rules, "_CUE_STARTS", _Everything())
    monkeypatch.setattr(places_rules, "_openers", _Everything)
    assert filtered == found()
    kinds = {c.type for candidates in filtered for c in candidates}
    assert kinds == {"ORG", "LOC", "PER"} and sum(map(len, filtered)) >= 30
