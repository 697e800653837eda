"""Worker processes that end with the program they work for, and how many of them to start.

A worker pool left behind by a program killed with ``kill -9`` keeps its memory (hundreds of
megabytes of models) until the machine restarts. Each worker watches the program that
started the pool and exits when it is gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

log = logging.getLogger(__name__)

#: How often a worker checks that its program is still there (the most it outlives it by).
POLL_SECONDS = 0.5
#: Memory one analysis worker may take (models plus a large article): the cap on ``--jobs``.
WORKER_BYTES = 400_000_000
#: The longest the analysis of one file may take, in the interface and in ``index``: then it is
#: reported as failed. The largest accepted file (5 MB) takes well under this, and so does a
#: worker's first job, which also loads the models.
JOB_SECONDS = 120.0

_PR_SET_PDEATHSIG = 1


def die_with(program: int, *, parent_signal: bool) -> None:
    """In a worker's initializer: exit when process ``program`` (the one using the pool) ends.

    A thread polls every ``POLL_SECONDS``: the worker exits when ``program`` is gone or the
    worker's parent changed (it was re-parented: its parent died). When the parent is a
    forkserver that ``program`` started, the worker ends that too: it serves only ``program``.

    ``parent_signal``: also ask Linux to kill the worker the moment its parent dies
    (``PR_SET_PDEATHSIG``). Only for a single-threaded parent such as a forkserver: the signal
    fires when the *thread* that started the worker ends, and a pool in a threaded program
    starts workers from whichever thread submits a job.
    """
    parent = os.getppid()
    if parent_signal:
        set_parent_death_signal()
    if not alive(program) or os.getppid() != parent:  # gone before the watch began
        os._exit(1)
    watch = threading.Thread(target=_watch, args=(program, parent), name="watch-program", daemon=True)
    watch.start()


def _watch(program: int, parent: int) -> None:
    while True:
        time.sleep(POLL_SECONDS)
        if os.getppid() == parent and alive(program):
            continue
        if parent != program and os.getppid() == parent:  # our forkserver: end it with us
            with contextlib.suppress(OSError):  # it may be gone already
                os.kill(parent, signal.SIGKILL)
        os._exit(1)


class TimeLimitExceeded(Exception):
    """The work took longer than it may; ``reason`` says so in words."""

    def __init__(self, seconds: float) -> None:
        self.reason = f"analysis took over {seconds:g} s; stopped"
        super().__init__(self.reason)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in the block after ``seconds`` (in a worker process's main
    thread, on Unix; elsewhere the block runs without a limit).

    The signal interrupts Python code, where the slow paths of the pipeline are; a single long
    call into C finishes first.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Overtime(BaseException):
    """Raised into a thread over its ``thread_time_limit``; a BaseException, so that code which
    reports any ``Exception`` as a failed analysis (``index``'s job) does not swallow it."""


@contextmanager
def thread_time_limit(seconds: float) -> Iterator[None]:
    """Raise ``Overtime`` in the block after ``seconds``, in any thread.

    A Dask worker runs tasks in threads, which ``time_limit``'s alarm signal cannot reach: a
    timer raises the exception into the thread instead. Like the signal, it interrupts Python
    code; a single long call into C finishes first.
    """
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"running": True, "raised": False}

    def expire() -> None:
        with lock:
            if state["running"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(Overtime))
                state["raised"] = True

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["running"] = False
            if state["raised"]:  # raised but maybe not delivered yet: withdrawn, the block is over
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.c_void_p(0))


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            state = handle.read().rpartition(b")")[2].split()[0]
    except (OSError, IndexError):
        return True  # no /proc: trust kill()
    return state not in (b"Z", b"X")


def set_parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            log.warning("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    except OSError as exc:  # no libc to load: the watch thread still ends the worker
        log.warning("cannot set the parent-death signal (%s)", exc)


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def max_workers(requested: int | None) -> int:
    """Workers to start: the request, at most one per core this process may use and one per
    ``WORKER_BYTES`` of available memory; at least one."""
    cores = usable_cores()
    limit = min(cores, max(1, available_memory() // WORKER_BYTES))
    return max(1, min(requested or cores, limit))


def available_memory() -> int:
    """Bytes of memory available for new processes (Linux ``MemAvailable``; else physical memory)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (OSError, ValueError, AttributeError):
        return WORKER_BYTES * (os.cpu_count() or 1)  # unknown: let the cores decide
