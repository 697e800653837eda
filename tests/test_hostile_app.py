"""Every screen of the interface shows a hostile article's control characters as symbols."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app_helpers import isolated_env, make_app, make_config, reader, wait_for, wait_for_summary  # noqa: F401
from hostile_helpers import OSC0, OSC52, active_characters, hostile_article

from tui.app.articles import Status
from tui.app.jobs import analyse_article
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.entity_panel import EntityPanel
from tui.app.widgets.status_bar import StatusBar
from tui.app.widgets.summary_pane import SummaryPane
from tui.core.model import Analysis, Entity, EntityGroup


def hostile_entities(path: str, algorithms: tuple[str, ...], entities: bool) -> Analysis:
    """The real summary, and a person whose name and role carry control sequences."""
    analysis = analyse_article(path, algorithms, False, options=make_config().options, use_cache=False)
    text = analysis.document.text
    start = text.index("Lê Minh Tuấn nhấn mạnh")
    end = text.index(OSC52) + len(OSC52)
    mention = Entity("PER", start, end, text[start:end])
    group = EntityGroup("PER", text[start:end], (mention,), role=f"Giám đốc {OSC0}")
    return replace(analysis, entities=(mention,), groups=(group,))


async def test_no_screen_shows_a_control_character(isolated_env: Path) -> None:
    folder = isolated_env / "articles"
    folder.mkdir()
    article = folder / "bao-cao \x1b]0;NAME-TITLE\x07 quy-mot.txt"
    article.write_text(hostile_article(), encoding="utf-8")
    (folder / "rong \x1b]52;c;aGk=\x07.txt").write_bytes(b"")  # fails: its name is in a notification
    app = make_app([str(folder)], analyse=hostile_entities)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = reader(app)
        await wait_for_summary(pilot, str(article))
        await wait_for(pilot, lambda: any(e.state is Status.FAILED for e in screen.library.entries))
        await pilot.press("e")  # the entity panel
        await wait_for(pilot, lambda: bool(screen.query_one(EntityPanel).groups))
        view = screen.query_one(ArticleView)
        panel = screen.query_one(EntityPanel)
        shown = {
            "list": [screen.query_one(ArticleList).row_text(i).plain for i in range(len(screen.library.entries))],
            "header": view.header_content().plain,
            "body": view.body_content().plain,
            "summary": screen.query_one(SummaryPane).shown,
            "border": str(screen.query_one(SummaryPane).border_title),
            "entities": [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)],
            "status": screen.query_one(StatusBar).render_status().plain,
            "notifications": [f"{n.title} {n.message}" for n in app._notifications],
            "screen": app.export_screenshot(),
        }
        for place, text in shown.items():
            assert not active_characters(str(text)), place
        assert "␛]0;HOSTILE-TITLE␇" in shown["header"]
        assert "␛]52;c;" in shown["body"]
        assert any("␛]52;c;aGk=␇" in n for n in shown["notifications"])
        # offsets still point at the same words after the one-for-one replacement
        analysis = screen.library.analysis(str(article))
        assert analysis is not None
        for sentence in analysis.sentences:
            spans = list(view.to_display(sentence.start, sentence.end))
            assert len(sentence.text) == sum(b - a for a, b in spans) or not spans
        await pilot.press("tab")
        screen.query_one(SummaryPane).focus()
        await pilot.press("c")
        assert not active_characters(app.clipboard) and app.clipboard
