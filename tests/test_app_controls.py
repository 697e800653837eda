"""Summary controls: `+`/`-` bounded by the article, algorithms by name and backwards, labels that
name the algorithm that ran."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import app_helpers
from app_helpers import SIZE, make_app, names_as_entities, reader, run_from_palette, wait_for, wait_for_summary

from tui.app.widgets.status_bar import StatusBar
from tui.app.widgets.summary_pane import SummaryPane
from tui.core import export
from tui.core.model import Analysis
from tui.core.summarize import ALGORITHMS

isolated_env, articles = app_helpers.isolated_env, app_helpers.articles


async def test_longer_stops_at_the_articles_sentence_count(articles: Path) -> None:
    path = str(sorted(articles.glob("*.txt"))[1])
    app = make_app([path])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_summary(pilot, path)
        screen = reader(app)
        sentences = len(screen.library.analysis(path).summaries[screen.algorithm].scores)
        assert 3 < sentences < 20
        for _ in range(sentences + 5):
            await pilot.press("plus")
        assert screen.count == sentences
        pane = screen.query_one(SummaryPane)
        assert str(pane.border_title).endswith(f"· {sentences} sentences")
        await pilot.press("minus")
        assert screen.count == sentences - 1  # one press back is one sentence less


async def test_algorithm_backwards_and_by_name_from_the_palette(articles: Path) -> None:
    path = str(sorted(articles.glob("*.txt"))[0])
    app = make_app([path])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_summary(pilot, path)
        screen = reader(app)
        assert screen.algorithm == ALGORITHMS[0]
        await pilot.press("A")
        assert screen.algorithm == ALGORITHMS[-1]
        await pilot.press("a")
        assert screen.algorithm == ALGORITHMS[0]
        await run_from_palette(pilot, "Summarise with textrank")
        await wait_for(pilot, lambda: screen.algorithm == "textrank")
        await wait_for_summary(pilot, path)
        assert "textrank" in str(screen.query_one(SummaryPane).border_title)


def _fell_back(path: str, algorithms: tuple[str, ...], entities: bool) -> Analysis:
    """As when a long text makes a quadratic algorithm give way to the ranker."""
    analysis = names_as_entities(path, (*algorithms, "ranker"), entities)
    summaries = dict(analysis.summaries)
    for algorithm in algorithms:
        summaries[algorithm] = replace(summaries["ranker"], algorithm=algorithm, note="too long", method="ranker")
    return replace(analysis, summaries=summaries)


async def test_labels_and_exports_name_the_algorithm_that_ran(articles: Path) -> None:
    path = str(sorted(articles.glob("*.txt"))[0])
    app = make_app([path], analyse=_fell_back, algorithm="lexrank")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_summary(pilot, path)
        title = str(reader(app).query_one(SummaryPane).border_title)
        assert "ranker" in title and "lexrank" not in title
        status = str(reader(app).query_one(StatusBar).render_status())
        assert "lexrank→ranker ×3" in status  # asked for, then what ran
        await pilot.press("C")
        assert "**Summary** (ranker, 3 sentences)" in app.clipboard
    analysis = _fell_back(path, ("lexrank",), False)
    assert export.summary_json(analysis, analysis.summaries["lexrank"], 3)["method"] == "ranker"
    assert export.algorithm_label(analysis, "ranker") == "ranker"
    assert export.algorithm_label(None, "lexrank") == "lexrank"
