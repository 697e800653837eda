"""``reports-tui index``: analyse many files into the cache on all cores.

Workers analyse and send results back; this process alone writes the cache,
so there is one writer and a Ctrl-C keeps everything finished so far.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from tui.config import Config
from tui.core.cache import Cache, cache_key, open_cache
from tui.core.lifetime import JOB_SECONDS, die_with, max_workers
from tui.core.loader import LoadError, find_articles, load_bytes, load_text, utf8_name
from tui.core.merge import merge
from tui.core.model import Analysis
from tui.core.pipeline import Options
from tui.core.safe_text import one_line
from tui.exit_codes import EXIT_INTERRUPTED

if TYPE_CHECKING:  # Rich is imported when a run starts
    from rich.console import Console
    from rich.progress import Progress


@dataclass
class IndexReport:
    done: int = 0
    cached: int = 0
    failed: list[str] = field(default_factory=list)
    interrupted: bool = False


#: The reason given for a file whose analysis ended its worker process.
STOPPED = "the analysis process stopped unexpectedly"


def worker_init(program: int) -> None:
    """Quiet, single-threaded workers: Ctrl-C is the parent's to handle, BLAS must not oversubscribe;
    they end with ``program`` (the index process), even after a ``kill -9`` of it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with(program, parent_signal=True)  # the parent is the forkserver: one thread
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def analyse_for_index(path: str, options: Options, data: bytes | None = None) -> tuple[str, Analysis | str]:
    """Analyse one file in a worker: ``(key, analysis)``, or ``("", reason)`` when it cannot be read.

    ``data``: the file's bytes, read by the caller (a cluster worker may not see the file)."""
    from tui.core.pipeline import analyse, clean_loaded

    try:
        loaded = load_text(path, options.max_file_bytes) if data is None else load_bytes(path, data)
    except LoadError as exc:
        return "", str(exc)
    try:
        analysis = analyse(clean_loaded(loaded), options, entities=True)
    except Exception as exc:  # a pipeline bug must not stop the batch: report it per file  # noqa: BLE001
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
        header = known.get(cache.file_key(item, options) or "") if utf8_name(item) else None
        if header is not None and header.complete(options.algorithm):
            report.cached += 1
        else:
            todo.append(item)
    cache.flush()
    return todo


#: Analyses the files to do into the cache: ``(todo, options, cache, report, console)``.
AnalyseAll = Callable[[list[str], Options, Cache, IndexReport, "Console"], None]


def run_index(
    paths: list[str],
    config: Config,
    jobs: int | None = None,
    use_cache: bool = True,
    analyse_all: AnalyseAll | None = None,
) -> int:
    """Index ``paths``: on a local pool of ``jobs`` workers, or by ``analyse_all`` (a cluster)."""
    from rich.console import Console

    console = Console(stderr=True)
    if not use_cache or not config.cache_enabled:
        console.print("reports-tui: index fills the cache; it cannot run with the cache disabled")
        return 2
    cache = open_cache(
        warn=lambda message: console.print(f"reports-tui: {one_line(message)}", markup=False, soft_wrap=True)
    )
    report = IndexReport()
    todo = pending_files(paths, config.options, cache, report)
    if analyse_all is None:
        workers = max_workers(jobs)
        if jobs is not None and workers < jobs:
            console.print(f"reports-tui: --jobs {jobs}: using {workers} (one per core and per 400 MB of free memory)")
        analyse_all = partial(_local_pool, jobs=workers)
    started = time.perf_counter()
    try:
        analyse_all(todo, config.options, cache, report, console)
    finally:
        cache.close()
    _print_report(report, time.perf_counter() - started, console)
    if cache.write_failures:  # analysed but not kept: the run did not do its job
        console.print(f"reports-tui: {cache.write_failures} analyses could not be saved to the cache", markup=False)
    if report.interrupted:
        return EXIT_INTERRUPTED
    return 1 if report.failed or cache.write_failures else 0


AnalyseJob = Callable[[str, Options], tuple[str, "Analysis | str"]]


def _local_pool(
    todo: list[str], options: Options, cache: Cache, report: IndexReport, console: Console, jobs: int
) -> None:
    _analyse_all(todo, options, cache, report, jobs, console)


def _analyse_all(
    todo: list[str],
    options: Options,
    cache: Cache,
    report: IndexReport,
    jobs: int,
    console: Console,
    job_seconds: float = JOB_SECONDS,
    analyse: AnalyseJob = analyse_for_index,
) -> None:
    """Analyse ``todo`` on ``jobs`` workers, one file each at a time (so a job's age is its run
    time), storing results as they come; a job over ``job_seconds`` is stopped and reported."""
    with progress_bar(console) as progress:
        task = progress.add_task("index", total=len(todo), rate=0.0)
        runs = _Runs(todo, jobs, analyse, options)
        started = time.perf_counter()
        completed = 0
        try:
            while runs.fill():
                for path, future in runs.finished(timeout=1.0):
                    completed += 1
                    if future is None:
                        report.failed.append(f"{path}: {STOPPED}")
                    else:
                        _store(future, cache, report)
                for path in runs.stop_late(job_seconds):
                    report.failed.append(f"{path}: analysis took over {job_seconds:g} s; stopped")
                    completed += 1
                rate = report.done / max(time.perf_counter() - started, 1e-6)
                progress.update(task, completed=completed, rate=rate)
        except KeyboardInterrupt:
            report.interrupted = True
            runs.pool.shutdown(wait=False, cancel_futures=True)
            return
        runs.pool.shutdown(wait=True)


