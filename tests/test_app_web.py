"""The interface when Textual says it runs in a browser (`App.is_web`): saves become downloads,
the copy notice and the help say what the browser allows. tests/test_serve_browser.py runs the
same keys under the real web driver in Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app_helpers import SIZE, articles, isolated_env, make_config, names_as_entities, reader, wait_for_summary  # noqa: F401
from textual import events
from textual.widgets import Static

from tui.app import app as app_module
from tui.app.app import ReportsApp
from tui.app.screens.help import HelpScreen
from tui.app.screens.summary_actions import WEB_CLIPBOARD_HINT
from tui.app.widgets.status_bar import StatusBar
from tui.core import export


class BrowserApp(ReportsApp):
    """ReportsApp as the web driver makes it: ``is_web``, and deliveries kept for the test."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))  # Textual reads it beside the class
    delivered: list[tuple[bytes, dict[str, Any]]]

    @property
    def is_web(self) -> bool:
        return True

    def deliver_binary(self, path_or_file: Any, **options: Any) -> str | None:
        self.delivered.append((path_or_file.read(), options))
        return "key"


async def test_in_a_browser_s_delivers_a_download_and_writes_nothing(articles: Path) -> None:
    path = str(sorted(articles.glob("*.txt"))[1])  # b_da_nang.txt: Vietnamese in its title
    app = BrowserApp([path], make_config(), analyse=names_as_entities, processes=False)
    app.delivered = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_summary(pilot, path)
        await pilot.press("s")
        await pilot.pause()
        screen = reader(app)
        expected = export.markdown(screen.library.analysis(path), screen.algorithm, screen.count)
        await pilot.press("c")
        status = str(screen.query_one(StatusBar).render_status())
        assert WEB_CLIPBOARD_HINT in status and "tmux" not in status
        # a download the browser broke off is said, with its name and the reason
        app.post_message(events.DeliveryFailed(key="key", exception=ConnectionResetError("closed"), name="b.md"))
        await pilot.pause()
        assert any(n.title == "Download failed" and n.message == "b.md: closed" for n in app._notifications)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = str(app.screen.query_one(Static).content)
    [(data, options)] = app.delivered
    assert data.decode("utf-8") == expected
    assert options["save_filename"] == "b_da_nang.summary.md"
    assert options["mime_type"] == "text/markdown"
    assert not (articles.parent / "saves").exists()  # nothing saved on the server's side
    assert "Copying in a browser" in help_text and "tmux set" not in help_text
