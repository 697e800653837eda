"""Smaller things a demanding reader hits: n/N after find, space in the help, notices that cover
no text, the saved path shortened."""

from __future__ import annotations

from pathlib import Path

import app_helpers
import pytest
from app_helpers import SIZE, make_app, reader, wait_for, wait_for_summary
from textual.containers import VerticalScroll

from tui.app.screens.help import HelpScreen
from tui.app.screens.summary_actions import _home_as_tilde
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.status_bar import StatusBar

isolated_env, articles = app_helpers.isolated_env, app_helpers.articles


async def test_n_types_in_the_find_box_and_jumps_after_enter(articles: Path) -> None:
    path = str(sorted(articles.glob("*.txt"))[0])
    app = make_app([path])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_summary(pilot, path)
        screen = reader(app)
        await pilot.press("f", *"nguyen")  # the n of the query is typed, not a jump
        await pilot.pause()
        article = screen.query_one(ArticleView)
        assert screen.query_one("#find").value == "nguyen"
        hits = len(article.marks)
        assert hits >= 2
        await pilot.press("enter")
        assert screen.focused is article and article.current == 0
        await pilot.press("n")
        assert article.current == 1
        await pilot.press("N")
        assert article.current == 0


async def test_space_scrolls_the_help(articles: Path) -> None:
    app = make_app([str(articles)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one(VerticalScroll)
        assert scroll.max_scroll_y > 0
        await pilot.press("space")
        await wait_for(pilot, lambda: scroll.scroll_y > 0)


async def test_copy_notice_is_on_the_status_line_not_over_the_article(articles: Path) -> None:
    path = str(sorted(articles.glob("*.txt"))[0])
    app = make_app([path])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_summary(pilot, path)
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard
        assert not app._notifications  # no toast over the text
        status = reader(app).query_one(StatusBar).render_status().plain
        assert "sent to the clipboard" in status and len(status) <= SIZE[0] - 2


def test_saved_path_shows_the_home_folder_as_tilde(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert _home_as_tilde(tmp_path / "notes" / "summaries") == "~/notes/summaries"
    assert _home_as_tilde(Path("/srv/shared")) == "/srv/shared"


def test_pager_and_editor_get_the_path_as_one_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.app.screens.external import external_command

    hostile = "/tmp/báo cáo; rm -rf ~ $(id).txt"
    monkeypatch.setenv("PAGER", "less -R")
    assert external_command("PAGER", hostile) == ["less", "-R", hostile]
    monkeypatch.delenv("PAGER")
    assert external_command("PAGER", "-n.txt") == ["less", str(Path.cwd() / "-n.txt")]  # never an option
    monkeypatch.setenv("EDITOR", "'/opt/my editor/bin/ed' --wait")
    assert external_command("EDITOR", hostile) == ["/opt/my editor/bin/ed", "--wait", hostile]


async def test_pager_without_a_terminal_to_hand_over_says_so(articles: Path) -> None:
    path = str(sorted(articles.glob("*.txt"))[0])
    app = make_app([path])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_summary(pilot, path)
        await pilot.press("o")  # the test driver cannot suspend: a notice, and nothing runs
        await pilot.pause()
        assert any("handed over" in n.message for n in app._notifications)
