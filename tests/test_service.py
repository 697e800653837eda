"""The service layer: an article's entities asked for after its summary reuse its words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core import service
from tui.core.pipeline import Options

ARTICLE = (
    "Hội nghị tổng kết công tác năm\n\nSáng 5/1, tại Hà Nội, Ủy ban nhân dân thành phố tổ chức hội nghị "
    "tổng kết công tác năm. Ông Nguyễn Văn An, Chủ tịch Ủy ban, phát biểu chỉ đạo hội nghị. "
    "Năm qua, thành phố đạt tốc độ tăng trưởng 7,5% và kết nạp 2.053 đảng viên.\n"
)


def test_entities_after_the_summary_reuse_the_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    options = Options()
    fresh = service.analyse_path(str(path), options, entities=True)
    recent = service.RecentAnalyses()
    summary = service.analyse_path(str(path), options, entities=False, recent=recent)
    assert summary.entities is None

    def no_second_segmentation(*args: object) -> object:
        raise AssertionError("the words were segmented again")

    monkeypatch.setattr(service, "with_words", no_second_segmentation)
    monkeypatch.setattr(service, "analyse", no_second_segmentation)
    full = service.analyse_path(str(path), options, entities=True, recent=recent)
    assert full.entities == fresh.entities and full.groups == fresh.groups
    assert full.summaries == fresh.summaries


def test_a_changed_file_is_analysed_again(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    recent = service.RecentAnalyses()
    service.analyse_path(str(path), Options(), entities=False, recent=recent)
    path.write_text(ARTICLE.replace("2.053", "3.104"), encoding="utf-8")
    again = service.analyse_path(str(path), Options(), entities=True, recent=recent)
    assert "3.104" in again.document.text
    assert any(e.text.startswith("3.104") for e in again.entities or ())
