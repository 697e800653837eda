"""The calls the interface and the batch indexer make: analyse a file (through the cache), re-summarise.

Module-level functions with picklable arguments and results, so they can run
in a worker process as well as in a thread.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from functools import lru_cache

from tui.core.cache import Cache, cache_key, open_cache
from tui.core.loader import content_hash, load_bytes, read_bytes
from tui.core.model import Analysis
from tui.core.pipeline import Options, add_entities, analyse, clean_loaded, summarize_with
from tui.core.readers import Progress
from tui.core.tokenize import with_words


def analyse_path(
    path: str,
    options: Options,
    algorithms: tuple[str, ...] | None = None,
    entities: bool = True,
    cache: Cache | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Load, clean and analyse one file, reusing and filling ``cache``.

    Raises ``LoadError`` for files that cannot be read. ``progress(page, pages)`` is called
    while a scanned PDF is read by OCR.
    """
    wanted = tuple(algorithms) if algorithms is not None else (options.algorithm,)
    data = read_bytes(path, options.max_file_bytes)
    key = cache_key(content_hash(data), options)
    stored = cache.get(key, path) if cache is not None else None
    known = _recent_with_words(key, path) or stored
    if known is None:
        # Extracted only now: a cached scanned PDF is not read by OCR again.
        analysis = analyse(clean_loaded(load_bytes(path, data, progress)), options, wanted, entities=entities)
    else:
        analysis = complete(known, wanted, entities, options)
    if cache is not None and _adds_to(stored, analysis):
        cache.put(key, analysis)
    _remember_with_words(key, analysis)
    return analysis


def _adds_to(stored: Analysis | None, analysis: Analysis) -> bool:
    """Whether ``analysis`` holds something the cache entry ``stored`` lacks."""
    if stored is None:
        return True
    return bool(set(analysis.summaries) - set(stored.summaries)) or (
        analysis.entities is not None and stored.entities is None
    )


# The last few analyses this process made, words included: the interface asks for an
# article's summary and then, as a second job, its entities; the second reuses the words.
_RECENT: OrderedDict[str, Analysis] = OrderedDict()
_RECENT_SIZE = 4


def _recent_with_words(key: str, path: str) -> Analysis | None:
    analysis = _RECENT.get(key)
    if analysis is None:
        return None
    _RECENT.move_to_end(key)
    return replace(analysis, document=replace(analysis.document, path=path))


def _remember_with_words(key: str, analysis: Analysis) -> None:
    _RECENT[key] = analysis
    _RECENT.move_to_end(key)
    while len(_RECENT) > _RECENT_SIZE:
        _RECENT.popitem(last=False)


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


@lru_cache(maxsize=1)
def process_cache() -> Cache:
    """This process's connection to the user's cache (for worker processes)."""
    return open_cache()


def analyse_path_cached(
    path: str, options: Options, algorithms: tuple[str, ...] | None = None, entities: bool = True
) -> Analysis:
    """``analyse_path`` through this process's own cache connection: picklable for process pools."""
    return analyse_path(path, options, algorithms, entities, process_cache())
