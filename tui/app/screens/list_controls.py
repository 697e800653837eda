"""The reading screen's list controls: order (`S`), read/flagged (`u`), dates (`d`), flags (`m`), esc.

What the rows are is decided by ``tui.app.list_view_state`` from one ``ListView``;
this mixin changes that view and shows the rows it gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.screen import Screen

from tui.app.list_view_state import DateRange, EntityFilter, Lengths, ListView, SortKey, arrange
from tui.app.screens.date_range import DateRangeScreen
from tui.app.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from tui.app.articles import Entry
    from tui.app.library import Library
    from tui.app.read_marks import ReadMarks
    from tui.app.text_index import TextIndex


class ListControls(Screen[None]):
    """Sort and filter the list; ``ReaderScreen`` holds ``list_view`` and the library."""

    library: Library
    index: TextIndex
    read_marks: ReadMarks
    list_view: ListView
    _lengths: Lengths | None = None
    _complete = False  # every article analysed, when the rows were last updated

    if TYPE_CHECKING:

        def show_status(self, **changes: object) -> None: ...
        def search_texts(self, query: str) -> None: ...

    def show_list(self) -> list[Entry]:
        """Show the rows ``list_view`` gives, the cursor kept on its article when it is still listed."""
        if self._lengths is None:
            self._lengths = Lengths()
        rows = arrange(self.library.entries, self.list_view, self.index, self._lengths, wait_texts=False)
        self.search_texts(self.list_view.query)  # the text hits follow, when they are not known yet
        articles = self.query_one(ArticleList)
        articles.set_entries(rows, keep=articles.highlighted_path or self.library.current)
        self.show_status(view=self.list_view.describe())
        return rows

    def update_rows(self, entries: Iterable[Entry], bulk: bool = False) -> None:
        """Redraw the rows of ``entries`` (each repaints its own line, if on screen) and the counts.

        An order or date filter that reads titles and dates is made again when they arrive
        together (``bulk``: the cache's, the first lines) and once the last article is analysed;
        single analyses meanwhile do not move rows under the cursor.
        """
        articles = self.query_one(ArticleList)
        for entry in entries:
            articles.update_entry(entry)
        self.show_status()
        if not self._reads_rows():
            return
        done, failed = self.library.counts()
        complete = done + failed == len(self.library.entries)
        if bulk or (complete and not self._complete):
            self.show_list()
        self._complete = complete

    def rearrange(self) -> None:
        if self._reads_rows():
            self.show_list()

    def _reads_rows(self) -> bool:
        """Whether the order or a filter reads titles and dates (which analyses change)."""
        return self.list_view.sort in (SortKey.DATE, SortKey.TITLE) or bool(self.list_view.dates)

    def set_list_view(self, view: ListView) -> list[Entry]:
        self.list_view = view
        return self.show_list()

    def action_cycle_sort(self) -> None:
        self.set_list_view(replace(self.list_view, sort=self.list_view.sort.next()))

    def action_cycle_shown(self) -> None:
        self.set_list_view(replace(self.list_view, shown=self.list_view.shown.next()))

    def action_clear_list_filters(self) -> None:
        """Escape: the entity, date and read filters go (the text filter has its own bar)."""
        view = self.list_view.cleared()
        if view != self.list_view:
            self.set_list_view(view)

    def filter_by_entity(self, entity: EntityFilter) -> None:
        self.set_list_view(replace(self.list_view, entity=entity))
        self.query_one(ArticleList).focus()

    def action_date_range(self) -> None:
        def chosen(dates: DateRange | None) -> None:
            if dates is not None:
                self.set_list_view(replace(self.list_view, dates=dates))

        self.app.push_screen(DateRangeScreen(self.list_view.dates), chosen)

    def action_flag(self) -> None:
        """Flag the article under the list's cursor (or the open one when the list is not focused)."""
        articles = self.query_one(ArticleList)
        path = articles.highlighted_path if self.focused is articles else self.library.current
        path = path or articles.highlighted_path
        if path is None:
            return
        entry = self.library.by_path[path]
        entry.flagged = not entry.flagged
        self.read_marks.flag(path, entry.flagged)
        articles.update_entry(entry)  # its row shows ⚑ (or no longer)
