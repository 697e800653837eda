"""The cleaner's header and byline rules on a long line: a bounded read, the same answers.

A file without line breaks is one line of megabytes, and the rules that look for a motto, a
self-citation or a byline ran through all of it (5 MB: about a second of the cleaner's 1.4 s).
"""

from __future__ import annotations

import pytest

from tui.core import official, page, subject
from tui.core.fold import fold

_PROSE = "Hội nghị đánh giá kết quả thực hiện nhiệm vụ của tỉnh trong năm qua. " * 200


def test_a_motto_opening_a_long_line_is_read_from_its_opening_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    folded: list[int] = []

    def counted(text: str) -> str:
        folded.append(len(text))
        return fold(text)

    monkeypatch.setattr(official, "fold", counted)
    line = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc " + _PROSE
    assert official._opening_motto(line) == "cong hoa xa hoi chu nghia viet nam"
    assert official._opening_motto("CỘNG   HÒA   XÃ   HỘI   CHỦ   NGHĨA   VIỆT   NAM " + _PROSE) != ""
    assert official._opening_motto(_PROSE) == ""
    assert max(folded) <= official._MOTTO_MAX_CHARS


def test_a_self_citation_is_a_line_of_its_own_not_the_opening_of_prose() -> None:
    cited = "SỐ 30/2007/TT-BCA NGÀY 12-12-2007 CỦA BỘ TRƯỞNG BỘ CÔNG AN"
    length, date = subject.citation(cited)
    assert length == len(cited) and date is not None and date.year == 2007
    assert subject.citation(cited + " " + _PROSE) == (0, None)


def test_a_paragraph_is_not_read_through_as_a_byline(monkeypatch: pytest.MonkeyPatch) -> None:
    assert page.byline_name("Bài: Minh Anh") == "Minh Anh"

    def unread(text: str) -> None:
        raise AssertionError("a long line was read for a date")

    monkeypatch.setattr(page, "parse_date", unread)
    assert page.byline_name("Minh Anh " + _PROSE) is None
