"""``reports-tui index``: analyse many files into the cache on all cores.

Workers analyse and send results back; this process alone writes the cache,
so there is one writer and a Ctrl-C keeps everything finished so far.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace

from tui.config import Config
from tui.core.cache import Cache, cache_key, open_cache
from tui.core.loader import LoadError, find_articles, load_text
from tui.core.model import Analysis
from tui.core.pipeline import Options


@dataclass
class IndexReport:
    done: int = 0
    cached: int = 0
    failed: list[str] = field(default_factory=list)
    interrupted: bool = False


def worker_init() -> None:
    """Quiet, single-threaded workers: Ctrl-C is the parent's to handle, BLAS must not oversubscribe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def analyse_for_index(path: str, options: Options) -> tuple[str, Analysis | str]:
    """Analyse one file in a worker: ``(key, analysis)``, or ``("", reason)`` when it cannot be read."""
    from tui.core.pipeline import analyse, clean_loaded

    try:
        loaded = load_text(path, options.max_file_bytes)
    except LoadError as exc:
        return "", str(exc)
    try:
        analysis = analyse(clean_loaded(loaded), options, entities=True)
    except Exception as exc:  # a pipeline bug must not stop the batch: report it per file
        return "", f"{path}: analysis failed ({type(exc).__name__}: {exc})"
    return cache_key(loaded.content_hash, options), analysis


def pending_files(paths: list[str], options: Options, cache: Cache, report: IndexReport) -> list[str]:
    """Files whose cache entry is missing or not complete (``Header.complete``); bad paths go to
    ``report.failed`` (unreadable files fail in a worker)."""
    known = cache.headers()
    todo: list[str] = []
    for item in find_articles(paths):
        if isinstance(item, LoadError):
            report.failed.append(str(item))
            continue
        header = known.get(cache.file_key(item, options) or "")
        if header is not None and header.complete(options.algorithm):
            report.cached += 1
        else:
            todo.append(item)
    cache.flush()
    return todo


def run_index(paths: list[str], config: Config, jobs: int | None = None, use_cache: bool = True) -> int:
    from rich.console import Console

    console = Console(stderr=True)
    if not use_cache or not config.cache_enabled:
        console.print("reports-tui: index fills the cache; it cannot run with the cache disabled")
        return 2
    cache = open_cache(warn=lambda message: console.print(f"reports-tui: {message}", markup=False, soft_wrap=True))
    report = IndexReport()
    todo = pending_files(paths, config.options, cache, report)
    started = time.perf_counter()
    try:
        _analyse_all(todo, config.options, cache, report, jobs or os.cpu_count() or 1, console)
    finally:
        cache.close()
    _print_report(report, time.perf_counter() - started, console)
    return 1 if report.failed else 0


def _analyse_all(
    todo: list[str], options: Options, cache: Cache, report: IndexReport, jobs: int, console: object
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} files/s"),
        TimeRemainingColumn(),
    )
    context = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")
    with Progress(*columns, console=console) as progress:  # type: ignore[arg-type]
        task = progress.add_task("index", total=len(todo), rate=0.0)
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=worker_init)
        started = time.perf_counter()
        completed = 0
        try:
            running: set[Future] = set()
            queue = iter(todo)
            for path in queue:
                running.add(pool.submit(analyse_for_index, path, options))
                if len(running) >= jobs * 4:
                    break
            while running:
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    _store(future, cache, report)
                    completed += 1
                    next_path = next(queue, None)
                    if next_path is not None:
                        running.add(pool.submit(analyse_for_index, next_path, options))
                rate = report.done / max(time.perf_counter() - started, 1e-6)
                progress.update(task, completed=completed, rate=rate)
        except KeyboardInterrupt:
            report.interrupted = True
            pool.shutdown(wait=False, cancel_futures=True)
            return
        pool.shutdown(wait=True)


def _store(future: Future, cache: Cache, report: IndexReport) -> None:
    key, result = future.result()
    if isinstance(result, str):
        report.failed.append(result)
        return
    held = cache.get(key, result.document.path)
    if held is not None:  # an entry without entities: keep the summaries by other algorithms it had
        result = replace(result, summaries={**held.summaries, **result.summaries})
    cache.put(key, result)
    report.done += 1


def _print_report(report: IndexReport, seconds: float, console: object) -> None:
    from rich.console import Console

    assert isinstance(console, Console)
    head = "interrupted: kept what was done" if report.interrupted else "finished"
    console.print(
        f"{head} in {seconds:.1f} s: {report.done} analysed, {report.cached} already cached, "
        f"{len(report.failed)} failed",
        markup=False,
        soft_wrap=True,
    )
    for reason in report.failed:
        console.print(f"  failed: {reason}", markup=False, soft_wrap=True)
