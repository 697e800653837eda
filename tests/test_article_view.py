"""The article view: its word wrap, and drawing a long article line by line."""

from __future__ import annotations

from itertools import pairwise

from app_helpers import wait_for
from rich.cells import cell_len
from textual.app import App, ComposeResult

from tui.app.widgets.article_view import ArticleView
from tui.app.wrapping import wrap_ranges
from tui.core.pipeline import analyse, document_from_text

PARAGRAPH = (
    "Sáng 12/1, Ủy ban nhân dân tỉnh Thái Nguyên tổ chức hội nghị tổng kết công tác chuyển đổi số "
    "năm 2023 và triển khai nhiệm vụ năm 2024, với sự tham dự của đại diện các sở, ngành."
)


def _lines(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in wrap_ranges(text, width)]


def test_wrap_keeps_every_character_and_fits_the_width() -> None:
    text = "\n".join([PARAGRAPH, "", "Ngắn.", "  thụt lề " + PARAGRAPH])
    for width in (1, 7, 20, 51, 200):
        lines = _lines(text, width)
        assert "".join(lines) == text.replace("\n", "")
        assert all(cell_len(line.rstrip()) <= width for line in lines)
    assert _lines(text, 51).count("") == 1  # the blank line is a line of its own


def test_wrap_is_greedy_and_breaks_between_words() -> None:
    lines = [line.rstrip() for line in _lines(PARAGRAPH, 30)]
    words = set(PARAGRAPH.split())
    for line, following in pairwise(lines):
        assert set(line.split()) <= words  # no word cut: all are shorter than the line
        assert cell_len(line) + 1 + cell_len(following.split()[0]) > 30  # the next word did not fit


def test_wrap_counts_wide_characters_and_cuts_long_runs() -> None:
    wide = "漢字" * 10 + " tiếp"  # 40 cells of wide characters, then a word
    lines = _lines(wide, 9)
    assert all(cell_len(line.rstrip()) <= 9 for line in lines)
    assert lines[0] == "漢字漢字"  # 8 cells: a fifth character would make 10
    run = "x" * 25
    assert _lines(run, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert _lines("", 10) == [""]


class _ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleView()


def _screen_lines(view: ArticleView) -> list[str]:
    return [view.render_line(y).text.rstrip() for y in range(view.scrollable_content_region.height)]


async def test_long_article_draws_only_what_is_on_screen_and_resizes() -> None:
    body = "\n\n".join(f"Đoạn {n}. {PARAGRAPH}" for n in range(400))
    analysis = analyse(document_from_text("Tiêu đề bài viết\n\n" + body, "long.txt"))
    app = _ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ArticleView)
        view.show_analysis(analysis, {0: 1}, 1)
        await pilot.pause()
        shown = _screen_lines(view)
        assert shown[0] == "Tiêu đề bài viết"
        assert any(line.startswith("Đoạn 0.") for line in shown)
        assert len(view._strips) <= view.size.height  # a 400-paragraph article, one screen drawn
        view.scroll_to(y=view.virtual_size.height - view.size.height, animate=False, immediate=True)
        await pilot.pause()
        assert any("Đoạn 399." in line for line in _screen_lines(view))
        # resizing re-wraps and keeps the same text at the top
        view.scroll_to(y=300, animate=False, immediate=True)
        await pilot.pause()
        top = _screen_lines(view)[0].split()[0:3]
        await pilot.resize_terminal(100, 20)
        # the new width reaches the view a few messages later: on a loaded machine, after a pause
        await wait_for(pilot, lambda: max(map(cell_len, _screen_lines(view))) > 60, 10)
        assert " ".join(top) in " ".join(_screen_lines(view)[:2])


async def test_find_scrolls_to_each_hit() -> None:
    body = "\n\n".join(
        f"Đoạn {n}. {PARAGRAPH}" + (" Đoàn công tác tới Hà Giang." if n == 50 else "") for n in range(60)
    )
    analysis = analyse(document_from_text("Tiêu đề\n\n" + body, "find.txt"))
    app = _ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ArticleView)
        view.show_analysis(analysis, {}, 1)
        await pilot.pause()
        assert view.find("ha giang") == 1
        assert not any("Hà Giang" in line for line in _screen_lines(view))
        view.jump(1)
        await pilot.pause()
        assert any("Hà Giang" in line for line in _screen_lines(view))


async def test_current_hit_differs_from_the_others_without_colour() -> None:
    body = "\n\n".join(f"Đoạn {n}. {PARAGRAPH}" for n in range(3))
    analysis = analyse(document_from_text("Tiêu đề\n\n" + body, "hits.txt"))
    app = _ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ArticleView)
        view.show_analysis(analysis, {}, 1)
        await pilot.pause()
        assert view.find("thai nguyen") == 3
        view.jump(1)
        await pilot.pause()
        current = view.marks[view.current]
        styles = {
            (a, b): " ".join(str(span.style).split())
            for a, b in view.marks
            for span in view._spans
            if (span.start, span.end) == (a, b)
        }
        assert "reverse" in styles[current].split()
        others = [style for mark, style in styles.items() if mark != current]
        assert others and all("reverse" not in style.split() and "underline" in style for style in others)
