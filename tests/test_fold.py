"""Folding for diacritic-insensitive matching: pure, no Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.core.fold import find_all, fold, fold_loose, fold_query, matches


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thái Nguyên", "thai nguyen"),
        ("ĐÀ NẴNG", "da nang"),
        ("đường", "duong"),
        ("Nghị quyết", "nghi quyet"),
        ("Ủy ban nhân dân", "uy ban nhan dan"),
        ("plain ascii 123", "plain ascii 123"),
        ("", ""),
    ],
)
def test_fold_strips_marks_and_case(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert fold_loose(text) == expected


def test_fold_loose_collapses_space() -> None:
    assert fold_loose("Thái\n\n  Nguyên\t") == "thai nguyen "


def test_fold_keeps_one_character_per_character() -> None:
    text = "Tỉnh Thái Nguyên, ĐẮK LẮK; İstanbul — [Video] ﬁ"
    assert len(fold(text)) == len(text)


def test_fold_normalises_decomposed_input() -> None:
    decomposed = "Tha\u0301i Nguye\u0302\u0300n"
    assert fold(decomposed) == "thai nguyen"
    assert fold_loose(decomposed) == "thai nguyen"


def test_query_with_or_without_diacritics_matches() -> None:
    loose = fold_loose("Tỉnh Thái Nguyên tổ chức hội nghị tại Đà Lạt")
    assert matches(loose, "thai nguyen")
    assert matches(loose, "Thái Nguyên")
    assert matches(loose, "  thai   nguyen ")  # spacing does not matter
    assert not matches(loose, "nguyen thai")  # a phrase, not scattered words
    assert not matches(fold_loose("nhân dân và kỹ năng"), "Đà Nẵng")
    assert matches(loose, "da lat")
    assert matches(loose, "d")
    assert not matches(loose, "ha noi")


def test_d_matches_d_with_stroke() -> None:
    assert matches(fold_loose("Đảng bộ"), "dang")
    assert list(find_all("Đảng và đảng", "d")) == [(0, 1), (8, 9)]


def test_find_all_offsets_index_the_original() -> None:
    text = "Ở Thái Nguyên, thai nguyên và THÁI NGUYÊN"
    hits = list(find_all(text, "thai nguyen"))
    assert [text[a:b] for a, b in hits] == ["Thái Nguyên", "thai nguyên", "THÁI NGUYÊN"]
    assert list(find_all(text, "   ")) == []


def test_fold_query_collapses_space() -> None:
    assert fold_query("  Thái   Nguyên ") == "thai nguyen"


def test_fold_module_imports_no_textual() -> None:
    code = "import sys, tui.core.fold; assert 'textual' not in sys.modules and 'rich' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
