"""``reports-tui index --scheduler ADDRESS`` or ``--cluster local``: the analysis on Dask workers.

The workers run ``analyse_for_index``, the function of the local pool; this process stays the
single writer of the cache and keeps the progress bar, the summary and Ctrl-C of ``index``.
Files go out in batches (one task per file would cost the scheduler more than the analysis),
with a bounded number of batches in flight, so an archive of 100,000 files is never all in
memory. Dask is an optional extra: nothing here imports it until a run starts.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import signal
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING

from tui.config import Config
from tui.core.cache import Cache
from tui.core.cache.codec import DecodeError, decode, encode
from tui.core.cache.keys import stopwords_id
from tui.core.lifetime import JOB_SECONDS, Overtime, TimeLimitExceeded, max_workers, thread_time_limit
from tui.core.loader import LoadError, read_bytes
from tui.core.pipeline import Options, pipeline_version
from tui.core.safe_text import one_line
from tui.index import STOPPED, IndexReport, analyse_for_index, keep, progress_bar, run_index

if TYPE_CHECKING:
    from distributed import Client, Future
    from rich.console import Console
    from rich.progress import Progress, TaskID

INSTALL_HINT = "pip install -e '.[cluster]'"
#: Files per task at most; a batch is closed early once its files pass BATCH_BYTES (large PDFs).
BATCH_FILES = 16
BATCH_BYTES = 8_000_000
#: Batches in flight per worker thread: one running, one waiting, so no worker waits for the client.
WINDOW_PER_THREAD = 2
#: Dask settings of a local cluster (its workers inherit them): the statistical profiler that
#: samples every task thread each 10 ms, and monitors polled many times a second, cost a local
#: cluster of 2 about 30% more CPU than the local pool on 400 files (bench/cluster.py); with
#: these about 15%, most of it the workers' start.
LOCAL_SETTINGS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}
#: How long to wait for a scheduler to answer, and then for its first worker to join.
CONNECT_SECONDS = 10.0
WORKER_SECONDS = 60.0


class Transport(Enum):
    """How a file reaches a worker."""

    BYTES = "bytes"  # read here and sent: works on any cluster, no shared filesystem needed
    PATHS = "paths"  # the path only: every worker reads the file at the same path itself


@dataclass(frozen=True)
class ClusterPlan:
    """Where to run: a running scheduler's address, or else a local cluster of ``workers`` processes."""

    scheduler: str | None = None
    workers: int | None = None
    transport: Transport = Transport.BYTES


class ClusterError(Exception):
    """The cluster cannot be started or reached; the message says why in one line."""


Batch = list[tuple[str, bytes | None]]
Outcome = tuple[str, str, bytes | str]  # (path, key, the encoded analysis) or (path, "", reason)


def run_cluster_index(paths: list[str], config: Config, plan: ClusterPlan, use_cache: bool = True) -> int:
    """``index`` on a Dask cluster; exit status as ``run_index``, 2 when Dask is missing or unreachable."""
    from rich.console import Console

    console = Console(stderr=True)
    try:
        with _ctrl_c_held():  # the threads its import starts must leave SIGINT to this one
            import distributed  # noqa: F401  (only to know it is installed)
    except ImportError:
        console.print(f"reports-tui: indexing on a cluster needs Dask: {INSTALL_HINT}", markup=False, soft_wrap=True)
        return 2
    try:
        return run_index(paths, config, use_cache=use_cache, analyse_all=partial(_analyse_on_cluster, plan=plan))
    except ClusterError as exc:
        console.print(f"reports-tui: {one_line(str(exc))}", markup=False, soft_wrap=True)
        return 2


def _analyse_on_cluster(
    todo: list[str], options: Options, cache: Cache, report: IndexReport, console: Console, plan: ClusterPlan
) -> None:
    if not todo:
        return
    # the bar shows from the start: reaching a scheduler or starting workers takes seconds
    with _ctrl_c_held(), progress_bar(console) as progress:
        bar = _Bar(progress, progress.add_task("index", total=len(todo), rate=0.0))
        try:
            with _client(plan, console) as client:
                _run_batches(client, todo, options, cache, report, bar, plan.transport)
        except KeyboardInterrupt:  # what is stored stays; the cluster was stopped or left on the way out
            report.interrupted = True


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """SIGINT blocked in this (the main) thread for the block, so that every thread started in
    it (Dask's, the bar's) keeps it blocked for good; ``_take_ctrl_c`` unblocks it here sooner.
    While a local cluster starts SIGINT is ignored, for its workers to inherit: a Ctrl-C then
    waits as pending (a blocked signal is not dropped), where another thread would have taken
    and dropped it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    # multiprocessing's resource tracker, started on first need by whichever thread spawns a
    # process, unblocks SIGINT in that thread after starting it: start it before blocking.
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _take_ctrl_c() -> None:
    """This thread takes Ctrl-C again: one pressed meanwhile raises KeyboardInterrupt now."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@dataclass
