"""The first-character guard in front of furniture alternations finds what the bare alternation finds."""

from __future__ import annotations

import re

import pytest

from tui.core.furniture import COPYRIGHT, first_char_guarded

ALTERNATIVES = (r"©", r"\(c\)\s*\d{4}", r"\bcopyright\b", r"^tổng\s*biên\s*tập\s*:", r"đường\s*dây\s*nóng")
LINES = (
    "© 2026 Báo Sơn Nam",
    "Xem (C) 2024 Báo X",
    "COPYRIGHT by the publisher",
    "copyrighted is not a match",
    "TỔNG BIÊN TẬP: Nguyễn Văn A",
    "Ông tổng biên tập: not at the start",
    "Đường dây nóng: 1900 1234",
    "gọi ĐƯỜNG DÂY NÓNG ngay",
    "Hội nghị tổng kết công tác năm",
    "",
)


@pytest.mark.parametrize("line", LINES)
def test_the_guard_changes_no_match(line: str) -> None:
    bare = re.compile("|".join(ALTERNATIVES), re.IGNORECASE)
    guarded = first_char_guarded(ALTERNATIVES, re.IGNORECASE)
    expected = bare.search(line)
    found = guarded.search(line)
    assert (found and found.span()) == (expected and expected.span())


def test_the_copyright_footer_is_found_in_any_case() -> None:
    found = [line for line in LINES if COPYRIGHT.search(line)]
    assert found == [LINES[0], LINES[1], LINES[2], LINES[4]]


@pytest.mark.parametrize("alternative", [r"\d+ bản", r"(?:bản|giấy)", r"[bg]iấy", r".*quyền"])
def test_an_alternative_without_a_literal_first_character_is_refused(alternative: str) -> None:
    with pytest.raises(ValueError, match="literal"):
        first_char_guarded((r"©", alternative))
