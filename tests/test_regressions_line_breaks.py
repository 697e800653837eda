"""Where a line break ends a sentence, at the limits of the rule: the wrap width to the character,
the 80-column limit of hard wraps, blank lines, quotes and paragraphs that do not start the text.

Written where mutation testing showed parts of `tokenize._cut_at_line_breaks` no test pinned down.
"""

from __future__ import annotations

import pytest

from tui.core.model import Span
from tui.core.tokenize import sentence_spans

PREFIX = "Tiêu đề của bài\n\n"  # the paragraph under test starts after other text


def pieces(paragraph: str) -> list[str]:
    text = PREFIX + paragraph
    return [text[s.start : s.end] for s in sentence_spans(text, Span(len(PREFIX), len(text)))]


def test_every_short_line_before_a_capital_is_its_own_sentence() -> None:
    lines = ["Tin vắn", "Hà Nội mưa", "Đường ngập", "Xe chết máy hàng loạt trên phố Huế."]
    assert pieces("\n".join(lines)) == lines


def test_a_cut_inside_a_later_sentence_of_the_paragraph() -> None:
    last = "Hà Nội mưa to suốt đêm qua ở nhiều nơi trong tỉnh và các huyện."
    paragraph = f"Trời mưa to suốt đêm qua ở nhiều nơi. Tin vắn\n{last}"
    assert pieces(paragraph) == ["Trời mưa to suốt đêm qua ở nhiều nơi.", "Tin vắn", last]


# The longest line is 40 characters. "Ab" (2) after a line of 37 needs 37 + 1 + 2 = 40 columns: it
# would have fitted, so the writer broke the line on purpose. After a line of 38 it would not have
# fitted (41): the break only wraps the sentence.
LONGEST = "Dòng dài nhất của đoạn này có bốn mươi ."
assert len(LONGEST) == 40


@pytest.mark.parametrize(("length", "cut"), [(36, True), (37, True), (38, False), (39, False)])
def test_a_break_is_a_wrap_exactly_when_the_next_word_would_not_have_fitted(length: int, cut: bool) -> None:
    line = ("Một dòng " + "x" * 40)[:length]
    paragraph = f"{line}\nAb cd ef gh.\n{LONGEST}"
    assert len(pieces(paragraph)) == (3 if cut else 2)


def test_trailing_spaces_do_not_count_in_a_lines_length() -> None:
    paragraph = "Tin vắn" + " " * 30 + "\nHà Nội mưa to suốt đêm qua."
    assert pieces(paragraph) == ["Tin vắn", "Hà Nội mưa to suốt đêm qua."]


@pytest.mark.parametrize(("spare", "cut"), [(0, True), (1, False)])
def test_the_line_is_measured_from_its_own_start_to_its_end(spare: int, cut: bool) -> None:
    # The third line and the next word fill the width exactly (or one column more): measured with
    # anything of the line before it, or without its first character, the answer would change.
    first = "Một dòng rất dài để làm chuẩn đo độ rộng."
    third = "Dòng thứ ba " + "z" * (len(first) - 3 - len("Dòng thứ ba ") + spare)
    assert len(third) + 1 + len("Ab") == len(first) + spare
    paragraph = f"{first}\nDòng hai\n{third}\nAb cd ef."
    assert (pieces(paragraph)[-1] == "Ab cd ef.") is cut


def test_hard_wraps_are_recognised_up_to_80_columns_only() -> None:
    short = "Trong năm qua toàn tỉnh đã triển khai nhiều chương trình phát triển kinh tế xã"  # 78
    assert len(short) == 78
    at_80 = f"{short}\nHội nghị đánh giá cao kết quả đạt được trong năm của các địa phương.\n{'y' * 80}"
    assert len(pieces(at_80)) == 1  # 78 + 1 + 3 > 80: a wrap of an 80-column text
    at_81 = f"{short}\nHội nghị đánh giá cao kết quả đạt được trong năm của các địa phương.\n{'y' * 81}"
    assert len(pieces(at_81)) == 2  # lines of 81: not hard-wrapped text, so the break is the writer's


def test_a_blank_line_always_breaks() -> None:
    paragraph = "Tin vắn ngày hôm nay rất là dài dòng\n\nHà Nội mưa."
    assert pieces(paragraph) == ["Tin vắn ngày hôm nay rất là dài dòng", "Hà Nội mưa."]


def test_a_wrap_is_a_wrap_whatever_blank_lines_come_before_or_after() -> None:
    paragraph = "Một hai ba.\n\nDòng này là dòng dài nhất đoạn\nHà Nội mưa to.\n\nHết."
    assert "Dòng này là dòng dài nhất đoạn\nHà Nội mưa to." in pieces(paragraph)


@pytest.mark.parametrize("opening", ["“Hà", "(Hà", "Xã", "2025"])
def test_the_next_line_starts_a_sentence_after_quotes_and_brackets(opening: str) -> None:
    paragraph = f"Tin vắn\n{opening} Nội mưa to suốt đêm qua ở nhiều nơi.”"
    assert pieces(paragraph)[0] == "Tin vắn"


def test_a_line_ending_in_punctuation_or_an_abbreviation_runs_on() -> None:
    assert len(pieces("Đoàn công tác đến TP.\nHồ Chí Minh làm việc trong hai ngày.")) == 1
    assert len(pieces("Thành phần gồm:\nBan Thường vụ Tỉnh ủy và các sở ngành.")) == 1
