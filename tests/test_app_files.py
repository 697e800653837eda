"""Files as they come: brackets shown literally, unreadable files listed, summaries saved safely."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from app_helpers import SIZE, articles, isolated_env, make_app, reader, wait_for, wait_for_summary  # noqa: F401

from tui.app.articles import Status
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.status_bar import StatusBar
from tui.app.widgets.summary_pane import SummaryPane


async def test_brackets_in_an_article_show_literally(articles: Path) -> None:
    path = str(articles / "c_brackets.txt")
    app = make_app([path])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot, path)
        header = screen.query_one(ArticleView).header_content().plain
        assert "Bản tin [Video] về cách viết [/b] trong văn bản" in header
        view = screen.query_one(ArticleView)
        assert "ký hiệu [/b] khi soạn bài" in view.body_content().plain
        assert "[Video] hay [bold]" in view.body_content().plain
        row = screen.query_one(ArticleList).row_text(0).plain
        assert "[Video]" in row and "[/b]" in row
        assert "[/b]" in app.export_screenshot()  # and on the screen as rendered
        await pilot.press("c")
        assert "[/b]" in app.clipboard or "[Video]" in app.clipboard


async def test_a_bad_file_does_not_stop_the_app(articles: Path) -> None:
    binary = articles / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02 not text \x00" * 50)
    empty = articles / "empty.txt"
    empty.write_bytes(b"")
    missing = str(articles / "nowhere.txt")
    app = make_app([str(articles), missing])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: sum(e.state is Status.FAILED for e in screen.library.entries) == 3)
        failed = {Path(e.path).name: e.reason for e in screen.library.entries if e.state is Status.FAILED}
        assert set(failed) == {"broken.txt", "empty.txt", "nowhere.txt"}
        assert "binary" in failed["broken.txt"] and "empty" in failed["empty.txt"]
        assert "no such file" in failed["nowhere.txt"]
        listing = screen.query_one(ArticleList)

        def marked() -> list[str]:
            rows = [listing.row_text(i).plain for i in range(listing.row_count)]
            return [r for r in rows if r.startswith("✗")]

        await wait_for(pilot, lambda: len(marked()) == 3)  # rows are redrawn in batches
        assert any("binary" in r for r in marked())
        assert app._notifications  # a notice
        await wait_for(pilot, lambda: "3 failed" in screen.query_one(StatusBar).render_status().plain)
        # opening a bad file explains; the others still work
        broken_row = listing.paths.index(str(binary))
        listing.highlighted = broken_row
        await pilot.press("enter")
        assert "cannot be read" in screen.query_one(ArticleView).header_content().plain
        good = str(articles / "b_da_nang.txt")
        listing.highlighted = listing.paths.index(good)
        await pilot.press("enter")
        await wait_for_summary(pilot, good)
        assert screen.query_one(SummaryPane).text
    assert binary.read_bytes().startswith(b"\x00\x01")  # never written to


async def test_save_writes_a_new_file_outside_the_articles(
    articles: Path, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {p: p.read_bytes() for p in articles.iterdir()}
    app = make_app([str(articles)])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        await pilot.press("s")
        await pilot.press("s")
        saved = sorted((isolated_env / "saves").iterdir())
        assert [p.name for p in saved] == ["a_thai_nguyen.summary-2.md", "a_thai_nguyen.summary.md"]
        assert screen.query_one(SummaryPane).text in saved[1].read_text(encoding="utf-8")
        # the folder and the file name on lines of their own: a toast would wrap a long path mid-word
        shown = [n.message.splitlines() for n in app._notifications]
        assert [f"{saved[0].parent}{os.sep}", saved[0].name] in shown
        # a save folder that is the articles' folder is not used: the files would sit among them
        monkeypatch.setenv("REPORTS_TUI_SAVE_DIR", str(articles))
        await pilot.press("s")
        fallback = isolated_env / "xdg_data_home" / "reports-tui" / "summaries"
        assert [p.name for p in fallback.iterdir()] == ["a_thai_nguyen.summary.md"]
    assert {p: p.read_bytes() for p in articles.iterdir()} == before


def test_list_titles_are_headlines_not_date_lines_or_binary_noise(tmp_path) -> None:
    from tui.app.articles import first_line

    page = tmp_path / "page.txt"
    page.write_text(
        "Thứ hai, 06/03/2023\n\nHà Giang đẩy mạnh du lịch cộng đồng\n\n"
        "Sáng 5/3, tỉnh tổ chức hội nghị về du lịch cộng đồng với nhiều đại biểu tham dự.\n",
        encoding="utf-8",
    )
    binary = tmp_path / "data.txt"
    binary.write_bytes(b"T%\x00\x01\x02binary")
    assert first_line(str(page)) == "Hà Giang đẩy mạnh du lịch cộng đồng"
    assert first_line(str(binary)) == "data.txt"


async def test_a_warm_start_opens_the_first_article_from_the_cache_alone(articles: Path, monkeypatch) -> None:
    """Everything cached: the first article opens from the cache once it has been read, and no
    worker runs a job (a worker's first job would load the models: a second of a core, 200 MB)."""
    from app_helpers import make_config

    from tui.app import app as app_module
    from tui.app.app import ReportsApp
    from tui.core.cache import open_cache
    from tui.core.service import analyse_path

    config = make_config()
    cache = open_cache()
    for path in sorted(articles.iterdir()):
        analyse_path(str(path), config.options, cache=cache)
    cache.close()
    jobs: list[str] = []
    real = app_module.make_analyse_fn

    def counting(options, use_cache=True):
        analyse = real(options, use_cache)

        def counted(path, *rest):
            jobs.append(path)
            return analyse(path, *rest)

        return counted

    monkeypatch.setattr(app_module, "make_analyse_fn", counting)
    app = ReportsApp([str(articles)], config, processes=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot)
        assert screen.current is not None and screen.current.endswith("a_thai_nguyen.txt")
        assert "all analysed" in screen.query_one(StatusBar).render_status().plain
        await pilot.pause(0.2)
        assert jobs == [] and not screen.analyser.back.started
