"""Analysis in background processes, the opened article first.

No Textual here. Two lanes of worker processes:

* the *front* lane (one process) computes the opened article's summary,
  re-summarises it with another algorithm and, when the entity panel is on
  screen, finds its entities right after the summary: short jobs, so the
  reader waits for at most one of them;
* the *back* lane (the other cores) works through every article in full,
  entities included; otherwise the opened article's full analysis goes to
  the head of its queue.

Each lane keeps its own queue and hands a process one job at a time, so a
new request is never stuck behind jobs that were queued earlier. The
analysis itself is one injected, picklable callable (``AnalyseFn``), so a
cache or another pipeline can be put behind it without touching this module.
Results are handed to ``deliver`` from a executor thread: the interface must
pass them on thread-safely (Textual's ``post_message`` is).
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.queues
import os
import queue
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TypeAlias

from tui.app.job_queue import JobQueue
from tui.app.jobs import AnalyseFn, Job, JobKind, Outcome, run_job
from tui.app.worker_setup import PageChannel, init_worker, listen_for_pages, start_resource_tracker, warm_up

log = logging.getLogger(__name__)

#: ``(path, page, pages)`` notes from the workers, ``None`` to stop listening.
_PageQueue: TypeAlias = (
    "queue.Queue[tuple[str, int, int] | None] | multiprocessing.queues.Queue[tuple[str, int, int] | None]"
)

_MAX_RESTARTS = 3
#: The opened article's summary and entities come in one job up to this size (about p95 of news
#: articles): entities take about 2 ms per 1,000 characters there.
TOGETHER_UP_TO_BYTES = 16_000


def _file_size(path: str) -> float:
    try:
        return os.path.getsize(path)
    except OSError:
        return float("inf")


class _Lane:
    """One executor and its own queue; at most ``workers`` jobs handed out at a time."""

    def __init__(
        self,
        name: str,
        workers: int,
        context: multiprocessing.context.BaseContext | None,
        analyse: AnalyseFn,
        deliver: Callable[[Outcome], None],
        lock: threading.RLock,
        pages: PageChannel,
    ) -> None:
        self.name = name
        self._pages = pages
        self.workers = workers
        self._context = context
        self._analyse = analyse
        self._deliver = deliver
        self._lock = lock
        self.queue = JobQueue()
        self.running: set[Future[Outcome]] = set()
        self._executor: Executor | None = None
        self._restarts = 0
        self.started = False
        self.closed = False
        self._warm_models_later = False
        self._entities = True

    def _pool(self) -> Executor:
        if self._executor is None:
            if self._context is None:
                self._executor = ThreadPoolExecutor(
                    self.workers,
                    thread_name_prefix=f"analyse-{self.name}",
                    initializer=listen_for_pages,
                    initargs=(self._pages,),
                )
            else:
                self._executor = ProcessPoolExecutor(
                    self.workers,
                    mp_context=self._context,
                    initializer=init_worker,
                    initargs=(self.name == "back", os.getpid(), self._pages),
                )
        return self._executor

    def start(self, entities: bool, then: Callable[[], None] | None = None, models: bool = True) -> None:
        """Start the processes and load the pipeline in each; ``then`` runs when the first is ready.

        With ``models`` False only the modules load now (enough for cache hits);
        the models load right after the first job.
        """
        with self._lock:
            if self.closed:
                return
            self.started = True
            self._warm_models_later = not models
            self._entities = entities
            if self._context is None:  # threads share this process: nothing to warm up
                futures = []
            else:
                pool = self._pool()
                futures = [pool.submit(warm_up, entities, models) for _ in range(self.workers)]
        if then is not None:
            if futures:
                futures[0].add_done_callback(lambda _future: then())
            else:
                then()
        self.pump()

    def pump(self) -> None:
        with self._lock:
            while self.started and not self.closed and self.queue and len(self.running) < self.workers:
                job = self.queue.popleft()
                try:
                    future = self._pool().submit(run_job, self._analyse, job)
                except (BrokenProcessPool, RuntimeError) as exc:
                    self._deliver(Outcome(job, error=f"analysis process unavailable ({exc})"))
                    continue
                self.running.add(future)
                future.add_done_callback(partial(self._done, job))

    def _done(self, job: Job, future: Future[Outcome]) -> None:
        with self._lock:
            self.running.discard(future)
        if future.cancelled():
            return
        try:
            outcome = future.result()
        except BrokenProcessPool:
            outcome = Outcome(job, error="the analysis process stopped unexpectedly")
            self._restart()
        except Exception as exc:  # noqa: BLE001
            outcome = Outcome(job, error=f"analysis failed ({type(exc).__name__}: {exc})")
        if not self.closed:
            self._deliver(outcome)
        with self._lock:
            if self._warm_models_later and self._executor is not None and not self.closed:
                self._warm_models_later = False
                self._executor.submit(warm_up, self._entities, True)
        self.pump()

    def _restart(self) -> None:
        with self._lock:
            old, self._executor = self._executor, None
            self._restarts += 1
            if self._restarts > _MAX_RESTARTS:
                self.closed = True
        if old is not None:
            old.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        with self._lock:
            self.closed = True
            self.queue.clear()
            executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:  # do not wait for a long job to finish on quit
            if process.is_alive():
                process.terminate()


class Analyser:
    """Schedules analyses over the two lanes; thread-safe."""

    def __init__(
        self,
        analyse: AnalyseFn,
        deliver: Callable[[Outcome], None] = lambda outcome: None,
        background_workers: int | None = None,
        context: str = "spawn",
    ) -> None:
        """``context``: a multiprocessing start method, or ``"thread"`` to run in this process.

        ``deliver`` may be set later (``analyser.deliver = ...``), before any job is queued.
        """
        cores = os.cpu_count() or 2
        back = background_workers if background_workers is not None else max(1, cores - 1)
        ctx = None if context == "thread" else multiprocessing.get_context(context)
        self.deliver = deliver
        #: ``on_page(path, page, pages)``: a worker is reading that page by OCR (called from a thread).
        self.on_page: Callable[[str, int, int], None] = lambda path, page, pages: None
        self._pages: _PageQueue = queue.Queue() if ctx is None else ctx.Queue()
        self._listener: threading.Thread | None = None
        self._lock = threading.RLock()
        forward = self._forward  # looks ``deliver`` up at each call: it may be set after the lanes
        self.front = _Lane("front", 1, ctx, analyse, forward, self._lock, self._pages)
        self.back = _Lane("back", max(1, back), ctx, analyse, forward, self._lock, self._pages)
        self._front_ready = False

    def _forward(self, outcome: Outcome) -> None:
        self.deliver(outcome)

    def start(self) -> None:
        """Start the front worker, which imports the pipeline (the models load after its first job).

        ``run_app`` calls this before the interface starts, so the worker's
        start-up overlaps the interface's own; the screen calls it again (a
        no-op then). Call it on the main thread. The back lane starts with its
        first job, and only once the front worker is ready: on two cores the
        first summary is not slowed by every process loading models at once,
        and a warm start with everything cached loads no models at all.
        """
        with self._lock:
            if self.front.started:
                return
            self._listener = threading.Thread(target=self._listen, name="analyse-pages", daemon=True)
        self._listener.start()
        if self.front._context is not None:
            start_resource_tracker()
        self.front.start(True, then=self._front_is_ready, models=False)

    def _listen(self) -> None:
        """Pass the workers' OCR page notes on, until ``shutdown``."""
        while True:
            try:
                item = self._pages.get()
            except (EOFError, OSError, ValueError):  # the queue was closed under us
                return
            if item is None:
                return
            try:
                self.on_page(*item)
            except Exception:  # a progress note must not end the listener
                log.debug("page note not shown", exc_info=True)

    def _front_is_ready(self) -> None:
        with self._lock:
            self._front_ready = True
        self._start_back_if_due()

    def _start_back_if_due(self) -> None:
        with self._lock:
            due = self._front_ready and bool(self.back.queue) and not self.back.started
        if due:
            self.back.start(True)

    def open(self, path: str, algorithm: str, full: bool = True, entities_shown: bool = False) -> None:
        """The reader opened ``path``: its summary next on the front lane, then its entities.

        With ``entities_shown`` (the entity panel is on screen) the front
        worker finds them too: in the same job for a short article (they add
        a few milliseconds there, where a second result costs the interface
        another repaint), else right after the summary, reusing its words.
        Otherwise they go to the head of the back queue. (Always doing them on the front
        made the next summary wait for them when the reader moves on at once:
        130 ms median / 293 ms p95 to a summary instead of 102 / 131.)
        """
        together = full and entities_shown and _file_size(path) <= TOGETHER_UP_TO_BYTES
        with self._lock:
            self._leave_front()
            self.front.queue.append(Job(path, JobKind.FULL if together else JobKind.SUMMARY, (algorithm,)))
            if full and not together:
                self._entities_next(path, algorithm, entities_shown)
            else:  # nothing more to find, or found by the job above
                self._drop_from_back(path)
        self._pump()

    def entities_first(self, path: str, algorithm: str, entities_shown: bool = False) -> None:
        """Only the full analysis of ``path`` (its summary is already known), before anything else."""
        with self._lock:
            self._entities_next(path, algorithm, entities_shown)
        self._pump()

    def _leave_front(self) -> None:
        """Forget the front's requests for the article the reader has left; any entities it was
        still to find go back to the head of the back queue, so that article is still done."""
        left = self.front.queue.take_full()
        self.front.queue.clear()
        self.back.queue.extendleft(reversed(left))

    def _entities_next(self, path: str, algorithm: str, on_front: bool) -> None:
        self._drop_from_back(path)
        front = self.front.queue
        front.drop(path, JobKind.FULL)
        job = Job(path, JobKind.FULL, (algorithm,))
        if on_front:
            front.append(job)
        else:
            self.back.queue.appendleft(job)

    def _drop_from_back(self, path: str) -> None:
        self.back.queue.drop(path)

    def _pump(self) -> None:
        self.front.pump()
        self._start_back_if_due()
        self.back.pump()

    def resummarise(self, path: str, algorithm: str) -> None:
        """Summarise the opened article with another algorithm (replaces earlier such requests)."""
        with self._lock:
            self.front.queue.drop_kind(JobKind.ALGORITHM)
            self.front.queue.append(Job(path, JobKind.ALGORITHM, (algorithm,)))
        self.front.pump()

    def enqueue(self, paths: Iterable[str], algorithm: str) -> None:
        """Analyse ``paths`` in full in the background, in order."""
        with self._lock:
            self.back.queue.extend_full(paths, (algorithm,))
        self._pump()

    def shutdown(self) -> None:
        self.front.shutdown()
        self.back.shutdown()
        if self._listener is not None:
            self._pages.put(None)
