"""The character classes sentence repair reads with regular expressions mean what ``str`` says."""

from __future__ import annotations

from tui.core.model import Span
from tui.core.tokenize import _ALNUM, _repair_splits


def test_alnum_pattern_is_str_isalnum_for_every_character() -> None:
    # The first two planes: every script and the mathematical letters and digits.
    differ = [code for code in range(0x20000) if bool(_ALNUM.match(chr(code))) != chr(code).isalnum()]
    assert differ == []


def test_a_piece_without_a_letter_or_digit_joins_the_sentence_before() -> None:
    text = "Ông An nói: “Xong rồi.” ”. Bà Hoa đến ²."
    pieces = [Span(0, 23), Span(24, 26), Span(27, 39)]
    assert _repair_splits(text, pieces) == [Span(0, 26), Span(27, 39)]
