"""The list's order (S), read/unread/flagged (u), flags (m) kept between sessions, dates (d), esc."""

from __future__ import annotations

import json
import os
from pathlib import Path

import app_helpers
import pytest
from app_helpers import SIZE, make_app, reader, wait_for
from textual.widgets import Input

from tui.app.articles import Status
from tui.app.list_view_state import Shown, SortKey
from tui.app.read_marks import default_file
from tui.app.screens.date_range import DateRangeScreen
from tui.app.widgets.article_list import FLAG_MARKER, ArticleList
from tui.app.widgets.status_bar import StatusBar

isolated_env = app_helpers.isolated_env

# Written for these tests: three short dated articles, file order a, b, c; dates b < c < a.
DATED = {
    "a_hai_phong.txt": ("Hải Phòng khai trương cảng container", "15/03/2024", "bến cảng mới tại khu kinh tế"),
    "b_can_tho.txt": ("Cần Thơ nạo vét kênh rạch nội ô", "02/01/2024", "mùa khô sắp tới"),
    "c_bac_ninh.txt": ("Bắc Ninh mở hội chợ hàng thủ công", "20/02/2024", "làng nghề truyền thống"),
}


@pytest.fixture
def dated(isolated_env: Path) -> list[str]:
    folder = isolated_env / "dated"
    folder.mkdir()
    for name, (title, date, topic) in DATED.items():
        body = (
            f"{title}\n\nThứ hai, {date} 08:30\n\n"
            f"Sáng nay, chính quyền địa phương cho biết công việc về {topic} đã bắt đầu theo kế hoạch. "
            f"Người dân đồng tình và mong công trình sớm hoàn thành để phục vụ đời sống hằng ngày.\n"
        )
        (folder / name).write_text(body, encoding="utf-8")
    return [str(p) for p in sorted(folder.glob("*.txt"))]


def _names(app) -> list[str]:
    return [Path(p).name[0] for p in reader(app).query_one(ArticleList).paths]


def _status(app) -> str:
    return reader(app).query_one(StatusBar).render_status().plain


async def _all_done(pilot) -> None:
    await wait_for(pilot, lambda: all(e.state is Status.DONE for e in reader(pilot.app).library.entries))


async def test_sort_key_cycles_the_orders_and_the_config_sets_the_first(dated: list[str]) -> None:
    app = make_app(dated)
    async with app.run_test(size=SIZE) as pilot:
        await _all_done(pilot)
        assert _names(app) == ["a", "b", "c"]
        await pilot.press("S")
        assert reader(app).list_view.sort is SortKey.DATE
        assert _names(app) == ["a", "c", "b"]  # newest first
        assert "newest first" in _status(app)
        await pilot.press("S")
        assert _names(app) == ["c", "b", "a"]  # Bắc, Cần, Hải: diacritics aside
        await pilot.press("S", "S")
        assert reader(app).list_view.sort is SortKey.FOLDER and _names(app) == ["a", "b", "c"]

    first = make_app(dated, list_sort="date")
    async with first.run_test(size=SIZE) as pilot:
        await _all_done(pilot)
        await wait_for(pilot, lambda: _names(first) == ["a", "c", "b"])


async def test_flags_show_in_the_list_filter_it_and_are_kept(dated: list[str]) -> None:
    app = make_app(dated)
    async with app.run_test(size=SIZE) as pilot:
        await _all_done(pilot)
        listing = reader(app).query_one(ArticleList)
        listing.focus()
        await pilot.press("j", "m")  # b flagged
        assert FLAG_MARKER in listing.row_text(1).plain and FLAG_MARKER not in listing.row_text(0).plain
        await pilot.press("u")  # unread: a was opened first, so it is read
        assert reader(app).list_view.shown is Shown.UNREAD and _names(app) == ["b", "c"]
        await pilot.press("u")
        assert _names(app) == ["a"]
        await pilot.press("u")
        assert _names(app) == ["b"] and "flagged" in _status(app)
        await pilot.press("escape")
        assert _names(app) == ["a", "b", "c"] and "esc clears" not in _status(app)
    saved = json.loads(default_file().read_text(encoding="utf-8"))
    assert saved["flagged"] == [os.path.realpath(dated[1])]

    again = make_app(dated)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert FLAG_MARKER in reader(again).query_one(ArticleList).row_text(1).plain
        reader(again).query_one(ArticleList).highlighted = 1
        await pilot.press("m")  # unflagged, and kept so
    assert json.loads(default_file().read_text(encoding="utf-8"))["flagged"] == []


async def test_date_range_input_filters_and_refuses_a_bad_date(dated: list[str]) -> None:
    app = make_app(dated)
    async with app.run_test(size=SIZE) as pilot:
        await _all_done(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, DateRangeScreen)
        await pilot.press(*"31/02/2024", "enter", "enter")
        assert isinstance(app.screen, DateRangeScreen)  # refused: the dialog says why and stays
        error = str(app.screen.query_one("#date-error").render())
        assert "since: '31/02/2024' is not a date" in error
        app.screen.query_one("#since", Input).value = "01/02/2024"
        await pilot.press(*"2024-03-15", "enter")  # the cursor stayed in until
        await wait_for(pilot, lambda: not isinstance(app.screen, DateRangeScreen))
        assert _names(app) == ["a", "c"]
        assert "01/02/2024–15/03/2024" in _status(app)
        await pilot.press("d", "escape")  # escape leaves the range as it was
        assert _names(app) == ["a", "c"]
        await pilot.press("escape")
        assert _names(app) == ["a", "b", "c"]