def progress_bar(console: Console) -> Progress:
    """The bar of ``index``: files done of all, files analysed per second, time left."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} files/s"),
        TimeRemainingColumn(),
    )
    return Progress(*columns, console=console)


class _Runs:
    """The files in flight on a worker pool, one per worker (so a job's age is its run time).

    A job over the time limit is stopped by replacing the pool; the others run again. A worker
    that dies breaks the whole pool: the files it was running are tried again one at a time, so
    the file that kills its worker is found (and reported) and the others are not blamed.
    """

    def __init__(self, todo: list[str], jobs: int, analyse: AnalyseJob, options: Options) -> None:
        self._jobs = jobs
        self._analyse = analyse
        self._options = options
        self._context = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")
        if isinstance(self._context, multiprocessing.context.ForkServerContext):
            # Only read when the forkserver starts (its first pool in this process).
            self._context.set_forkserver_preload(["tui.index_preload"])
        self.pool = _new_pool(jobs, self._context)
        self._queue: Iterator[str] = iter(todo)
        self._suspects: deque[str] = deque()  # running when a pool broke: tried alone
        self._alone: str | None = None  # the suspect running by itself
        self._running: dict[Future, tuple[str, float]] = {}  # future → (path, when handed out)

    def fill(self) -> bool:
        """Hand out jobs; False when there is nothing left to run."""
        if self._suspects:
            if not self._running:
                self._alone = self._suspects.popleft()
                self._submit(self._alone)
        else:
            while len(self._running) < self._jobs and (path := next(self._queue, None)) is not None:
                self._submit(path)
        return bool(self._running)

    def finished(self, timeout: float) -> list[tuple[str, Future | None]]:
        """Jobs done within ``timeout``: ``(path, future)``, or ``(path, None)`` for a file whose
        analysis killed its worker."""
        done, _ = wait(self._running, timeout=timeout, return_when=FIRST_COMPLETED)
        out: list[tuple[str, Future | None]] = []
        broken = False
        for future in done:
            path, _at = self._running.pop(future)
            if not isinstance(future.exception(), BrokenProcessPool):
                out.append((path, future))
            elif path == self._alone:  # broke its pool alone: this file is the cause
                out.append((path, None))
            else:
                self._suspects.append(path)
            broken |= isinstance(future.exception(), BrokenProcessPool)
        if broken:
            self._suspects.extend(path for path, _at in self._running.values())
            self._replace_pool()
        return out

    def stop_late(self, seconds: float) -> list[str]:
        """The files running for over ``seconds``: stopped; the others' jobs start again."""
        now = time.monotonic()
        late = [path for path, at in self._running.values() if now - at > seconds]
        if late:
            again = [path for path, at in self._running.values() if path not in late]
            self._queue = itertools.chain(again, self._queue)
            self._replace_pool()
        return late

    def _submit(self, path: str) -> None:
        try:
            future = self.pool.submit(self._analyse, path, self._options)
        except BrokenProcessPool:  # broke since the last look: its jobs come back as broken
            self._suspects.extend(p for p, _at in self._running.values())
            self._replace_pool()
            future = self.pool.submit(self._analyse, path, self._options)
        self._running[future] = (path, time.monotonic())

    def _replace_pool(self) -> None:
        self._running.clear()
        _kill(self.pool)
        self.pool = _new_pool(self._jobs, self._context)


def _new_pool(jobs: int, context: multiprocessing.context.BaseContext) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=worker_init, initargs=(os.getpid(),))


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now, running jobs included (``shutdown`` would wait for them)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # the executor's own table
    for process in processes:
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _store(future: Future, cache: Cache, report: IndexReport) -> None:
    key, result = future.result()
    keep(key, result, cache, report)


def keep(key: str, result: Analysis | str, cache: Cache, report: IndexReport) -> None:
    """Store a worker's analysis under ``key``, or count ``result`` (a reason) as a failure."""
    if isinstance(result, str):
        report.failed.append(result)
        return
    if not utf8_name(result.document.path):
        report.failed.append(f"{result.document.path}: not cached (the file name is not valid UTF-8)")
        return
    # an entry without entities: keep the summaries by other algorithms it had
    cache.put(key, merge(cache.get(key, result.document.path), result))
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
        console.print(f"  failed: {one_line(reason)}", markup=False, soft_wrap=True)
