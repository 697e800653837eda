"""The article list: one terminal line per article, drawn line by line.

Only the lines on screen are rendered, and changing a row repaints that line
alone: results stream into a list of thousands of articles at no cost per
row (an ``OptionList`` re-measured every option after each change).
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from tui.app.articles import Entry, Status
from tui.app.messages import ArticleOpened, ListCursorMoved
from tui.core.safe_text import one_line

_PATH = attrgetter("path")

# Row markers: never colour alone.
MARKERS = {Status.PENDING: "·", Status.DONE: " ", Status.FAILED: "✗"}

# Added to the cursor row whatever the CSS says: reverse and bold survive NO_COLOR and the ansi themes.
CURSOR_STYLE = Style(bold=True, reverse=True)


OPEN_MARKER = "▶"  # the article shown on the right
FLAG_MARKER = "⚑"  # flagged by the reader (m)


def row_prompt(entry: Entry, is_open: bool = False) -> Content:
    """``marker date title`` on one line; the date (dd/mm/yy) shows once the analysis has found one.

    The open article's row starts with ▶; titles not read yet are bold; flagged ones follow ⚑. A failed row is
    ``✗ title — reason``: the title struck through, the reason in italics.
    """
    marker = OPEN_MARKER if is_open else MARKERS[entry.state]
    title = one_line(" ".join(entry.title.split()))
    if entry.state is Status.FAILED:
        reason = one_line(" ".join(entry.reason.split()))
        return Content.assemble((f"{marker} ", "bold"), (title, "strike"), (f" — {reason}", "italic"))
    date = entry.date
    if len(date) == 10 and date[2] == "/" and date[5] == "/":  # dd/mm/yyyy → dd/mm/yy
        date = date[:6] + date[8:]
    flag = (f"{FLAG_MARKER} ", "bold") if entry.flagged else ""
    return Content.assemble(
        f"{marker} ", (f"{date} " if date else "", "dim"), flag, (title, "" if entry.read else "bold")
    )


class ArticleList(ScrollView, can_focus=True):
    """Titles and dates; ``enter`` opens. A dot marks articles still being analysed, ✗ failed ones."""

    HELP = "Move with j/k or the arrows, g/G for first/last, enter to open; / filters."

    # The vim keys carry ids ([keymap] can move them); the arrows, home/end and pgdn stay as they are.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="cursor-down", tooltip="Move down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor-up", tooltip="Move up"),
        Binding("g", "first", "First", show=False, id="first", tooltip="Go to the first row (top)"),
        Binding("G", "last", "Last", show=False, id="last", tooltip="Go to the last row (bottom)"),
        Binding("pageup", "page_up", "Page up", show=False, id="page-up", tooltip="Page up"),
        Binding("space", "page_down", "Page down", show=False, id="page-down", tooltip="Page down"),
        Binding(
            "enter", "open", "Open", id="open", tooltip="Open the article (list) or highlight the entity (entities)"
        ),
        Binding("down", "cursor_down", show=False),
        Binding("up", "cursor_up", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("pagedown", "page_down", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-list--cursor"}

    # The cursor row is drawn reversed (CURSOR_STYLE): its `color` is the bar, its background the text.
    DEFAULT_CSS = """
    ArticleList {
        height: 1fr;
        overflow-x: hidden;
        & > .article-list--cursor {
            color: $foreground-muted;
        }
        &:focus > .article-list--cursor {
            color: $block-cursor-background;
        }
    }
    """

    def __init__(
        self,
        entries: Sequence[Entry] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.paths: list[str] = []
        self._entries: list[Entry] = []
        self._rows: list[Content | None] = []  # made when first drawn: a long list costs nothing to set
        self._index: dict[str, int] | None = {}
        self.open_path: str | None = None  # marked in its row
        self._cursor: int | None = None
        self.set_entries(entries)

    # -- rows -------------------------------------------------------------------------------------

    def set_entries(self, entries: Sequence[Entry], keep: str | None = None) -> None:
        """Show ``entries``; keep the cursor on ``keep`` (a path) when it is still listed, else row 0."""
        self._entries = list(entries)
        self.paths = list(map(_PATH, self._entries))
        self._index = None  # made on first use: a filter's keystroke need not make one for 100,000 rows
        self._rows = [None] * len(self._entries)
        self._cursor = None
        self._set_virtual_size()
        self.refresh()
        self.highlighted = self._find(keep) if keep is not None else 0

    def _find(self, path: str) -> int:
        """The row of ``path``, else 0: a scan in C (the index is not made for one look-up)."""
        try:
            return self.paths.index(path)
        except ValueError:
            return 0

    def _position(self, path: str) -> int | None:
        """The row of ``path`` (None when it is not listed)."""
        if self._index is None:
            self._index = dict(zip(self.paths, range(len(self.paths)), strict=True))
        return self._index.get(path)

    def extend(self, entries: Sequence[Entry]) -> None:
        """Rows added after the last (the walk goes on): nothing moves, the cursor stays."""
        start = len(self._entries)
        self._entries.extend(entries)
        self.paths.extend(e.path for e in entries)
        if self._index is not None:
            self._index.update(zip(self.paths[start:], range(start, len(self.paths)), strict=True))
        self._rows.extend([None] * len(entries))
        self._set_virtual_size()
        self.refresh()
        if self._cursor is None:
            self.highlighted = 0
        else:  # the count in the status line grows
            self.post_message(ListCursorMoved(self._cursor + 1, len(self._entries)))

    def update_entry(self, entry: Entry) -> None:
        """Show ``entry``'s new state: its row is made again and only its line repainted (O(1))."""
        index = self._position(entry.path)
        if index is None:
            return
        self._entries[index] = entry
        self._rows[index] = None
        self._refresh_row(index)

    @property
    def row_count(self) -> int:
        return len(self._entries)

    def row_text(self, index: int) -> Content:
        """Row ``index`` as drawn before it is cut to the width."""
        row = self._rows[index]
        if row is None:
            entry = self._entries[index]
            row = self._rows[index] = row_prompt(entry, entry.path == self.open_path)
        return row

    def set_open(self, path: str | None) -> None:
        """Mark ``path``'s row as the open article (and unmark the one before)."""
        old, self.open_path = self.open_path, path
        for changed in (old, path):
            index = self._position(changed) if changed is not None else None
            if index is not None:
                self._rows[index] = None
                self._refresh_row(index)

    # -- cursor -----------------------------------------------------------------------------------

    @property
    def highlighted(self) -> int | None:
        """The cursor row; None when the list is empty."""
        return self._cursor

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        """Move the cursor (clamped to the rows) and scroll it into view."""
        index = max(0, min(index, len(self._entries) - 1)) if index is not None and self._entries else None
        old, self._cursor = self._cursor, index
        for row in (old, index):
            if row is not None:
                self._refresh_row(row)
        self._scroll_to_cursor()
        self.post_message(ListCursorMoved(0 if index is None else index + 1, len(self._entries)))

    @property
    def highlighted_path(self) -> str | None:
        return None if self._cursor is None else self.paths[self._cursor]

    def _move(self, rows: int) -> None:
        self.highlighted = (self._cursor or 0) + rows

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._entries) - 1

    def action_page_down(self) -> None:
        self._move(self._page())

    def action_page_up(self) -> None:
        self._move(-self._page())

    def action_open(self) -> None:
        if (path := self.highlighted_path) is not None:
            self.post_message(ArticleOpened(path))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if index < len(self._entries):
            self.highlighted = index
            self.action_open()

    # -- drawing ----------------------------------------------------------------------------------

    def on_resize(self) -> None:
        """A new width or height: the rows are cut to the new width and the cursor stays in view."""
        self._set_virtual_size()
        self._scroll_to_cursor()

    def _set_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._entries))

    def _scroll_to_cursor(self) -> None:
        if self._cursor is None or not self.scrollable_content_region.height:
            return  # not laid out yet: the first resize scrolls
        self.scroll_to_region(Region(0, self._cursor, 1, 1), animate=False, force=True, immediate=True)

    def _refresh_row(self, index: int) -> None:
        """Repaint row ``index`` alone, and only when it is on screen.

        The viewport's height is ``container_size`` (what ScrollView scrolls by): reading it is
        free, where ``scrollable_content_region`` costs ~10 µs, which 2,000 updates would feel.
        """
        top = round(self.scroll_y)
        if top <= index < top + self.container_size.height:
            self.refresh_line(index)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self._entries):
            return Strip.blank(width, self.rich_style)
        if index == self._cursor:
            style = self.get_visual_style("article-list--cursor") + CURSOR_STYLE
        else:
            style = self.get_visual_style()
        row = self.row_text(index).truncate(width, ellipsis=True, pad=True)
        return Strip(row.render_segments(style), width)