class _Bar:
    progress: Progress
    task: TaskID
    started: float = field(default_factory=time.perf_counter)

    def show(self, completed: int, analysed: int) -> None:
        rate = analysed / max(time.perf_counter() - self.started, 1e-6)
        self.progress.update(self.task, completed=completed, rate=rate)


@contextlib.contextmanager
def _client(plan: ClusterPlan, console: Console) -> Iterator[Client]:
    """A client of the scheduler named, or of a local cluster started (and ended) here."""
    from distributed import Client

    if plan.scheduler is None:
        workers = max_workers(plan.workers)
        if plan.workers is not None and workers < plan.workers:
            console.print(
                f"reports-tui: --workers {plan.workers}: using {workers} (one per core and per 400 MB of free memory)"
            )
        with local_cluster(workers) as address, _client(ClusterPlan(address, None, plan.transport), console) as client:
            yield client
        return
    _take_ctrl_c()
    try:
        client = Client(plan.scheduler, timeout=CONNECT_SECONDS)
    except (OSError, ValueError, TypeError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {plan.scheduler}: {exc}") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_SECONDS)
        except TimeoutError:
            raise ClusterError(f"no worker joined the scheduler at {plan.scheduler} in {WORKER_SECONDS:g} s") from None
        yield client


@contextlib.contextmanager
def local_cluster(workers: int) -> Iterator[str]:
    """Start a Dask cluster of ``workers`` single-threaded processes on this machine, for the
    time of the block; yields its scheduler's address."""
    import dask
    from distributed import LocalCluster

    # Worker processes inherit an ignored SIGINT: a Ctrl-C in the terminal reaches the whole
    # process group, and only this process should act on it (keep what is done, then stop them).
    # One pressed meanwhile is kept pending when the caller blocked SIGINT (_ctrl_c_held).
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with dask.config.set(LOCAL_SETTINGS):
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                # its HTTP server (health and metrics) on a free port of this machine only, not :8787
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.ERROR,
            )
    except (OSError, RuntimeError) as exc:  # no free port, a worker process that fails to start
        raise ClusterError(f"cannot start a local Dask cluster: {exc}") from None
    finally:
        signal.signal(signal.SIGINT, previous)
    with cluster:
        _take_ctrl_c()
        yield cluster.scheduler_address


def _run_batches(
    client: Client,
    todo: list[str],
    options: Options,
    cache: Cache,
    report: IndexReport,
    bar: _Bar,
    transport: Transport,
) -> None:
    """Send ``todo`` in batches, at most a window of them in flight, storing results as they come."""
    from distributed import as_completed

    threads = max(1, sum(client.nthreads().values()))
    parts = key_parts(options)
    queue = _Queue(todo, _batch_size(len(todo), threads), transport, options.max_file_bytes)
    running = as_completed()
    in_flight: dict[Future, list[str]] = {}
    completed = 0

    def top_up() -> None:
        nonlocal completed
        window = WINDOW_PER_THREAD * max(1, sum(client.nthreads().values()))
        while len(in_flight) < window and (batch := queue.next(report)) is not None:
            paths, sent = batch
            if not sent:  # every file of it failed to read: counted, nothing to send
                continue
            future = client.submit(analyse_batch, sent, options, JOB_SECONDS, parts, pure=False)
            in_flight[future] = paths
            running.add(future)
        completed = len(todo) - queue.left - sum(len(paths) for paths in in_flight.values())

    try:
        top_up()
        for future in running:
            paths = in_flight.pop(future)
            _collect(future, paths, cache, report, queue)
            top_up()
            bar.show(completed, report.done)
    except KeyboardInterrupt:
        client.cancel(list(in_flight))
        raise


def _batch_size(files: int, threads: int) -> int:
    """Files per task: enough tasks for every thread to get several, at most ``BATCH_FILES``."""
    return max(1, min(BATCH_FILES, math.ceil(files / (threads * 4))))


