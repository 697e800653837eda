"""The reading screen's list: its configured width, the open and read articles, the cursor's place."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from textual import on, work
from textual.screen import Screen

from tui.app.articles import Status, first_line, fold_many
from tui.app.list_view_state import SortKey
from tui.app.messages import ListCursorMoved
from tui.app.read_marks import ReadMarks
from tui.app.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.timer import Timer

    from tui.app.articles import Entry
    from tui.app.library import Library
    from tui.app.list_view_state import ListView
    from tui.app.walk import Walk

log = logging.getLogger(__name__)

WALK_POLL = 0.1  # seconds between two batches of rows while the folders are walked


class ListState(Screen[None]):
    """Read marks kept between sessions (``tui.app.read_marks``); ``ReaderScreen`` holds the library."""

    library: Library
    read_marks: ReadMarks
    list_view: ListView
    _read_warning: str | None = None
    _titles_pending: bool
    _walk: Walk | None
    _walk_timer: Timer | None = None

    if TYPE_CHECKING:

        def show_status(self, **changes: object) -> None: ...
        def show_list(self) -> list[Entry]: ...
        def notice_failure(self, entry: Entry) -> None: ...
        def walk_ended(self) -> None: ...
        def update_rows(self, entries: Iterable[Entry], bulk: bool = False) -> None: ...

    # -- rows found after the first paint ---------------------------------------------------------

    def start_walk(self, walk: Walk) -> None:
        """Find the rest of the articles in a thread; their rows arrive in batches."""
        self._walk = walk
        walk.start()
        self.show_status(walking=True)
        self._walk_timer = self.set_interval(WALK_POLL, self._take_walked)

    def _take_walked(self) -> None:
        """Rows the walk found since the last call; ``walk_ended`` once it has ended."""
        if self._walk is None:
            return
        new, finished = self._walk.take()
        if new:
            self._add_entries(new)
        if not finished:
            return
        self._walk = None
        if self._walk_timer is not None:
            self._walk_timer.stop()
        self.show_status(walking=False)
        self.walk_ended()

    def _add_entries(self, entries: list[Entry]) -> None:
        self.library.extend(entries)
        self.mark_entries(entries)
        self._titles_pending = self._titles_pending or any(e.needs_title for e in entries)
        if self.list_view.filtered or self.list_view.sort is not SortKey.FOLDER:
            self.show_list()
        else:  # the walk's order: the new rows go below, nothing moves
            self.query_one(ArticleList).extend(entries)
        self.show_status()
        for entry in entries:
            if entry.state is Status.FAILED:
                self.notice_failure(entry)

    @work(thread=True, exclusive=True, group="titles")
    def read_titles(self) -> None:
        """Long lists paint with file names; their first lines replace them in one go."""
        titles = [(e, first_line(e.path)) for e in self.library.entries if e.needs_title]
        folded = fold_many([title for _, title in titles])  # here, not on the filter's first keystroke
        self.app.call_from_thread(self._titles_read, titles, folded)

    def _titles_read(self, titles: list[tuple[Entry, str]], folded: list[str]) -> None:
        titled = []
        for (entry, title), loose in zip(titles, folded, strict=True):
            if entry.needs_title:  # not already titled by its analysis
                entry.set_title(title, loose)
                titled.append(entry)
        self.update_rows(titled, bulk=True)

    # -- read marks -------------------------------------------------------------------------------

    def load_read_marks(self) -> None:
        self.read_marks, self._read_warning = ReadMarks.load()
        self.mark_entries(self.library.entries)

    def mark_entries(self, entries: list[Entry]) -> None:
        """Show which of ``entries`` were read or flagged in earlier sessions."""
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
