"""The main screen: list, summary, article and entities, and what ties them together.

The screen owns the per-session state (opened article, algorithm, length)
and turns analysis results into widget updates; the widgets render and
report what the reader did through messages.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input

from tui.app.analyser import FULL, SUMMARY, AnalyseFn, Analyser, Job, Outcome
from tui.app.articles import DONE, FAILED, PENDING, Entry, TextIndex, filter_entries, first_line
from tui.app.cached import CacheScan
from tui.app.messages import AnalysisDone, ArticleOpened, EntityChosen, MarksChanged
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.entity_panel import EntityPanel
from tui.app.widgets.search_bar import SearchBar
from tui.app.widgets.status_bar import StatusBar
from tui.app.widgets.summary_pane import SummaryPane
from tui.core import export
from tui.core.loader import LoadError, read_start
from tui.paths import default_summary_dir, fallback_summary_dir

if TYPE_CHECKING:
    from tui.app.cached import CacheReader
    from tui.core.model import Analysis
    from tui.core.pipeline import Options

MAX_SENTENCES = 50
KEEP_ANALYSES = 300  # analyses kept in memory; the rest are re-read (from the cache) when opened
WAITING_AFTER = 0.1  # seconds without a summary before the panes say it is coming
RAW_TEXT_AFTER = 0.3  # and then before the file is shown as it is
NOTICES_PER_KIND = 3  # failed files announced one by one before they are counted together
CLIPBOARD_HINT = (
    "If nothing arrives: in tmux run `tmux set -s set-clipboard on`; "
    "macOS Terminal.app cannot receive it. `s` saves to a file."
)


class ReaderScreen(Screen[None]):
    """Browse the articles, read one with its summary and entities highlighted."""

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help", tooltip="Every key, and how copying works"),
        Binding(
            "slash", "filter", "Filter", id="filter", tooltip="Filter the list by title and text; diacritics optional"
        ),
        Binding("f", "find", "Find", id="find", tooltip="Find in the article; diacritics optional"),
        Binding(
            "n",
            "next_mark",
            "Next hit",
            show=False,
            id="next-match",
            tooltip="Jump to the next find hit or entity mention",
        ),
        Binding(
            "N",
            "previous_mark",
            "Previous hit",
            show=False,
            id="previous-match",
            tooltip="Jump to the previous find hit or entity mention",
        ),
        Binding(
            "c",
            "copy_summary",
            "Copy",
            id="copy-summary",
            tooltip="Copy the summary to the terminal clipboard (OSC 52)",
        ),
        Binding(
            "C",
            "copy_markdown",
            "Copy as Markdown",
            show=False,
            id="copy-markdown",
            tooltip="Copy title, date, source path, summary and key entities as Markdown",
        ),
        Binding(
            "s",
            "save_summary",
            "Save",
            id="save-summary",
            tooltip="Save the summary as a Markdown file and show its path",
        ),
        Binding("e", "toggle_entities", "Entities", id="toggle-entities", tooltip="Show or hide the entity panel"),
        Binding(
            "plus",
            "longer",
            "Longer summary",
            show=False,
            id="longer-summary",
            key_display="+",
            tooltip="One sentence more in the summary",
        ),
        Binding(
            "minus",
            "shorter",
            "Shorter summary",
            show=False,
            id="shorter-summary",
            key_display="-",
            tooltip="One sentence less in the summary",
        ),
        Binding(
            "a",
            "next_algorithm",
            "Algorithm",
            show=False,
            id="next-algorithm",
            tooltip="Re-summarise with the next algorithm",
        ),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="next-pane", tooltip="Move to the next pane"),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous pane",
            show=False,
            id="previous-pane",
            tooltip="Move to the previous pane",
        ),
        Binding(
            "ctrl+p",
            "app.command_palette",
            "Commands",
            show=False,
            id="command-palette",
            tooltip="Command palette: every action by name",
        ),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit"),
    ]

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
    ) -> None:
        """``cache_options``: read cached analyses in this process with these options (None: no cache);
        ``scan``: that cache already being read for ``entries``."""
        super().__init__()
        self.entries = list(entries)
        self.by_path = {e.path: e for e in self.entries}
        self.algorithm = algorithm
        self.algorithms = tuple(algorithms) or (algorithm,)
        self.count = count
        self.opened = tuple(opened)  # what the user asked to open (for where saves may go)
        self.save_dir = save_dir
        self.current: str | None = None
        self.analyses: OrderedDict[str, Analysis] = OrderedDict()
        self.full: set[str] = set()  # articles whose entities have been looked for
        self.entity_errors: dict[str, str] = {}
        self.index = TextIndex()
        self._entities_shown: tuple[str, int, bool] | None = None
        self._filter_timer: Timer | None = None
        self._failures_noticed = 0
        self._index_state = "idle"  # idle → filling → ready
        self._titles_pending = any(e.needs_title for e in self.entries)
        self._waiting_timer: Timer | None = None
        self._cache_options = cache_options
        self.cache_reader: CacheReader | None = None  # set once the cache is open
        self._scan = scan
        self._processes = processes
        if analyser is None:
            analyser = Analyser(analyse, context="spawn") if processes else _thread_analyser(analyse)
        self.analyser = analyser
        self.analyser.deliver = self._deliver

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="list-column"):
                yield SearchBar(placeholder="filter (diacritics optional)", id="filter")
                yield ArticleList(self.entries, id="articles")
            with Vertical(id="read-column"):
                yield SummaryPane(id="summary")
                yield SearchBar(placeholder="find in article", id="find")
                yield ArticleView(id="article")
            yield EntityPanel(id="entities", compact=True)
        yield StatusBar(id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ArticleList).focus()
        self._status()
        self.query_one(SummaryPane).show_waiting("Open an article with enter.", self.algorithm, self.count)
        self.query_one(EntityPanel).show_message("Open an article to see its entities.")
        for entry in self.entries:
            if entry.state == FAILED:
                self._notice_failure(entry)
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        """After the first paint: start the workers, read the cache and titles, open the first article.

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
        self.analyser.enqueue((e.path for e in self.entries if e.state == PENDING), self.algorithm)
        self._open_first()
        if self._titles_pending:
            self._read_titles()

    def _open_first(self) -> None:
        first = next((e.path for e in self.entries if e.state != FAILED), None)
        if first is not None and self.current is None:  # the reader may already have opened one
            self.open_article(first)

    @work(thread=True, exclusive=True, group="cache")
    def _read_cache(self, options: Options) -> None:
        """Wait for (or make) the scan of the cache, then show what it holds."""
        scan = self._scan
        if scan is None:
            scan = CacheScan(options, [e.path for e in self.entries if e.state == PENDING])
            scan.run()  # in this worker thread
        else:
            scan.join()
        self.app.call_from_thread(self._scanned, scan)

    def _scanned(self, scan: CacheScan) -> None:
        """Cached rows get their title, date and state and the opened article shows from the cache;
        the workers are given what the cache does not hold."""
        for message in scan.warnings:
            self._cache_warning(message)
        self.cache_reader = scan.reader
        found = []
        for path, header in scan.found:
            entry = self.by_path[path]
            if header.title:
                entry.set_title(header.title)
            entry.date = header.date
            if header.complete(self.algorithm):
                entry.state = DONE
            found.append(entry)
        self._update_rows(found)
        if self.current is not None and self.current not in self.analyses and scan.reader is not None:
            analysis = scan.reader.get(self.current)
            if analysis is not None:
                self._from_cache(self.current, analysis)
        if self._titles_pending:
            self._read_titles()
        self.analyser.enqueue((e.path for e in self.entries if e.state == PENDING), self.algorithm)
        self._open_first()

    def _cache_warning(self, message: str) -> None:
        self.notify(message, title="Cache", severity="warning", markup=False)

    def _from_cache(self, path: str, analysis: Analysis) -> None:
        """A cached analysis of ``path``: shown as if a worker had just finished it."""
        if path in self.analyses:
            return
        whole = analysis.entities is not None
        job = Job(path, FULL if whole else SUMMARY, (self.algorithm,))
        self._analysis_done(AnalysisDone(Outcome(job, analysis)))
        if path == self.current:
            if self.algorithm not in analysis.summaries:
                self.analyser.resummarise(path, self.algorithm)
            if not whole:
                self.analyser.entities_first(path, self.algorithm, self.entities_visible())

    @work(thread=True, exclusive=True, group="titles")
    def _read_titles(self) -> None:
        """Long lists paint with file names; their first lines replace them in one go."""
        titles = [(e, first_line(e.path)) for e in self.entries if e.needs_title]
        self.app.call_from_thread(self._titles_read, titles)

    def _titles_read(self, titles: list[tuple[Entry, str]]) -> None:
        titled = []
        for entry, title in titles:
            if entry.needs_title:  # not already titled by its analysis
                entry.set_title(title)
                titled.append(entry)
        self._update_rows(titled)

    @work(thread=True, exclusive=True, group="index")
    def _fill_index(self) -> None:
        """Read and fold every article's text for the filter (started by the first `/`)."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        self.index.fill((e.path for e in self.entries if e.state != FAILED), stop=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._index_ready)

    def _index_ready(self) -> None:
        self._index_state = "ready"
        query = self.query_one("#filter", SearchBar).value
        if query.strip():
            self.apply_filter(query)

    def on_unmount(self) -> None:
        self.analyser.shutdown()
        if self.cache_reader is not None:
            self.cache_reader.close()  # stores the file hashes it made while articles were opened

    # -- opening and analysis results -----------------------------------------------------------

    @on(ArticleOpened)
    def _opened(self, message: ArticleOpened) -> None:
        self.open_article(message.path)

    def open_article(self, path: str) -> None:
        entry = self.by_path[path]
        self.current = path
        self._entities_shown = None
        if entry.state == FAILED:
            self.query_one(ArticleView).show_message(path, entry.title, f"This file cannot be read: {entry.reason}")
            self.query_one(SummaryPane).show_waiting(
                "No summary: the file could not be read.", self.algorithm, self.count
            )
            self.query_one(EntityPanel).show_message("No entities: the file could not be read.")
            return
        analysis = self.analyses.get(path)
        if analysis is None and self.cache_reader is not None:
            cached = self.cache_reader.get(path)  # a few milliseconds: no need for a worker
            if cached is not None:
                self._from_cache(path, cached)
                return
        if analysis is not None:
            self.analyses.move_to_end(path)
            if self.algorithm not in analysis.summaries:
                self.analyser.resummarise(path, self.algorithm)
            if path not in self.full:
                self.analyser.entities_first(path, self.algorithm, self.entities_visible())
            self.refresh_views()
            return
        self.analyser.open(path, self.algorithm, full=path not in self.full, entities_shown=self.entities_visible())
        if self._waiting_timer is not None:
            self._waiting_timer.stop()
        # The summary usually comes within a frame or two: until then the panes keep what they
        # show, rather than flashing "Analysing…" and laying the screen out twice.
        self._waiting_timer = self.set_timer(WAITING_AFTER, partial(self._show_waiting, path))

    def _show_waiting(self, path: str) -> None:
        if self.current != path or path in self.analyses:
            return
        title = self.by_path[path].title
        self.query_one(ArticleView).show_message(path, title, "Analysing…")
        self.query_one(SummaryPane).show_waiting("Summarising…", self.algorithm, self.count)
        self.query_one(EntityPanel).show_message("Finding entities…")
        self._waiting_timer = self.set_timer(RAW_TEXT_AFTER, partial(self._show_raw, path))

    def _show_raw(self, path: str) -> None:
        """Still no summary (models loading, a long article): the file as it is, meanwhile."""
        if self.current == path and path not in self.analyses:
            entry = self.by_path[path]
            self.query_one(ArticleView).show_message(path, entry.title, "Analysing…", _raw_text(path))

    def _deliver(self, outcome: Outcome) -> None:
        """Called from an executor thread."""
        self.post_message(AnalysisDone(outcome))

    @on(AnalysisDone)
    def _analysis_done(self, message: AnalysisDone) -> None:
        outcome = message.outcome
        entry = self.by_path.get(outcome.path)
        if entry is None:
            return
        if outcome.error is not None or outcome.analysis is None:
            if entry.state != FAILED:
                entry.state, entry.reason = FAILED, outcome.error or "analysis failed"
                self._notice_failure(entry)
                self._update_rows([entry])
            if outcome.path == self.current:
                self.open_article(outcome.path)
            return
        if self._already_held(outcome):
            return
        self._store(outcome)
        document = outcome.analysis.document
        if document.title:
            entry.set_title(document.title)
        entry.date = export.date_text(outcome.analysis)
        if outcome.job.kind == FULL:
            entry.state = DONE
        self._update_rows([entry])
        if outcome.path == self.current:
            self.refresh_views()

    def _already_held(self, outcome: Outcome) -> bool:
        """A second full analysis of an article held in full (an article's entities found for the
        panel and again by the background pass): replacing it would reset the panel under the reader."""
        held = self.analyses.get(outcome.path)
        return (
            outcome.job.kind == FULL
            and outcome.path in self.full
            and outcome.path not in self.entity_errors
            and held is not None
            and outcome.analysis is not None
            and set(outcome.analysis.summaries) <= set(held.summaries)
        )

    def _store(self, outcome: Outcome) -> None:
        new = outcome.analysis
        assert new is not None
        old = self.analyses.pop(outcome.path, None)
        if outcome.job.kind == FULL:
            self.full.add(outcome.path)
            if outcome.entity_error:
                self.entity_errors[outcome.path] = outcome.entity_error
            else:
                self.entity_errors.pop(outcome.path, None)  # found by a later attempt
        if old is not None:
            keep_entities = outcome.job.kind != FULL
            new = replace(
                new,
                summaries={**old.summaries, **new.summaries},
                entities=old.entities if keep_entities else new.entities,
                groups=old.groups if keep_entities else new.groups,
            )
        self.analyses[outcome.path] = new
        while len(self.analyses) > KEEP_ANALYSES:
            oldest = next(iter(self.analyses))
            if oldest == self.current:
                self.analyses.move_to_end(oldest)
                continue
            del self.analyses[oldest]
            self.full.discard(oldest)

    def _update_rows(self, entries: Iterable[Entry]) -> None:
        """Redraw the rows of ``entries`` (each repaints its own line, if on screen) and the counts."""
        articles = self.query_one(ArticleList)
        for entry in entries:
            articles.update_entry(entry)
        self._status()

    def _notice_failure(self, entry: Entry) -> None:
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
        if self.current is None or self.current not in self.analyses:
            return
        analysis = self.analyses[self.current]
        summary = analysis.summaries.get(self.algorithm)
        article, pane = self.query_one(ArticleView), self.query_one(SummaryPane)
        if summary is None:
            article.show_analysis(analysis, {}, self.count)
            pane.show_waiting(f"Summarising with {self.algorithm}…", self.algorithm, self.count)
        else:
            ranks = {s.index: s.rank for s in summary.scores}
            article.show_analysis(analysis, ranks, self.count)
            pane.show(
                export.summary_text(analysis, self.algorithm, self.count), self.algorithm, self.count, summary.note
            )
        self._show_entities(analysis)
        self._status()

    def _show_entities(self, analysis: Analysis) -> None:
        path = analysis.document.path
        panel = self.query_one(EntityPanel)
        key = (path, id(analysis.groups), path in self.full)  # groups is None both before and on failure
        if self._entities_shown == key:
            return
        self._entities_shown = key
        if path not in self.full:
            panel.show_message("Finding entities…")
        elif analysis.groups is None:
            reason = self.entity_errors.get(path, "entity extraction failed")
            panel.show_message(f"Entities unavailable for this article ({reason}).")
        else:
            panel.show_groups(analysis.groups)

    def _status(self, **changes: object) -> None:
        done = sum(1 for e in self.entries if e.state == DONE)
        failed = sum(1 for e in self.entries if e.state == FAILED)
        self.query_one(StatusBar).set(
            total=len(self.entries), done=done, failed=failed, algorithm=self.algorithm, count=self.count, **changes
        )

    # -- list filter ------------------------------------------------------------------------------

    def action_filter(self) -> None:
        if self.has_class("-narrow") and self.has_class("-entities-on"):
            self._set_entities(False)
        if self._index_state == "idle":
            self._index_state = "filling"
            self._fill_index()
        self.query_one("#filter", SearchBar).open()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(0.12, lambda: self.apply_filter(event.value))

    def apply_filter(self, query: str) -> None:
        shown = filter_entries(self.entries, query, self.index)
        articles = self.query_one(ArticleList)
        articles.set_entries(shown, keep=articles.highlighted_path or self.current)
        note = " (reading texts…)" if self._index_state == "filling" and query.strip() else ""
        self._status(query=query.strip() + note, shown=len(shown))

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
        self._status(marks=text)

    def action_next_mark(self) -> None:
        self._jump(1)

    def action_previous_mark(self) -> None:
        self._jump(-1)

    def _jump(self, step: int) -> None:
        if not self.query_one(ArticleView).jump(step):
            self.notify("Nothing to jump to: choose an entity (enter in the panel) or find with f.", severity="warning")

    # -- summary: length, algorithm, copy, save ----------------------------------------------------

    def action_longer(self) -> None:
        self._set_count(self.count + 1)

    def action_shorter(self) -> None:
        self._set_count(self.count - 1)

    def _set_count(self, count: int) -> None:
        self.count = max(1, min(MAX_SENTENCES, count))
        self.refresh_views()
        self._status()

    def action_next_algorithm(self) -> None:
        position = self.algorithms.index(self.algorithm) if self.algorithm in self.algorithms else -1
        self.algorithm = self.algorithms[(position + 1) % len(self.algorithms)]
        analysis = self.analyses.get(self.current) if self.current else None
        if analysis is not None and self.algorithm not in analysis.summaries:
            self.analyser.resummarise(analysis.document.path, self.algorithm)
        self.refresh_views()
        self._status()

    def _current_analysis(self) -> Analysis | None:
        if self.current is None:
            return None
        analysis = self.analyses.get(self.current)
        if analysis is None or self.algorithm not in analysis.summaries:
            self.notify("No summary yet: the article is still being analysed.", severity="warning")
            return None
        return analysis

    def action_copy_summary(self) -> None:
        if self._current_analysis() is None:
            return
        self.app.copy_to_clipboard(self.query_one(SummaryPane).text)
        self.notify(CLIPBOARD_HINT, title="Summary sent to the terminal clipboard", markup=False)

    def action_copy_markdown(self) -> None:
        analysis = self._current_analysis()
        if analysis is None:
            return
        self.app.copy_to_clipboard(export.markdown(analysis, self.algorithm, self.count))
        self.notify(CLIPBOARD_HINT, title="Markdown summary sent to the terminal clipboard", markup=False)

    def action_save_summary(self) -> None:
        analysis = self._current_analysis()
        if analysis is None:
            return
        text = export.markdown(analysis, self.algorithm, self.count)
        protected = [*self.opened, *(e.path for e in self.entries)]
        try:
            folder = export.choose_save_dir(_save_dir(self.save_dir), self.opened, fallback_summary_dir())
            target = export.save_summary(text, analysis.document.path, folder, protected)
        except OSError as exc:
            self.notify(f"Could not save the summary: {exc}", severity="error", markup=False)
            return
        self.notify(str(target), title="Summary saved", timeout=10, markup=False)

    # -- panes ---------------------------------------------------------------------------------------

    def entities_visible(self) -> bool:
        if self.has_class("-entities-on"):
            return True
        if self.has_class("-entities-off"):
            return False
        return not self.has_class("-narrow")

    def action_toggle_entities(self) -> None:
        self._set_entities(not self.entities_visible())

    def _set_entities(self, visible: bool) -> None:
        self.set_class(visible, "-entities-on")
        self.set_class(not visible, "-entities-off")
        focused = self.focused
        if visible:
            self.query_one(EntityPanel).focus()
            current = self.current
            if current is not None and current not in self.full and self.by_path[current].state != FAILED:
                self.analyser.entities_first(current, self.algorithm, entities_shown=True)
        elif focused is not None and focused.id == "entities":
            self.query_one(ArticleView).focus()

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())


def _thread_analyser(analyse: AnalyseFn) -> Analyser:
    """The same scheduling in threads of this process (tests, and platforms without processes)."""
    return Analyser(analyse, background_workers=1, context="thread")


def _save_dir(configured: os.PathLike[str] | str | None) -> Path:
    return Path(configured) if configured is not None else default_summary_dir()


def _raw_text(path: str, limit: int = 20_000) -> str:
    """The start of the file as it is, shown while the analysis runs."""
    try:
        return read_start(path, limit).decode("utf-8", errors="replace")
    except LoadError:
        return ""
