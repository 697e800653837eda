"""The reading screen's corpus keys: the entities (`p`), the figures (`F`) and the digest (`D`).

The corpus (``tui.app.corpus_state``) fills from the library as articles are
analysed and, on the first corpus view, from the cache in a worker thread.
Figures and digests read the full analyses of the listed articles the same
way, in a worker; what the worker makes comes back through ``call_from_thread``.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from tui.app.articles import Status
from tui.app.corpus_state import Filling, gather
from tui.app.list_view_state import EntityFilter
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from tui.app.cached import CacheReader
    from tui.app.library import Library
    from tui.app.list_view_state import ListView
    from tui.core.corpus import CorpusEntity
    from tui.core.digest import Digest
    from tui.core.figures import Figure
    from tui.core.model import Analysis
    from tui.core.pipeline import Options

log = logging.getLogger(__name__)

DIGEST_SUFFIXES = {"markdown": "md", "docx": "docx", "json": "json"}
# After the cache is read at start, its entities are gathered this much later (in a worker), so
# the corpus screen paints at once when opened; not sooner, so that the first paint and the
# first article do not wait for it.
GATHER_AFTER = 2.0
# Past this many articles nothing is gathered ahead: reading every cached analysis of a large
# archive would cost the interface tens of seconds of CPU and hundreds of MB that the reader may
# never use; the corpus screen gathers them when first opened, with its progress line.
GATHER_AHEAD_UP_TO = 5_000
NOTICE_OVER = 200  # articles to read from the cache before the figures show: say it is coming
YIELD_EVERY = 25  # cached analyses read between pauses that let the interface's thread draw


class CorpusActions(Screen[None]):
    """Corpus views and digests; ``ReaderScreen`` holds the library, the list view and the cache options."""

    library: Library
    list_view: ListView
    algorithm: str
    count: int
    digest_format: str = "markdown"
    _cache_options: Options | None
    _pending_mark: tuple[str, list[tuple[int, int]], str] | None = None  # path, ranges, label
    _entity_marked: tuple[str, str, str] | None = None  # path, type, name

    if TYPE_CHECKING:

        def filter_by_entity(self, entity: EntityFilter) -> None: ...
        def open_article(self, path: str) -> None: ...
        def save_folder(self) -> Path: ...
        def protected_paths(self) -> Sequence[str]: ...
        def show_saved(self, target: Path, title: str) -> None: ...

    def title_of(self, path: str) -> str:
        entry = self.library.by_path.get(path)
        return entry.title if entry is not None else os.path.basename(path)

    def listed(self) -> list[str]:
        """The articles the list shows (that can be read), in its order."""
        by_path = self.library.by_path
        return [p for p in self.query_one(ArticleList).paths if by_path[p].state is not Status.FAILED]

    def _read_cached(self) -> CacheReader | None:
        """A cache reader of the worker's own (None without a cache): SQLite connections stay in their thread."""
        if self._cache_options is None:
            return None
        from tui.app.cached import CacheReader

        return CacheReader(self._cache_options, lambda message: log.warning("%s", message))

    def _gather(self, paths: list[str], held: dict[str, Analysis]) -> tuple[list[tuple[str, Analysis]], int]:
        """The analyses of ``paths``: held in memory, else from the cache (in a worker thread)."""
        reader = self._read_cached()
        try:
            return gather(paths, held, reader.get if reader is not None else None)
        finally:
            if reader is not None:
                reader.close()

    # -- the corpus's entities --------------------------------------------------------------------

    def action_corpus_entities(self) -> None:
        from tui.app.screens.corpus import CorpusScreen  # with the entity table: not before the first paint

        self.fill_corpus()
        self.app.push_screen(CorpusScreen(self.library.corpus, self.title_of), self._corpus_entity_chosen)

    def fill_corpus_soon(self) -> None:
        if len(self.library.entries) <= GATHER_AHEAD_UP_TO:
            self.set_timer(GATHER_AFTER, self.fill_corpus)

    def fill_corpus(self) -> None:
        """Read the entities of the articles the cache holds complete (once, in a worker)."""
        corpus = self.library.corpus
        if corpus.filling is not Filling.IDLE or self._cache_options is None:
            return
        paths = [e.path for e in self.library.entries if e.state is Status.DONE and e.path not in corpus]
        corpus.filling, corpus.to_read, corpus.read = Filling.READING, len(paths), 0
        self._fill_corpus(paths)

    @work(thread=True, exclusive=True, group="corpus")
    def _fill_corpus(self, paths: list[str]) -> None:
        from textual.worker import get_current_worker

        worker, corpus = get_current_worker(), self.library.corpus
        reader = self._read_cached()
        try:
            for n, path in enumerate(paths, 1):
                if worker.is_cancelled or reader is None:
                    return
                analysis = reader.get(path)
                if analysis is not None:
                    corpus.add(path, analysis)
                corpus.read = n
                if n % YIELD_EVERY == 0:
                    time.sleep(0.001)  # the GIL to the interface's thread: keys and paints stay prompt
        finally:
            corpus.filling = Filling.DONE
            if reader is not None:
                reader.close()
        corpus.rows()  # made here, so the corpus screen shows it at once

    def _corpus_entity_chosen(self, entity: CorpusEntity | None) -> None:
        if entity is not None:
            self.choose_entity(entity)

    def choose_entity(self, entity: CorpusEntity) -> None:
        """List the articles that name ``entity`` (the status line says so; escape lists all again)."""
        self.filter_by_entity(EntityFilter.of(entity))

    def open_listed(self, path: str) -> None:
        """Open ``path``, the list's cursor on it when it is listed."""
        articles = self.query_one(ArticleList)
        if path in articles.paths:
            articles.highlighted = articles.paths.index(path)
        self.open_article(path)

    def mark_chosen(self) -> None:
        """The open article shows its analysis: mark the figure chosen in the table, or the mentions
        of the entity the list is filtered by (once per opening: n/N then move between them)."""
        current = self.library.current
        held = self.library.analysis(current)
        if current is None or held is None:
            return
        article = self.query_one(ArticleView)
        pending = self._pending_mark
        if pending is not None and pending[0] == current:
            self._pending_mark = None
            article.mark_document_ranges(pending[1], pending[2])
            article.jump(1)
            return
        if self._entity_marked is not None and self._entity_marked[0] != current:
            self._entity_marked = None  # another article since: its marks are gone
        chosen = self.list_view.entity
        if chosen is None or chosen.entity is None or current not in chosen.paths or held.groups is None:
            return
        key = (current, chosen.type, chosen.name)
        if self._entity_marked == key:
            return
        from tui.core.corpus import mentions_in

        ranges = [(m.start, m.end) for m in mentions_in(chosen.entity, current, held)]
        if ranges:
            self._entity_marked = key
            article.mark_document_ranges(ranges, chosen.name)
            article.jump(1)

    # -- figures ----------------------------------------------------------------------------------

    def action_figures(self) -> None:
        paths = self.listed()
        held = {p: a for p in paths if (a := self.library.analysis(p)) is not None}
        if len(paths) - len(held) > NOTICE_OVER:
            self.notify(f"Gathering the figures of {len(paths):,} articles…", timeout=3)
        self._gather_figures(paths, held)

    @work(thread=True, exclusive=True, group="gather")
    def _gather_figures(self, paths: list[str], held: dict[str, Analysis]) -> None:
        from tui.core.figures import corpus_figures

        items, missing = self._gather(paths, held)
        self.app.call_from_thread(self._show_figures, corpus_figures(items), missing)

    def _show_figures(self, figures: list[Figure], missing: int) -> None:
        from tui.app.screens.figures import FiguresScreen  # not before the first paint

        note = f"{missing:,} listed article{'s' if missing != 1 else ''} not analysed yet" if missing else ""
        self.app.push_screen(FiguresScreen(figures, self.title_of, note), self._figure_chosen)

    def _figure_chosen(self, figure: Figure | None) -> None:
        if figure is None or figure.path not in self.library.by_path:
            return
        self._pending_mark = (figure.path, [(figure.start, figure.end)], figure.text)
        self.open_listed(figure.path)

    # -- digest -----------------------------------------------------------------------------------

    def action_save_digest(self) -> None:
        self.save_digest(self.digest_format)

    def save_digest(self, kind: str) -> None:
        """Save a digest of the listed articles as ``kind`` (markdown, docx, json), by the rules of `s`."""
        paths = self.listed()
        if not paths:
            self.notify("No articles listed: nothing to digest.", severity="warning")
            return
        try:
            folder = self.save_folder()
        except OSError as exc:
            self.notify(f"Could not save the digest: {exc}", severity="error", markup=False)
            return
        held = {p: a for p in paths if (a := self.library.analysis(p)) is not None}
        self.notify(f"Making a digest of {len(paths):,} articles…", timeout=3)
        self._write_digest(paths, held, kind, folder, list(self.protected_paths()), self.algorithm, self.count)

    @work(thread=True, exclusive=False, group="digest")
    def _write_digest(
        self,
        paths: list[str],
        held: dict[str, Analysis],
        kind: str,
        folder: Path,
        protected: list[str],
        algorithm: str,
        count: int,
    ) -> None:
        from tui.core import export
        from tui.core.digest import build_digest

        items, missing = self._gather(paths, held)
        if not items:
            self.app.call_from_thread(self.notify, "No listed article is analysed yet.", severity="warning")
            return
        name = f"digest-{dt.date.today():%Y-%m-%d}.{DIGEST_SUFFIXES[kind]}"
        try:
            target = export.save_new_file(
                digest_bytes(build_digest(items, algorithm, count), kind), name, folder, protected
            )
        except OSError as exc:
            self.app.call_from_thread(self.notify, f"Could not save the digest: {exc}", severity="error", markup=False)
            return
        left = f" ({missing:,} not analysed yet left out)" if missing else ""
        self.app.call_from_thread(self.show_saved, target, f"Digest of {len(items):,} articles saved{left}")


def digest_bytes(digest: Digest, kind: str) -> bytes:
    """The digest in the file format ``kind``."""
    from tui.core.digest import digest_json_text, digest_markdown

    if kind == "docx":
        from tui.core.digest_docx import write_docx

        out = io.BytesIO()
        write_docx(digest, out)
        return out.getvalue()
    if kind == "json":
        return digest_json_text(digest).encode("utf-8")
    return digest_markdown(digest).encode("utf-8")
