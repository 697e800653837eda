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
        entries = self.library.entries
        paths = [e.path for e in entries]
        marks = zip(entries, self.read_marks.read_among(paths), self.read_marks.flagged_among(paths), strict=True)
        for entry, read, flagged in marks:
            entry.read, entry.flagged = read, flagged

    _list_columns: int | None = None

    def prepare_list(self, columns: int | None) -> None:
        """The list's width from the config (None: the stylesheet's share of the terminal), and a
        notice when the read articles could not be read."""
        self._list_columns = columns
        self._size_list(full=False)
        if self._read_warning:
            self.notify(self._read_warning, title="Read articles", severity="warning", markup=False)

    def _size_list(self, full: bool) -> None:
        column = self.query_one("#list-column")
        if full:
            column.styles.width = column.styles.max_width = "100%"
        elif self._list_columns is not None:
            column.styles.width = column.styles.min_width = column.styles.max_width = self._list_columns + 1
        else:  # the stylesheet's share of the terminal
            column.styles.width = column.styles.max_width = None

    def action_toggle_wide_list(self) -> None:
        """The list across the whole width (long titles whole), or back beside the article."""
        full = not self.has_class("-list-full")
        self.set_class(full, "-list-full")
        self._size_list(full)
        self.query_one(ArticleList).focus()

    def mark_open(self, path: str) -> None:
        """``path`` is open: its row shows it, and it is read from now on."""
        if self.has_class("-list-full"):
            self.action_toggle_wide_list()  # opening shows the article
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
