"""Entity counts the reader can reach: mentions outside the shown text are counted apart."""

from __future__ import annotations

from pathlib import Path

import app_helpers
from app_helpers import SIZE, make_app, reader, wait_for_summary

from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.entity_panel import EntityPanel

isolated_env, articles = app_helpers.isolated_env, app_helpers.articles


async def test_count_shown_is_what_n_reaches(articles: Path) -> None:
    path = str(articles / "a_thai_nguyen.txt")
    app = make_app([path])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_summary(pilot, path)
        screen = reader(app)
        await pilot.press("e")
        await pilot.pause()
        panel = screen.query_one(EntityPanel)
        place = next(oid for oid, g in panel.groups.items() if g.name == "Thái Nguyên")
        group = panel.groups[place]
        prompt = panel.get_option(place).prompt.plain
        article = screen.query_one(ArticleView)
        reach = article.reachable([(m.start, m.end) for m in group.mentions])
        assert reach < group.count  # the headline's mention is not in the text n/N move through
        assert f"×{reach} +{group.count - reach} outside the text" in prompt
        panel.highlighted = panel.get_option_index(place)
        await pilot.press("enter")
        await pilot.pause()
        assert len(article.marks) == reach
