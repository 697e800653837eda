"""What the reading screen shows while the opened article is analysed: nothing new for a
moment, then "Analysing…", then the file as it is; for a scanned PDF, the page OCR is on."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.screen import Screen
from textual.timer import Timer

from tui.app.articles import raw_start
from tui.app.library import Library
from tui.app.messages import PageRead
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.entity_panel import EntityPanel
from tui.app.widgets.summary_pane import SummaryPane

WAITING_AFTER = 0.1  # seconds without a summary before the panes say it is coming
RAW_TEXT_AFTER = 0.3  # and then before the file is shown as it is


def page_note(page: int, pages: int) -> str:
    return f"Reading page {page} of {pages} by OCR (a few seconds a page)…"


class Waiting(Screen[None]):
    """The waiting states of ``ReaderScreen``, which holds the library and the current article."""

    library: Library
    algorithm: str
    count: int
    _waiting_timer: Timer | None = None

    def wait_for(self, path: str) -> None:
        """``path`` was sent for analysis. The summary usually comes within a frame or two: until
        then the panes keep what they show, rather than flashing "Analysing…" and laying the
        screen out twice."""
        self._stop_waiting()
        self._waiting_timer = self.set_timer(WAITING_AFTER, partial(self._show_waiting, path))

    def _stop_waiting(self) -> None:
        if self._waiting_timer is not None:
            self._waiting_timer.stop()
            self._waiting_timer = None

    def _still_waiting(self, path: str) -> bool:
        return self.library.current == path and path not in self.library

    def _show_waiting(self, path: str) -> None:
        if not self._still_waiting(path):
            return
        title = self.library.by_path[path].title
        self.query_one(ArticleView).show_message(path, title, "Analysing…")
        self.query_one(SummaryPane).show_waiting("Summarising…", self.algorithm, self.count)
        self.query_one(EntityPanel).show_message("Finding entities…")
        self._waiting_timer = self.set_timer(RAW_TEXT_AFTER, partial(self._show_raw, path))

    def _show_raw(self, path: str) -> None:
        """Still no summary (models loading, a long article): the file as it is, meanwhile."""
        if self._still_waiting(path):
            entry = self.library.by_path[path]
            self.query_one(ArticleView).show_message(path, entry.title, "Analysing…", raw_start(path))

    def page_read(self, path: str, page: int, pages: int) -> None:
        """Called from the analyser's thread: a worker is reading that page by OCR."""
        self.post_message(PageRead(path, page, pages))

    @on(PageRead)
    def _page_note(self, message: PageRead) -> None:
        if not self._still_waiting(message.path):
            return
        self._stop_waiting()  # the note replaces "Analysing…" and stays until the text comes
        title = self.library.by_path[message.path].title
        self.query_one(ArticleView).show_message(message.path, title, page_note(message.page, message.pages))
        self.query_one(SummaryPane).show_waiting("Summarising…", self.algorithm, self.count)
        self.query_one(EntityPanel).show_message("Finding entities…")
