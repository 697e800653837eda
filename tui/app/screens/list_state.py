"""The reading screen's list: its configured width, the open and read articles, the cursor's place."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen

from tui.app.messages import ListCursorMoved
from tui.app.read_marks import ReadMarks
from tui.app.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from tui.app.library import Library

log = logging.getLogger(__name__)


class ListState(Screen[None]):
    """Read marks kept between sessions (``tui.app.read_marks``); ``ReaderScreen`` holds the library."""

    library: Library
    read_marks: ReadMarks
    _read_warning: str | None = None

    if TYPE_CHECKING:

        def show_status(self, **changes: object) -> None: ...

    def load_read_marks(self) -> None:
        self.read_marks, self._read_warning = ReadMarks.load()
        for entry in self.library.entries:
            entry.read = self.read_marks.is_read(entry.path)

    def prepare_list(self, columns: int | None) -> None:
        """The list's width from the config (None: the stylesheet's share of the terminal), and a
        notice when the read articles could not be read."""
        if columns is not None:
            column = self.query_one("#list-column")
            column.styles.width = column.styles.min_width = column.styles.max_width = columns + 1  # and its edge
        if self._read_warning:
            self.notify(self._read_warning, title="Read articles", severity="warning", markup=False)

    def mark_open(self, path: str) -> None:
        """``path`` is open: its row shows it, and it is read from now on."""
        entry = self.library.by_path[path]
        articles = self.query_one(ArticleList)
        if self.read_marks.mark(path) or not entry.read:
            entry.read = True
            articles.update_entry(entry)
        articles.set_open(path)

    def save_read_marks(self) -> None:
        problem = self.read_marks.save()
        if problem:
            log.warning(problem)

    @on(ListCursorMoved)
    def _cursor_moved(self, message: ListCursorMoved) -> None:
        self.show_status(position=message.position, listed=message.total)
