"""A long list paints with its first rows and the rest arrive from the folder walk: the counts say
the walk goes on, and order, read marks, flags and the filter are right once it has ended.

The walk is held half-way by the test (an event), so what shows meanwhile is checked for sure.
"""

from __future__ import annotations

import gc
import itertools
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import SIZE, articles, isolated_env, make_config, names_as_entities, reader, wait_for  # noqa: F401

from tui.app.articles import build_entries, make_entry
from tui.app.read_marks import ReadMarks
from tui.app.walk import Walk, open_entries
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.status_bar import StatusBar
from tui.core.loader import LoadError, find_articles

HEAD = 4  # rows known before the interface starts
HELD_AT = 6  # the walk waits after this many more
TITLES = ("Yên Bái mở hội chợ", "An Giang gặt lúa", "Cà Mau nuôi tôm", "Lào Cai đón khách")


@pytest.fixture
def archive(isolated_env: Path) -> Path:
    folder = isolated_env / "archive"
    for number in range(20):
        sub = folder / f"{number // 7}"
        sub.mkdir(parents=True, exist_ok=True)
        # titles in another order than the files; one text word, early and late, for the filter
        body = "Người dân thấy khủng long ở đây." if number in (1, 17) else "Nội dung ngắn gọn."
        text = f"{TITLES[number % 4]} lần {number:02d}\n\n{body}\n"
        (sub / f"{number:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def held(items: Iterator[str | LoadError], gate: threading.Event) -> Iterator[str | LoadError]:
    yield from itertools.islice(items, HELD_AT)
    gate.wait(30)
    yield from items


def held_app(folder: Path, gate: threading.Event):
    from tui.app.app import ReportsApp

    found = find_articles([str(folder)])
    entries = [make_entry(item) for item in itertools.islice(found, HEAD)]
    walk = Walk(held(found, gate))
    return ReportsApp(
        [str(folder)],
        make_config(),
        analyse=names_as_entities,
        processes=False,
        entries=entries,
        walk=walk,
        use_cache=False,
    )


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()


def test_open_entries_keeps_a_short_list_whole_and_walks_the_rest_of_a_long_one(archive: Path) -> None:
    whole, walk = open_entries([str(archive)], first=30, read_titles=30)
    assert walk is None and [e.title for e in whole] == [e.title for e in build_entries([str(archive)])]
    assert whole[0].title.startswith("Yên Bái") and not whole[0].needs_title  # first lines: a short list

    head, walk = open_entries([str(archive)], first=5, read_titles=3)
    assert walk is not None and len(head) == 5 and all(e.needs_title for e in head)
    walk.start()
    walk.join(10)
    rest, finished = walk.take()
    assert finished and [e.path for e in head + rest] == [e.path for e in build_entries([str(archive)])]


async def test_rows_stream_in_with_their_marks_and_the_count_says_so(archive: Path, gate: threading.Event) -> None:
    paths = [e.path for e in build_entries([str(archive)])]
    marks = ReadMarks.load()[0]
    marks.mark(paths[15])  # read and flagged in an earlier session: rows the walk finds late
    marks.flag(paths[18], True)
    assert marks.save() is None

    app = held_app(archive, gate)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        listing = screen.query_one(ArticleList)
        bar = screen.query_one(StatusBar)
        await wait_for(pilot, lambda: listing.row_count == HEAD + HELD_AT)
        assert listing.paths == paths[: HEAD + HELD_AT]
        assert f"{HEAD + HELD_AT}…" in bar.render_status().plain  # the walk goes on
        assert screen.current is None  # the work begins once every article is known

        gate.set()
        await wait_for(pilot, lambda: listing.row_count == len(paths) and not bar.status.walking)
        assert "…" not in bar.render_status().plain.split("│")[0]
        assert listing.paths == paths
        by_path = screen.library.by_path
        assert by_path[paths[15]].read and not by_path[paths[14]].read
        assert by_path[paths[18]].flagged and not by_path[paths[17]].flagged
        await wait_for(pilot, lambda: screen.current == paths[0])  # then the first article opens
        await wait_for(pilot, lambda: not any(e.needs_title for e in screen.library.entries))
        assert by_path[paths[19]].title == "Lào Cai đón khách lần 19"


async def test_an_order_chosen_during_the_walk_covers_every_row_after_it(archive: Path, gate: threading.Event) -> None:
    app = held_app(archive, gate)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        listing = screen.query_one(ArticleList)
        await wait_for(pilot, lambda: listing.row_count == HEAD + HELD_AT)
        await pilot.press("S", "S")  # newest first, then by title
        assert screen.list_view.sort.value == "title"
        gate.set()

        def by_title() -> bool:
            entries = screen.library.entries
            if len(entries) < 20 or any(e.needs_title for e in entries):
                return False
            return listing.paths == [e.path for e in sorted(entries, key=lambda e: e.loose_title)]

        await wait_for(pilot, by_title)
        assert Path(listing.paths[0]).name == "01.txt"  # "An Giang gặt lúa lần 01"


@pytest.mark.parametrize("query", ["khủng long", "khung long"])
async def test_a_filter_typed_during_the_walk_finds_rows_found_after_it(
    archive: Path, gate: threading.Event, query: str
) -> None:
    app = held_app(archive, gate)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        listing = screen.query_one(ArticleList)
        await wait_for(pilot, lambda: listing.row_count == HEAD + HELD_AT)
        await pilot.press("slash")
        screen.query_one("#filter").value = query
        await wait_for(pilot, lambda: [Path(p).name for p in listing.paths] == ["01.txt"])
        gate.set()
        await wait_for(pilot, lambda: [Path(p).name for p in listing.paths] == ["01.txt", "17.txt"])


async def test_a_warm_start_gives_rows_found_late_their_cached_titles(articles: Path) -> None:
    """The cache is read once the walk has ended: rows it found late are cached ones too."""
    from tui.app.app import ReportsApp
    from tui.core.cache import open_cache
    from tui.core.service import analyse_path

    config = make_config()
    cache = open_cache()
    for path in sorted(articles.iterdir()):
        analyse_path(str(path), config.options, cache=cache)
    cache.close()
    found = find_articles([str(articles)])
    head = [make_entry(next(found))]  # one row before the interface, two from the walk
    app = ReportsApp([str(articles)], config, processes=False, entries=head, walk=Walk(found))
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        bar = screen.query_one(StatusBar)
        await wait_for(pilot, lambda: "all analysed" in bar.render_status().plain)
        titles = [e.title for e in screen.library.entries]
        assert titles[1:] == [
            "Đà Nẵng khởi công tuyến đường ven biển phía bắc",
            "Bản tin [Video] về cách viết [/b] trong văn bản",
        ]
        assert not screen.analyser.back.started  # nothing left for a worker
        assert gc.get_freeze_count() > 0  # the rows, once the cache is read, are left out of collections
    assert gc.get_freeze_count() == 0  # and given back to them when the interface ends
