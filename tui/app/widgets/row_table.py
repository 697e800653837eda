"""A table drawn line by line: the corpus's entities and its figures, thousands of rows at no cost.

Like the article list, only the lines on screen are made (``render_row`` of the
screen that shows the table); ``set_rows`` replaces every row at once, as a new
search or more analysed articles do. Enter posts ``RowTable.Chosen``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Generic, TypeVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.widgets.article_list import CURSOR_STYLE

Row = TypeVar("Row")


class RowTable(ScrollView, Generic[Row], can_focus=True):
    """Rows of ``Row``; ``render_row(row, width)`` gives each line as content (never markup)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Down", show=False),
        Binding("k,up", "cursor(-1)", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("space,pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("enter", "choose", "Choose", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-table--cursor"}

    DEFAULT_CSS = """
    RowTable {
        height: 1fr;
        overflow-x: hidden;
        & > .row-table--cursor { color: $foreground-muted; }
        &:focus > .row-table--cursor { color: $block-cursor-background; }
    }
    """

    class Chosen(Message):
        """Enter (or a click) on ``row``."""

        def __init__(self, table: RowTable[object], row: object) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> RowTable[object]:
            return self.table

    class Moved(Message):
        """The cursor is on ``row`` (None: the table is empty)."""

        def __init__(self, table: RowTable[object], row: object | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, RowTable.Moved) and message.table is self.table

        @property
        def control(self) -> RowTable[object]:
            return self.table

    def __init__(self, render_row: Callable[[Row, int], Content], **kwargs: str | None) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._render_row = render_row
        self.rows: list[Row] = []
        self.cursor = 0

    def set_rows(self, rows: Sequence[Row], keep: Callable[[Row], bool] | None = None) -> None:
        """Show ``rows``; the cursor on the first row ``keep`` accepts, else the first."""
        self.rows = list(rows)
        at = next((n for n, row in enumerate(self.rows) if keep(row)), 0) if keep is not None else 0
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
        self.refresh()
        self.move_to(at)

    @property
    def current(self) -> Row | None:
        return self.rows[self.cursor] if self.rows else None

    def move_to(self, index: int) -> None:
        self.cursor = max(0, min(index, len(self.rows) - 1))
        self.refresh()
        if self.scrollable_content_region.height:
            self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, force=True, immediate=True)
        self.post_message(self.Moved(self, self.current))  # type: ignore[arg-type]

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * max(1, self.scrollable_content_region.height))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def action_choose(self) -> None:
        if self.rows:
            self.post_message(self.Chosen(self, self.rows[self.cursor]))  # type: ignore[arg-type]

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and self.scroll_offset.y + offset.y < len(self.rows):
            self.move_to(self.scroll_offset.y + offset.y)
            self.action_choose()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
        self.move_to(self.cursor)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        style = self.get_visual_style()
        if index == self.cursor:
            style = self.get_visual_style("row-table--cursor") + CURSOR_STYLE
        line = self._render_row(self.rows[index], width).truncate(width, ellipsis=True, pad=True)
        return Strip(line.render_segments(style), width)
