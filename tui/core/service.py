"""The calls the interface and the command line make: analyse a file (through the cache), re-summarise.

Module-level functions with picklable arguments and results, so they can run
in a worker process as well as in a thread.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from functools import lru_cache

from tui.core.cache import Cache, cache_key, open_cache
from tui.core.loader import content_hash, load_bytes, read_bytes, utf8_name
from tui.core.merge import adds_to, merge
from tui.core.model import Analysis
from tui.core.pipeline import Options, add_entities, analyse, clean_loaded, summarize_with
from tui.core.readers import Progress
from tui.core.tokenize import with_words


class RecentAnalyses:
    """The last few analyses made, words included: the interface asks for an article's summary
    and then, as a second job, its entities; the second reuses the words of the first.

    Owned by whoever analyses (a worker process keeps one for its life) and passed in,
    so no result depends on what another caller analysed before.
    """

    def __init__(self, size: int = 4) -> None:
        self._size = size
        self._items: OrderedDict[str, Analysis] = OrderedDict()

    def get(self, key: str, path: str) -> Analysis | None:
        analysis = self._items.get(key)
        if analysis is None:
            return None
        self._items.move_to_end(key)
        return replace(analysis, document=replace(analysis.document, path=path))

    def remember(self, key: str, analysis: Analysis) -> None:
        self._items[key] = analysis
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)


def analyse_path(
    path: str,
    options: Options,
    algorithms: tuple[str, ...] | None = None,
    entities: bool = True,
    cache: Cache | None = None,
    recent: RecentAnalyses | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Load, clean and analyse one file, reusing and filling ``cache`` and ``recent``.

    Raises ``LoadError`` for files that cannot be read. ``progress(page, pages)`` is called
    while a scanned PDF is read by OCR.
    """
    wanted = tuple(algorithms) if algorithms is not None else (options.algorithm,)
    if cache is not None and not utf8_name(path):
        cache = None
    data = read_bytes(path, options.max_file_bytes)
    digest = content_hash(data)
    key = cache.key(digest, options) if cache is not None else cache_key(digest, options)
    stored = cache.get(key, path) if cache is not None else None
    known = (recent.get(key, path) if recent is not None else None) or stored
    if known is None:
        # Extracted only now: a cached scanned PDF is not read by OCR again.
        analysis = analyse(clean_loaded(load_bytes(path, data, progress)), options, wanted, entities=entities)
    else:
        analysis = complete(known, wanted, entities, options)
    if cache is not None and adds_to(stored, analysis):
        cache.put(key, merge(stored, analysis), digest)
    if recent is not None:
        recent.remember(key, analysis)
    return analysis


def complete(analysis: Analysis, algorithms: tuple[str, ...], entities: bool, options: Options) -> Analysis:
    """``analysis`` with the summaries and entities asked for (the same object when nothing was missing)."""
    needs_words = any(a not in analysis.summaries for a in algorithms) or (entities and analysis.entities is None)
    if needs_words and not all(s.tokens for s in analysis.sentences):  # cached entries have none
        analysis = replace(analysis, sentences=with_words(analysis.document.text, analysis.sentences))
    for algorithm in algorithms:
        analysis = with_algorithm(analysis, algorithm, options)
    if entities and analysis.entities is None:
        analysis = add_entities(analysis)
    return analysis


def with_algorithm(analysis: Analysis, algorithm: str, options: Options) -> Analysis:
    """The analysis with a summary by ``algorithm`` too (sentences and words are reused)."""
    if algorithm in analysis.summaries:
        return analysis
    summary = summarize_with(analysis.document, analysis.sentences, algorithm, options)
    return replace(analysis, summaries={**analysis.summaries, algorithm: summary})


class Worker:
    """What one worker process keeps between jobs: its recent analyses and its cache connection
    (opened on first use, so a run without the cache never creates one)."""

    def __init__(self) -> None:
        self.recent = RecentAnalyses()
        self._cache: Cache | None = None

    def cache(self) -> Cache:
        if self._cache is None:
            self._cache = open_cache()
        return self._cache


@lru_cache(maxsize=1)
def process_worker() -> Worker:
    """This process's own ``Worker``, made on its first job (worker processes only)."""
    return Worker()


def analyse_path_cached(
    path: str,
    options: Options,
    algorithms: tuple[str, ...] | None = None,
    entities: bool = True,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> Analysis:
    """``analyse_path`` with this process's ``Worker``: a plain function, picklable for process pools."""
    worker = process_worker()
    cache = worker.cache() if use_cache else None
    return analyse_path(path, options, algorithms, entities, cache, worker.recent, progress)
