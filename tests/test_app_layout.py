"""The reading layout: a list that grows with the terminal (or the configured width), a summary box
that takes the lines its text needs within a share of the height, and the article below it."""

from __future__ import annotations

from pathlib import Path

import app_helpers
from app_helpers import make_app, wait_for_summary

from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.summary_pane import SummaryPane

# the fixtures: an isolated home, and small articles written for the tests
isolated_env, articles = app_helpers.isolated_env, app_helpers.articles


async def _layout(paths: list[Path], size: tuple[int, int]) -> tuple[int, int, int, int]:
    """(list column width, summary box height, its text's height, article height) once summarised."""
    app = make_app([str(paths[0])])
    async with app.run_test(size=size) as pilot:
        await wait_for_summary(pilot)
        await pilot.pause()
        screen = app.screen
        pane = screen.query_one(SummaryPane)
        text = pane.query_one("#summary-text")
        return (
            screen.query_one("#list-column").outer_size.width,
            pane.outer_size.height,
            text.outer_size.height,
            screen.query_one(ArticleView).outer_size.height,
        )


async def test_list_grows_with_the_terminal_and_can_be_set(articles: Path) -> None:
    paths = sorted(articles.glob("*.txt"))
    narrow, *_ = await _layout(paths, (80, 24))
    wide, *_ = await _layout(paths, (200, 50))
    assert 20 <= narrow <= 30
    assert wide >= narrow + 15


async def test_summary_takes_the_room_its_text_needs(articles: Path) -> None:
    paths = sorted(articles.glob("*.txt"))
    _, box, text, article = await _layout(paths, (80, 24))
    assert box == text + 2  # the whole summary inside the border: nothing to scroll
    assert article >= 5
    _, box, _, article = await _layout(paths, (40, 12))
    assert box >= 5  # a small terminal keeps a few summary lines
    assert article >= 3


async def test_w_shows_the_list_across_the_whole_width(articles: Path) -> None:
    paths = sorted(articles.glob("*.txt"))
    app = make_app([str(p) for p in paths], list_width=30)
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_for_summary(pilot)
        screen = app.screen
        column = screen.query_one("#list-column")
        assert column.outer_size.width == 31  # the configured width, and its edge
        await pilot.press("w")
        await pilot.pause()
        assert column.outer_size.width == 100 and not screen.query_one("#read-column").display
        await pilot.press("j", "enter")  # opening an article puts the list back beside it
        await pilot.pause()
        assert column.outer_size.width == 31 and screen.query_one("#read-column").display
