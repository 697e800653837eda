"""The article list alone: cursor keys, opening, row updates and one-line rows on a long list."""

from __future__ import annotations

import html
import re
import unicodedata

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.geometry import Region

from tui.app.articles import Entry, Status
from tui.app.messages import ArticleOpened
from tui.app.widgets.article_list import ArticleList, row_prompt

ROWS = 3_000
TITLE = "Thủ tướng làm việc với tỉnh Thái Nguyên về chuyển đổi số và phát triển hạ tầng giao thông"


def _entries(count: int = ROWS) -> list[Entry]:
    return [Entry(f"/corpus/{n:04d}.txt", f"Bài {n}: {TITLE}") for n in range(count)]


class _ListApp(App[None]):
    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = entries
        self.opened: list[str] = []

    def compose(self) -> ComposeResult:
        yield ArticleList(self.entries, id="articles")

    def on_article_opened(self, message: ArticleOpened) -> None:
        self.opened.append(message.path)


def _cursor_in_view(listing: ArticleList) -> bool:
    top = listing.scroll_offset.y
    return listing.highlighted is not None and top <= listing.highlighted < top + listing.size.height


def _screen_text(app: App[None]) -> str:
    """The screen as the terminal would show it (the SVG screenshot, tags and escapes removed)."""
    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


async def test_keys_move_the_cursor_and_keep_it_in_view() -> None:
    app = _ListApp(_entries())
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(ArticleList)
        assert listing.highlighted == 0 and listing.row_count == ROWS
        assert listing.virtual_size.height == ROWS  # one line per row
        await pilot.press("j", "j", "down", "k")
        assert listing.highlighted == 2
        await pilot.press("G")
        assert listing.highlighted == ROWS - 1 and _cursor_in_view(listing)
        assert listing.scroll_offset.y == ROWS - listing.size.height  # the last row at the bottom
        await pilot.press("g")
        assert listing.highlighted == 0 and listing.scroll_offset.y == 0
        await pilot.press("pagedown", "space")  # space pages as in the article
        assert listing.highlighted == 2 * listing.size.height and _cursor_in_view(listing)
        await pilot.press("pageup")
        assert listing.highlighted == listing.size.height and _cursor_in_view(listing)
        for _ in range(30):
            await pilot.press("j")
        assert listing.highlighted == listing.size.height + 30 and _cursor_in_view(listing)
        listing.highlighted = 1_234  # set from outside, as the screen does
        assert _cursor_in_view(listing)
        await pilot.resize_terminal(80, 8)
        await pilot.pause()
        assert listing.highlighted == 1_234 and _cursor_in_view(listing)


async def test_cursor_row_is_reversed_and_bold_focused_or_not() -> None:
    app = _ListApp(_entries())
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(ArticleList)
        await pilot.press("j")
        focused = listing.render_line(1)
        other = listing.render_line(2)
        assert all(s.style and s.style.reverse and s.style.bold for s in focused)  # the whole width
        assert not any(s.style and s.style.reverse for s in other)
        app.set_focus(None)
        await pilot.pause()
        blurred = listing.render_line(1)
        assert all(s.style and s.style.reverse and s.style.bold for s in blurred)
        assert blurred.text == focused.text and next(iter(blurred)).style != next(iter(focused)).style


async def test_enter_and_click_open_the_row() -> None:
    app = _ListApp(_entries())
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(ArticleList)
        await pilot.press("G", "k", "enter")
        await pilot.pause()
        assert app.opened == [f"/corpus/{ROWS - 2:04d}.txt"]
        top = listing.scroll_offset.y
        await pilot.click(ArticleList, offset=(5, 3))
        await pilot.pause()
        assert listing.highlighted == top + 3
        assert app.opened[-1] == listing.paths[top + 3]


async def test_update_entry_redraws_that_line_only(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _ListApp(_entries())
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(ArticleList)
        assert "Bản tin mới" not in _screen_text(app)
        painted: list[Region] = []
        refresh = listing.refresh

        def spy(*regions: Region, **options: bool) -> ArticleList:
            painted.extend(regions or [listing.size.region])
            return refresh(*regions, **options)

        monkeypatch.setattr(listing, "refresh", spy)
        listing.update_entry(Entry("/corpus/2500.txt", "Ngoài màn hình", state=Status.DONE))  # not on screen
        assert painted == [] and "Ngoài màn hình" in listing.row_text(2500).plain
        listing.update_entry(Entry("/corpus/0003.txt", "Bản tin mới", date="05/03/2024", state=Status.DONE))
        assert [(region.y, region.height) for region in painted] == [(3, 1)]  # that line alone
        await pilot.pause()
        assert listing.row_text(3).plain == "  05/03/24 Bản tin mới"
        assert "05/03/24 Bản tin mới" in _screen_text(app)
        assert listing.render_line(3).text.startswith("  05/03/24 Bản tin mới ")


async def test_set_entries_keeps_the_cursor_on_its_article() -> None:
    entries = _entries()
    app = _ListApp(entries)
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(ArticleList)
        listing.highlighted = 2_000
        kept = listing.highlighted_path
        shown = entries[1_500:2_600:4]  # a filter: the row moves to another index
        listing.set_entries(shown, keep=kept)
        await pilot.pause()
        assert listing.highlighted_path == kept and listing.highlighted == shown.index(entries[2_000])
        assert _cursor_in_view(listing) and listing.paths == [e.path for e in shown]
        listing.set_entries(entries[:10], keep=kept)  # no longer listed: the first row
        await pilot.pause()
        assert listing.highlighted == 0 and listing.scroll_offset.y == 0
        assert "Bài 9:" in _screen_text(app)
        listing.set_entries([], keep=kept)
        await pilot.pause()
        assert listing.highlighted is None and listing.highlighted_path is None
        assert listing.render_line(0).text.strip() == ""
        await pilot.press("j", "G", "enter")
        assert app.opened == []


async def test_a_failed_row_is_one_line_with_its_reason() -> None:
    failed = Entry("/corpus/broken.txt", "broken.txt", state=Status.FAILED, reason="binary file\n(not text)")
    row = row_prompt(failed)
    assert row.plain == "✗ broken.txt — binary file (not text)"
    styles = {row.plain[s.start : s.end]: str(s.style) for s in row.spans}
    assert styles["broken.txt"] == "strike" and "italic" in styles[" — binary file (not text)"]
    app = _ListApp([*_entries(3), failed])
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(ArticleList)
        await pilot.pause()
        assert listing.virtual_size.height == 4
        assert listing.render_line(3).text.rstrip() == "✗ broken.txt — binary file (not text)"
        assert listing.render_line(4).text.strip() == ""  # the row took one line


async def test_vietnamese_titles_are_cut_by_cell_width() -> None:
    decomposed = unicodedata.normalize("NFD", TITLE)  # combining marks take no cell
    entries = [Entry("/a.txt", TITLE), Entry("/b.txt", decomposed), Entry("/c.txt", "Ngắn")]
    app = _ListApp(entries)
    async with app.run_test(size=(30, 10)) as pilot:
        listing = app.query_one(ArticleList)
        await pilot.pause()
        width = listing.size.width
        cut, decomposed_cut, short = (listing.render_line(y) for y in range(3))
        for line in (cut, decomposed_cut, short):
            assert line.cell_length == width and cell_len(line.text) == width
        assert cut.text.endswith("…") and cut.text.startswith("· Thủ tướng làm việc")
        assert len(decomposed_cut.text) > width  # more characters than cells, still aligned
        assert unicodedata.normalize("NFC", decomposed_cut.text) == cut.text
        assert short.text.rstrip() == "· Ngắn"
