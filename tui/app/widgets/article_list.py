"""The article list: an OptionList (fast with thousands of rows), one row per file."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.articles import DONE, FAILED, Entry
from tui.app.messages import ArticleOpened

# Row markers: never colour alone.
MARKERS = {"pending": "·", DONE: " ", FAILED: "✗"}


def row_prompt(entry: Entry) -> Content:
    """``marker date title``; the date (dd/mm/yy) shows once the analysis has found one."""
    marker = MARKERS.get(entry.state, "·")
    title = " ".join(entry.title.split())
    if entry.state == FAILED:
        return Content.assemble((f"{marker} ", "bold"), (title, "strike"), "\n", (f"  {entry.reason}", "italic"))
    date = entry.date
    if len(date) == 10 and date[2] == "/" and date[5] == "/":  # dd/mm/yyyy → dd/mm/yy
        date = date[:6] + date[8:]
    return Content.assemble(f"{marker} ", (f"{date} " if date else "", "dim"), title)


class ArticleList(OptionList):
    """Titles and dates; ``enter`` opens. A dot marks articles still being analysed, ✗ failed ones."""

    HELP = "Move with j/k or the arrows, g/G for first/last, enter to open; / filters."

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="cursor-down", tooltip="Move down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor-up", tooltip="Move up"),
        Binding("g", "first", "First", show=False, id="first", tooltip="Go to the first row (top)"),
        Binding("G", "last", "Last", show=False, id="last", tooltip="Go to the last row (bottom)"),
        Binding("enter", "select", "Open", id="open", tooltip="Open the article (list) or highlight the entity (entities)"),
    ]

    DEFAULT_CSS = """
    ArticleList {
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, entries: Sequence[Entry] = (), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.paths: list[str] = []
        self.set_entries(entries)

    def set_entries(self, entries: Sequence[Entry], keep: str | None = None) -> None:
        """Show ``entries``; keep the highlight on ``keep`` (a path) when it is still listed."""
        self.paths = [e.path for e in entries]
        self.set_options(Option(row_prompt(e), id=e.path) for e in entries)
        if keep is not None and keep in self.paths:
            self.highlighted = self.paths.index(keep)
        elif self.paths:
            self.highlighted = 0

    def update_entry(self, entry: Entry) -> None:
        if entry.path in self.paths:
            self.replace_option_prompt(entry.path, row_prompt(entry))

    @property
    def highlighted_path(self) -> str | None:
        if self.highlighted is None or not self.paths:
            return None
        return self.paths[self.highlighted]

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(ArticleOpened(event.option.id))
