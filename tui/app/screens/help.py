"""`?`: every key, built from the bindings (with the user's keymap), and how copying works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.bindings import HELP_BINDINGS
from tui.app.keys import key_rows

CLIPBOARD_HELP = (
    "Copying: c and C send the summary to the terminal clipboard with OSC 52, which works over SSH "
    "in most terminals (no confirmation comes back). Inside tmux, allow it once with\n"
    "    tmux set -s set-clipboard on\n"
    "(or put `set -s set-clipboard on` in ~/.tmux.conf). macOS Terminal.app does not support OSC 52. "
    "s always works: it saves the summary as a Markdown file and shows its path."
)
# Under `reports-tui serve` the page's terminal passes OSC 52 to the browser's clipboard API.
WEB_CLIPBOARD_HELP = (
    "Copying in a browser: c and C put the summary on the browser's clipboard when the page's address "
    "is 127.0.0.1, localhost or https; browsers refuse it to other plain-http pages, without telling "
    "the page. s always works: it sends the summary to the browser as a Markdown download."
)


class HelpScreen(ModalScreen[None]):
    """The key table and the clipboard notes; escape, q or ? closes it."""

    BINDINGS = HELP_BINDINGS

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 90%;
            max-width: 100;
            height: 90%;
            border: round $border;
            padding: 0 1;
            background: $surface;
        }
    }
    """

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "keymap", {}) or {}
        rows = key_rows(keymap)
        width = max(len(r.display) for r in rows) + 2
        parts: list[Content | str | tuple[str, str]] = [("Keys", "bold underline"), "\n"]
        for row in rows:
            places = "" if row.places == ("everywhere",) else f"  ({', '.join(row.places)})"
            parts += [(row.display.ljust(width), "bold"), row.explanation, (places, "dim"), "\n"]
        parts += [
            "\n",
            (
                "Arrows, PgUp/PgDn and Home/End work too. Remap keys by id in config.toml "
                '[keymap], e.g. copy-summary = "y".',
                "italic",
            ),
            "\n\n",
        ]
        parts += [
            ("Highlights", "bold underline"),
            "\n",
            ("key sentence", "bold reverse"),
            " · ",
            ("next-ranked sentence", "underline"),
            " · ",
            ("entity mention", "italic"),
            " · ",
            ("chosen entity / find hit", "bold underline reverse"),
            "\n\n",
            ("Clipboard", "bold underline"),
            "\n",
            WEB_CLIPBOARD_HELP if self.app.is_web else CLIPBOARD_HELP,
        ]
        with VerticalScroll() as scroll:
            scroll.border_title = "Help (escape closes)"
            yield Static(Content.assemble(*parts))

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up()

    def action_page_down(self) -> None:
        self.query_one(VerticalScroll).scroll_page_down()

    def action_page_up(self) -> None:
        self.query_one(VerticalScroll).scroll_page_up()
