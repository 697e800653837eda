"""The summary exactly as `c` copies it, with the algorithm and the length in the border."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.core.safe_text import one_line, visible


class SummaryPane(VerticalScroll, can_focus=True):
    """The summary of the opened article. `+`/`-` change its length, `a` the algorithm."""

    HELP = "This text is what `c` copies. `+`/`-` change the length, `a` cycles the algorithm."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="cursor-down"),
        Binding("k", "scroll_up", "Up", show=False, id="cursor-up"),
        Binding("g", "scroll_home", "Top", show=False, id="first"),
        Binding("G", "scroll_end", "Bottom", show=False, id="last"),
    ]

    DEFAULT_CSS = """
    SummaryPane {
        height: auto;
        /* the whole summary of most articles, and the article keeps the rest */
        max-height: 70%;
        min-height: 5;
        /* visible in 256 and 16 colours (theme greys collapse into the background there) and,
           focused, marked by the border's shape and a reversed title without any colour */
        border: round $foreground-muted;
        border-title-color: $foreground;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        &:focus {
            border: heavy $accent;
            border-title-style: bold reverse;
        }
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = ""  # what `c` copies; empty while there is no summary

    def compose(self) -> ComposeResult:
        yield Static(id="summary-text")

    def show(self, text: str, label: str, note: str | None = None) -> None:
        """``label``: the algorithm that ran and the sentence count (``export.summary_label``)."""
        text = visible(text)  # shown and copied alike: the clipboard gets no control characters
        self.text = text
        self.border_title = Content(f"Summary · {label}")
        body = Content(text) if text else Content.styled("(no body sentences to summarise)", "italic")
        if note:
            body = Content.assemble(body, "\n", (one_line(note), "italic dim"))
        self.query_one("#summary-text", Static).update(body)

    def show_waiting(self, message: str, algorithm: str, count: int) -> None:
        self.text = ""
        self.border_title = Content(f"Summary · {algorithm} · {count}")
        self.query_one("#summary-text", Static).update(Content.styled(visible(message), "italic"))

    @property
    def shown(self) -> str:
        content = self.query_one("#summary-text", Static).content
        return content.plain if isinstance(content, Content) else str(content)
