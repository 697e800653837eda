"""The calls the interface and the batch indexer make: analyse a file (through the cache), re-summarise.

Module-level functions with picklable arguments and results, so they can run
in a worker process as well as in a thread.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from tui.core.cache import Cache, cache_key, open_cache
from tui.core.loader import load_text
from tui.core.model import Analysis
from tui.core.pipeline import Options, add_entities, analyse, clean_loaded, summarize_with
from tui.core.tokenize import with_words


def analyse_path(path: str, options: Options, algorithms: tuple[str, ...] | None = None,
                 entities: bool = True, cache: Cache | None = None) -> Analysis:
    """Load, clean and analyse one file, reusing and filling ``cache``.

    Raises ``LoadError`` for files that cannot be read.
    """
    wanted = tuple(algorithms) if algorithms is not None else (options.algorithm,)
    loaded = load_text(path, options.max_file_bytes)
    key = cache_key(loaded.content_hash, options)
    cached = cache.get(key, path) if cache is not None else None
    if cached is not None:
        analysis = complete(cached, wanted, entities, options)
        if analysis is not cached:
            cache.put(key, analysis)  # type: ignore[union-attr]
        return analysis
    analysis = analyse(clean_loaded(loaded), options, wanted, entities=entities)
    if cache is not None:
        cache.put(key, analysis)
    return analysis


def complete(analysis: Analysis, algorithms: tuple[str, ...], entities: bool, options: Options) -> Analysis:
    """``analysis`` with the summaries and entities asked for (the same object when nothing was missing)."""
    if any(a not in analysis.summaries for a in algorithms) or (entities and analysis.entities is None):
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


def analyse_path_cached(path: str, options: Options, algorithms: tuple[str, ...] | None = None,
                        entities: bool = True) -> Analysis:
    """``analyse_path`` through this process's own cache connection: picklable for process pools."""
    return analyse_path(path, options, algorithms, entities, process_cache())
