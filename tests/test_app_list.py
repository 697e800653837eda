"""The list: the open article marked, read articles kept between sessions, the cursor's place."""

from __future__ import annotations

import json
import os
from pathlib import Path

import app_helpers
from app_helpers import SIZE, make_app, reader, wait_for, wait_for_summary

from tui.app.read_marks import default_file
from tui.app.widgets.article_list import OPEN_MARKER, ArticleList
from tui.app.widgets.status_bar import StatusBar

isolated_env, articles = app_helpers.isolated_env, app_helpers.articles


def _row(app, index: int) -> str:
    return reader(app).query_one(ArticleList).row_text(index).plain


def _bold(app, index: int) -> bool:
    return any("bold" in str(span.style) for span in reader(app).query_one(ArticleList).row_text(index).spans)


async def test_open_article_marked_read_kept_and_position_shown(articles: Path) -> None:
    paths = [str(p) for p in sorted(articles.glob("*.txt"))]
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_summary(pilot, paths[0])
        assert _row(app, 0).startswith(OPEN_MARKER)
        assert not _row(app, 1).startswith(OPEN_MARKER)
        assert _bold(app, 1) and not _bold(app, 0)  # titles not read yet are bold
        await pilot.press("j", "enter")
        await wait_for_summary(pilot, paths[1])
        assert _row(app, 1).startswith(OPEN_MARKER) and not _row(app, 0).startswith(OPEN_MARKER)
        await wait_for(pilot, lambda: reader(app).query_one(StatusBar).status.position == 2)
        assert f"2/{len(paths)} articles" in str(reader(app).query_one(StatusBar).render_status())
    saved = json.loads(default_file().read_text(encoding="utf-8"))
    assert sorted(saved["read"]) == sorted(os.path.realpath(p) for p in paths[:2])

    again = make_app(paths)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        entries = reader(again).library.by_path
        assert entries[paths[1]].read and not entries[paths[2]].read
