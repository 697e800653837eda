"""The main screen: list, summary, article and entities, and what ties them together.

The screen owns the session's choices (algorithm, length, which panes show);
what is known of each article lives in ``tui.app.library``, whose changes the
screen applies to the widgets. The widgets render and report what the reader
did through messages; the summary keys and the searches are in
``summary_actions`` and ``search``.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from tui import paths
from tui.app.analyser import Analyser
from tui.app.articles import Entry, Status
from tui.app.bindings import READER_BINDINGS
from tui.app.cached import CacheScan
from tui.app.commands import ArticleCommands, EntityCommands
from tui.app.library import Change, Entities, Library
from tui.app.list_view_state import ListView, SortKey
from tui.app.messages import AnalysisDone, ArticleOpened
from tui.app.screens.corpus_actions import CorpusActions
from tui.app.screens.external import External
from tui.app.screens.help import HelpScreen
from tui.app.screens.list_controls import ListControls
from tui.app.screens.list_state import ListState
from tui.app.screens.outline import Outlines
from tui.app.screens.search import Searches
from tui.app.screens.summary_actions import SummaryActions
from tui.app.screens.waiting import Waiting
from tui.app.text_index import IndexState, TextIndex
from tui.app.walk import Walk
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.entity_panel import EntityPanel
from tui.app.widgets.search_bar import SearchBar
from tui.app.widgets.status_bar import StatusBar
from tui.app.widgets.summary_pane import SummaryPane
from tui.core import export

if TYPE_CHECKING:
    from tui.app.cached import CacheReader
    from tui.app.jobs import AnalyseFn, Outcome
    from tui.core.model import Analysis
    from tui.core.pipeline import Options

NOTICES_PER_KIND = 3  # failed files announced one by one before they are counted together


class ReaderScreen(SummaryActions, Searches, ListState, ListControls, CorpusActions, External, Outlines, Waiting):
    """Browse the articles, read one with its summary and entities highlighted."""

    BINDINGS = READER_BINDINGS
    COMMANDS = Screen.COMMANDS | {ArticleCommands, EntityCommands}

    def __init__(
        self,
        entries: Sequence[Entry],
        *,
        algorithm: str,
        algorithms: Sequence[str],
        count: int,
        analyse: AnalyseFn,
        processes: bool = True,
        opened: Sequence[str] = (),
        save_dir: os.PathLike[str] | str | None = None,
        cache_options: Options | None = None,
        analyser: Analyser | None = None,
        scan: CacheScan | None = None,
        walk: Walk | None = None,
        list_width: int | None = None,
        list_sort: SortKey = SortKey.FOLDER,
        digest_format: str = "markdown",
    ) -> None:
        """``cache_options``: read cached analyses in this process with these options (None: no cache);
        ``scan``: that cache already being read for ``entries``; ``walk``: finds the articles
        after ``entries``, started after the first paint; ``list_width``: the list's columns
        (None: the stylesheet's share of the terminal); ``list_sort``: the list's first order."""
        super().__init__()
        self.library = Library(entries)
        self.algorithm = algorithm
        self.algorithms = tuple(algorithms) or (algorithm,)
        self.count = count
        self.opened = tuple(opened)
        self.save_dir = save_dir
        self.index = TextIndex(paths.cache_dir())
        self.list_view = ListView(sort=list_sort)
        self.digest_format = digest_format
        self._entities_shown: tuple[str, int, Entities, str] | None = None
        self._failures_noticed = 0
        self._titles_pending = any(e.needs_title for e in self.library.entries)
        self._cache_options = cache_options
        self.cache_reader: CacheReader | None = None  # set once the cache is open
        self._scan = scan
        self._walk = walk
        self._list_width = list_width
        self.load_read_marks()
        if analyser is None:  # without processes (tests, some platforms): the same scheduling in threads
            thread = Analyser(analyse, background_workers=1, context="thread") if not processes else None
            analyser = thread or Analyser(analyse, context="spawn")
        self.analyser = analyser
        self.analyser.deliver = self._deliver
        self.analyser.on_page = self.page_read

    @property
    def current(self) -> str | None:
        """The open article."""
        return self.library.current

    # -- layout and start-up --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="list-column"):
                yield SearchBar(placeholder="filter (diacritics optional)", id="filter")
                yield ArticleList(self.library.entries, id="articles")
            with Vertical(id="read-column"):
                yield SummaryPane(id="summary")
                yield SearchBar(placeholder="find in article", id="find")
                yield ArticleView(id="article")
            yield EntityPanel(id="entities", compact=True)
        yield StatusBar(id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.prepare_list(self._list_width)
        self.rearrange()
        self.query_one(ArticleList).focus()
        self.show_status()
        self.query_one(SummaryPane).show_waiting("Open an article with enter.", self.algorithm, self.count)
        self.query_one(EntityPanel).show_message("Open an article to see its entities.")
        for entry in self.library.entries:
            if entry.state is Status.FAILED:
                self.notice_failure(entry)
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        """After the first paint: the rest of the list is found first (``walk_ended``), else ``_begin``."""
        if self._walk is None:
            self._begin()
        else:
            self.start_walk(self._walk)

    def walk_ended(self) -> None:
        """Every article is listed: order and filters again over all of them, then ``_begin``."""
        self.show_list()
        if self.index.state is not IndexState.IDLE:  # the filter read the texts of the first rows only
            self.index.state = IndexState.FILLING
            self.fill_texts(self.library.readable())
        self._begin()

    def _begin(self) -> None:
        """Start the workers, read the cache and titles, open the first article.

        With a cache, the first article opens once the cache has been read, so
        a cached one costs no worker (and no model loading) at all.
        """
        self.analyser.start()
        if self._cache_options is not None:
            if self._scan is not None and not self._scan.is_alive():
                self._scanned(self._scan)  # read while the interface loaded: the rows show now
            else:
                self._read_cache(self._cache_options)  # then queues what the cache does not hold
            return
        self.analyser.enqueue(self.library.pending(), self.algorithm)
        self._open_first()
        if self._titles_pending:
            self.read_titles()

    def _open_first(self) -> None:
        first = next((e.path for e in self.library.entries if e.state is not Status.FAILED), None)
        if first is not None and self.current is None:  # the reader may already have opened one
            self.open_article(first)

    @work(thread=True, exclusive=True, group="cache")
    def _read_cache(self, options: Options) -> None:
        """Wait for (or make) the scan of the cache, then show what it holds."""
        scan = self._scan
        if scan is None:
            scan = CacheScan(options, self.library.pending())
            scan.run()  # in this worker thread
        else:
            scan.join()
        self.app.call_from_thread(self._scanned, scan)

    def _scanned(self, scan: CacheScan) -> None:
        """Cached rows get their title, date and state and the opened article shows from the cache;
        the workers are given what the cache does not hold."""
        for message in scan.warnings:
            self.notify(message, title="Cache", severity="warning", markup=False)
        self.cache_reader = scan.reader
        self.update_rows(self.library.adopt_headers(scan.found, self.algorithm, scan.folded), bulk=True)
        scan.found, scan.folded = [], []  # applied: a header per article is not kept (100,000 of them: tens of MB)
        gc.freeze()  # the rows and the cache's index live as long as the list: collections skip them
        self.fill_corpus_soon()
        current = self.current
        if current is not None and current not in self.library and scan.reader is not None:
            analysis = scan.reader.get(current)
            if analysis is not None:
                self._from_cache(current, analysis)
        if self._titles_pending:
            self.read_titles()
        self.analyser.enqueue(self.library.pending(), self.algorithm)
        self._open_first()

    def _from_cache(self, path: str, analysis: Analysis) -> None:
        """A cached analysis of ``path``: shown as if a worker had just finished it."""
        if path in self.library:
            return
        self._apply(self.library.add(path, analysis))
        if path == self.current:
            if self.algorithm not in analysis.summaries:
                self.analyser.resummarise(path, self.algorithm)
            if self.library.needs_entities(path):
                self.analyser.entities_first(path, self.algorithm, self.entities_visible())

    def on_unmount(self) -> None:
        gc.unfreeze()  # what ``_scanned`` froze can be collected again (a test runs many apps)
        self.save_read_marks()
        self.index.close()
        self.analyser.shutdown()
        if self.cache_reader is not None:
            self.cache_reader.close()  # stores the file hashes it made while articles were opened

    # -- opening and analysis results -----------------------------------------------------------

    @on(ArticleOpened)
    def _opened(self, message: ArticleOpened) -> None:
        self.open_article(message.path)

    def open_article(self, path: str) -> None:
        entry = self.library.by_path[path]
        held = self.library.open(path)
        self.mark_open(path)
        self._entities_shown = None
        if entry.state is Status.FAILED:
            self.query_one(ArticleView).show_message(path, entry.title, f"This file cannot be read: {entry.reason}")
            self.query_one(SummaryPane).show_waiting(
                "No summary: the file could not be read.", self.algorithm, self.count
            )
            self.query_one(EntityPanel).show_message("No entities: the file could not be read.")
            return
        if held is None and self.cache_reader is not None:
            cached = self.cache_reader.get(path)  # a few milliseconds: no need for a worker
            if cached is not None:
                self._from_cache(path, cached)
                return
        if held is not None:
            if self.algorithm not in held.analysis.summaries:
                self.analyser.resummarise(path, self.algorithm)
            if self.library.needs_entities(path):
                self.analyser.entities_first(path, self.algorithm, self.entities_visible())
            self.refresh_views()
            return
        self.analyser.open(
            path, self.algorithm, full=self.library.needs_entities(path), entities_shown=self.entities_visible()
        )
        self.wait_for(path)

    def _deliver(self, outcome: Outcome) -> None:
        """Called from an executor thread."""
        self.post_message(AnalysisDone(outcome))

    @on(AnalysisDone)
    def _analysis_done(self, message: AnalysisDone) -> None:
        self._apply(self.library.record(message.outcome))

    def _apply(self, change: Change) -> None:
        """Show what a change to the library changed."""
        if change.failed:
            self.notice_failure(self.library.by_path[change.path])
        if change.row:
            self.update_rows([self.library.by_path[change.path]])
        if change.path != self.current:
            return
        if change.failed:
            self.open_article(change.path)
        elif change.analysis:
            self.refresh_views()

    def notice_failure(self, entry: Entry) -> None:
        self._failures_noticed += 1
        if self._failures_noticed <= NOTICES_PER_KIND:
            self.notify(
                f"{os.path.basename(entry.path)}: {entry.reason}",
                title="Cannot read a file",
                severity="warning",
                markup=False,
            )
        elif self._failures_noticed == NOTICES_PER_KIND + 1:
            self.notify(
                "More files cannot be read: they are marked ✗ in the list.",
                title="Cannot read files",
                severity="warning",
                markup=False,
            )

    def refresh_views(self) -> None:
        """Show the opened article with the current algorithm and length."""
        current = self.current
        held = self.library.held(current) if current is not None else None
        if current is None or held is None:
            return
        analysis = held.analysis
        summary = analysis.summaries.get(self.algorithm)
        article, pane = self.query_one(ArticleView), self.query_one(SummaryPane)
        if summary is None:
            article.show_analysis(analysis, {}, self.count)
            pane.show_waiting(f"Summarising with {self.algorithm}…", self.algorithm, self.count)
        else:
            ranks = {s.index: s.rank for s in summary.scores}
            article.show_analysis(analysis, ranks, self.count)
            pane.show(
                export.summary_text(analysis, self.algorithm, self.count),
                export.summary_label(analysis, self.algorithm, self.count),
                summary.note,
            )
        self._show_entities(current)
        self.show_status()
        self.mark_chosen()

    def _show_entities(self, path: str) -> None:
        held = self.library.held(path)
        if held is None:
            return
        # redrawn only when something changed: a redraw resets the reader's place in the panel
        key = (path, id(held.analysis.groups), held.entities, held.entity_error)
        if self._entities_shown == key:
            return
        self._entities_shown = key
        panel = self.query_one(EntityPanel)
        if held.entities is Entities.PENDING:
            panel.show_message("Finding entities…")
        elif held.entities is Entities.FAILED or held.analysis.groups is None:
            reason = held.entity_error or "entity extraction failed"
            panel.show_message(f"Entities unavailable for this article ({reason}).")
        else:
            article = self.query_one(ArticleView)
            panel.show_groups(held.analysis.groups, lambda g: article.reachable([(m.start, m.end) for m in g.mentions]))

    def show_status(self, **changes: object) -> None:
        done, failed = self.library.counts()
        self.query_one(StatusBar).set(
            total=len(self.library.entries),
            done=done,
            failed=failed,
            algorithm=export.algorithm_label(self.library.analysis(self.current), self.algorithm),  # what ran
            count=self.count,
            **changes,
        )

    # -- panes ---------------------------------------------------------------------------------------

    def entities_visible(self) -> bool:
        if self.has_class("-entities-on"):
            return True
        if self.has_class("-entities-off"):
            return False
        return not self.has_class("-narrow")

    def action_toggle_entities(self) -> None:
        self.set_entities(not self.entities_visible())

    def set_entities(self, visible: bool) -> None:
        self.set_class(visible, "-entities-on")
        self.set_class(not visible, "-entities-off")
        focused = self.focused
        if visible:
            self.query_one(EntityPanel).focus()
            current = self.current
            if current is not None and self.library.needs_entities(current):
                self.analyser.entities_first(current, self.algorithm, entities_shown=True)
        elif focused is not None and focused.id == "entities":
            self.query_one(ArticleView).focus()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())
