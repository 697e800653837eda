"""A long list (thousands of articles, written here): first lines arrive, the cursor moves, the
filter narrows as a query is typed, and opening marks the row, as on a short list."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import SIZE, isolated_env, make_app, reader, wait_for  # noqa: F401

from tui.app.text_index import IndexState
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.status_bar import StatusBar
from tui.core.model import Analysis

COUNT = 1_500
TOPICS = ("giá lúa tăng", "đường ven biển", "chuyển đổi số", "mùa mưa bão")


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Analyses wait on this until the test ends: the list is what is under test, not the panes."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def long_folder(isolated_env: Path) -> Path:
    folder = isolated_env / "archive"
    for number in range(COUNT):
        sub = folder / f"{number // 1000:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        body = "Người dân phấn khởi vì khủng long xuất hiện." if number == 1171 else "Nội dung ngắn gọn."
        text = f"Bản tin số {number}: {TOPICS[number % len(TOPICS)]}\n\n{body}\n"
        (sub / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    return folder


async def test_a_long_list_moves_filters_and_opens(long_folder: Path, release: threading.Event) -> None:
    def waiting(path: str, algorithms: tuple[str, ...], entities: bool) -> Analysis:
        release.wait(30)
        raise RuntimeError("not analysed in this test")

    app = make_app([str(long_folder)], analyse=waiting)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        listing = screen.query_one(ArticleList)
        entries = screen.library.entries
        assert len(entries) == listing.row_count == COUNT
        await wait_for(pilot, lambda: not any(e.needs_title for e in entries))  # first lines replace names
        assert entries[42].title == "Bản tin số 42: chuyển đổi số"
        await pilot.press("G")
        assert listing.highlighted == COUNT - 1
        await wait_for(pilot, lambda: screen.query_one(StatusBar).status.position == COUNT)

        typed = "so 1234"
        await pilot.press("slash")
        for end in range(1, len(typed) + 1):  # each keystroke: exactly the titles holding the query
            await pilot.press("space" if typed[end - 1] == " " else typed[end - 1])
            expected = [e.path for e in entries if typed[:end].strip() in e.loose_title]

            def shows(expected: list[str] = expected) -> bool:
                return listing.paths == expected

            await wait_for(pilot, shows)
        assert [Path(p).name for p in listing.paths] == ["01234.txt"]
        await pilot.press("enter", "enter")  # back to the list, then open the row
        path = listing.paths[0]
        await wait_for(pilot, lambda: screen.current == path)
        assert screen.library.by_path[path].read and listing.row_text(0).plain.startswith("▶")

        await wait_for(pilot, lambda: screen.index.state is IndexState.READY)
        await pilot.press("slash", "escape")  # cleared: every row again, the cursor on the open one
        await wait_for(pilot, lambda: listing.row_count == COUNT)
        assert listing.highlighted_path == path
        await pilot.press("slash", *"khung lon", "g")  # a word of one article's text, typed on
        await wait_for(pilot, lambda: [Path(p).name for p in listing.paths] == ["01171.txt"])