class _Queue:
    """The files still to send, cut into batches; files of a batch whose worker died come back
    one per batch, so the file that kills a worker is found and the others are not blamed."""

    def __init__(self, todo: list[str], size: int, transport: Transport, max_bytes: int) -> None:
        self._files = deque(todo)
        self._alone: deque[str] = deque()
        self._size = size
        self._transport = transport
        self._max_bytes = max_bytes

    @property
    def left(self) -> int:
        return len(self._files) + len(self._alone)

    def again_alone(self, paths: list[str]) -> None:
        self._alone.extend(paths)

    def next(self, report: IndexReport) -> tuple[list[str], Batch] | None:
        """The next batch: its files' paths here and what is sent for them (nothing for a file
        that failed to read, reported); None when no file is left."""
        if self._alone:  # a file of a batch whose worker died: alone, it may be the cause
            path = self._alone.popleft()
            sent = self._send(path, report)
            return ([path], [sent]) if sent is not None else ([], [])
        if not self._files:
            return None
        paths: list[str] = []
        batch: Batch = []
        size = 0
        while self._files and len(paths) < self._size and size < BATCH_BYTES:
            path = self._files.popleft()
            if (sent := self._send(path, report)) is not None:
                paths.append(path)
                batch.append(sent)
                size += len(sent[1] or b"")
        return paths, batch

    def _send(self, path: str, report: IndexReport) -> tuple[str, bytes | None] | None:
        """What goes to a worker for ``path``; None when it cannot be read (reported)."""
        if self._transport is Transport.PATHS:  # a worker's working folder is not this one's
            return os.path.abspath(path), None
        try:
            return path, read_bytes(path, self._max_bytes)
        except LoadError as exc:  # as the worker would have said it
            report.failed.append(str(exc))
            return None


def _collect(future: Future, paths: list[str], cache: Cache, report: IndexReport, queue: _Queue) -> None:
    """Store a finished batch's analyses and failures; a batch whose worker died goes again file by file."""
    from distributed import KilledWorker

    try:
        outcomes: list[Outcome] = future.result()
    except KilledWorker:
        if len(paths) > 1:
            queue.again_alone(paths)
        else:
            report.failed.append(f"{paths[0]}: {STOPPED}")
        return
    except Exception as exc:  # the cluster lost the batch (a scheduler gone): say so per file  # noqa: BLE001
        report.failed += [f"{path}: the cluster did not analyse it ({type(exc).__name__}: {exc})" for path in paths]
        return
    for path, (sent, key, result) in zip(paths, outcomes):
        if isinstance(result, str):  # a reason, naming the file as it was given here
            keep(key, path + result.removeprefix(sent) if result.startswith(sent) else result, cache, report)
            continue
        try:
            analysis = decode(result)
        except DecodeError as exc:
            report.failed.append(f"{path}: the worker's analysis could not be read ({exc})")
            continue
        if analysis.document.path != path:  # sent as an absolute path: the cache knows the file by its own
            analysis = replace(analysis, document=replace(analysis.document, path=path))
        keep(key, analysis, cache, report)


def key_parts(options: Options) -> tuple[str, str]:
    """What besides a file's bytes makes its cache key: the pipeline's version, the stopword list."""
    return pipeline_version(), stopwords_id(options)


def analyse_batch(batch: Batch, options: Options, seconds: float, parts: tuple[str, str]) -> list[Outcome]:
    """On a worker: each file's ``(path, key, encoded analysis)`` or ``(path, "", reason)``.

    ``parts``: the client's ``key_parts``. A worker with another version of reports-tui, or
    without the stopword file the configuration names, would make analyses the client's cache
    never finds: it analyses nothing and says why. Analyses travel as the cache's typed
    MessagePack: smaller and faster than pickling the dataclasses, and decoded as data only.
    """
    own = key_parts(options)
    if own != parts:
        why = "another version of reports-tui" if own[0] != parts[0] else "another stopword list (or none)"
        return [(path, "", f"{path}: not analysed: the worker has {why} than this machine") for path, _ in batch]
    outcomes: list[Outcome] = []
    for path, data in batch:
        try:
            with thread_time_limit(seconds):
                key, result = analyse_for_index(path, options, data)
        except Overtime:
            outcomes.append((path, "", f"{path}: {TimeLimitExceeded(seconds).reason}"))
            continue
        outcomes.append((path, key, result if isinstance(result, str) else encode(result)))
    return outcomes
