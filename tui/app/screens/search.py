"""The reading screen's searches: the list filter (`/`), find in the article (`f`), entity mentions, n/N."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

from tui.app.articles import Entry
from tui.app.messages import EntityChosen, MarksChanged
from tui.app.text_index import IndexState, TextIndex, needle_of
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from tui.app.library import Library
    from tui.app.list_view_state import ListView

FILTER_AFTER = 0.12  # seconds of no typing before the list is filtered


class Searches(Screen[None]):
    """Filter and find; ``ReaderScreen`` holds the state they use."""

    library: Library
    index: TextIndex
    list_view: ListView
    _filter_timer: Timer | None = None

    if TYPE_CHECKING:

        def show_status(self, **changes: object) -> None: ...
        def set_entities(self, visible: bool) -> None: ...
        def set_list_view(self, view: ListView) -> list[Entry]: ...

    # -- list filter ------------------------------------------------------------------------------

    def action_filter(self) -> None:
        if self.has_class("-narrow") and self.has_class("-entities-on"):
            self.set_entities(False)
        if self.index.begin():
            self.fill_texts(self.library.readable())
        self.query_one("#filter", SearchBar).open()

    @work(thread=True, exclusive=True, group="index")
    def fill_texts(self, paths: list[str]) -> None:
        """Read and fold every article's text for the filter (started by the first `/`)."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        Entry.fold_titles(self.library.entries)  # here, not on the first keystroke (100,000: 0.3 s)
        self.index.fill(paths, stop=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._index_ready)

    def _index_ready(self) -> None:
        self.index.state = IndexState.READY
        query = self.query_one("#filter", SearchBar).value
        if query.strip():
            self.apply_filter(query)

    def search_texts(self, query: str) -> None:
        """Search the texts read for ``query`` in a worker unless that search is known."""
        needle = needle_of(query)
        if needle and self.index.state is not IndexState.IDLE and not self.index.exact(needle):
            self._search_texts(needle)

    @work(thread=True, exclusive=True, group="text-search")
    def _search_texts(self, needle: str) -> None:
        """A keystroke shows the title hits at once; the text hits follow from here (a newer
        keystroke cancels this search)."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        if self.index.search(needle, stop=lambda: worker.is_cancelled) is not None:
            self.app.call_from_thread(self._texts_searched, needle)

    def _texts_searched(self, needle: str) -> None:
        if needle_of(self.list_view.query) == needle:  # still the filter shown
            self.apply_filter(self.list_view.query)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_AFTER, lambda: self.apply_filter(event.value))

    def apply_filter(self, query: str) -> None:
        shown = self.set_list_view(replace(self.list_view, query=query))
        needle = needle_of(query)
        if not needle:
            note = ""
        elif self.index.state is IndexState.FILLING:
            note = " (reading texts…)"
        else:
            note = "" if self.index.exact(needle) else " (searching texts…)"
        self.show_status(query=query.strip() + note, shown=len(shown))

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self.apply_filter(self.query_one("#filter", SearchBar).value)
        self.query_one(ArticleList).focus()

    @on(SearchBar.Closed, "#filter")
    def _filter_closed(self) -> None:
        self.query_one(ArticleList).focus()

    # -- find in article, entity mentions, n/N -----------------------------------------------------

    def action_find(self) -> None:
        self.query_one("#find", SearchBar).open()

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        if event.value.strip() or self.query_one(ArticleView).mark_label.startswith("“"):
            self.query_one(ArticleView).find(event.value)

    @on(Input.Submitted, "#find")
    def _find_submitted(self) -> None:
        article = self.query_one(ArticleView)
        article.focus()
        if not article.jump(1) and self.query_one("#find", SearchBar).value.strip():
            self.notify("Not found in this article.", severity="warning")

    @on(SearchBar.Closed, "#find")
    def _find_closed(self) -> None:
        self.query_one(ArticleView).focus()

    @on(EntityChosen)
    def _entity_chosen(self, message: EntityChosen) -> None:
        article = self.query_one(ArticleView)
        ranges = [(m.start, m.end) for m in message.group.mentions]
        article.mark_document_ranges(ranges, message.group.name)
        article.jump(1)

    @on(MarksChanged)
    def _marks_changed(self, message: MarksChanged) -> None:
        if not message.label:
            text = ""
        elif message.current < 0:
            text = f"{message.label}: {message.total} found"
        else:
            text = f"{message.label} {message.current + 1}/{message.total}"
        self.show_status(marks=text)

    def action_next_mark(self) -> None:
        self._jump(1)

    def action_previous_mark(self) -> None:
        self._jump(-1)

    def _jump(self, step: int) -> None:
        if not self.query_one(ArticleView).jump(step):
            self.notify("Nothing to jump to: choose an entity (enter in the panel) or find with f.", severity="warning")
