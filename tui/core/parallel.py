"""One very large text's per-sentence and per-line work spread over the cores, results in order.

Word segmentation and the entities' line rules read one sentence or one line at a time, so a
5 MB report can be cut into a few contiguous parts, each handled by a process of its own, and
the results put back in order are the same as one process would give. The other processes are
forked children (Linux and macOS): they start in a few milliseconds with the models already
loaded and share the parent's memory until they write to it. This works inside a worker of a
``multiprocessing`` or ``concurrent.futures`` pool too (a daemonic process may not start a
``multiprocessing`` child, but may fork). Without ``os.fork``, or when a fork or a child fails,
the part is done in this process instead, with a log line: slower, never different.

A child's result crosses the pipe as ``marshal`` data (plain lists, tuples, numbers, strings,
bytes): nothing read back can run code, and the writer is this program's own child.
"""

from __future__ import annotations

import gc
import logging
import marshal
import os
import signal
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any, TypeVar

from tui.core.lifetime import available_memory, set_parent_death_signal, usable_cores

log = logging.getLogger(__name__)

#: Texts shorter than this stay in one process: a fork costs more than it saves on them, and the
#: 2,000 bench articles (the longest 31,000 characters) never reach it.
PARALLEL_MIN_CHARS = 1_000_000
#: Processes for one text, this one included: the work of a 5 MB report is done in 2 to 4 parts.
MAX_PROCESSES = 4
#: Memory a child adds beyond what it shares with its parent, at most: its part's features and
#: tokens, and the parent's pages it copies by writing into them (5 MB of news in two parts:
#: about 40 MB a child; 5 MB of nested brackets, a token per character: about 260 MB). The cap
#: on children where memory is short.
CHILD_BYTES = 300_000_000

Part = TypeVar("Part")


def processes() -> int:
    """Processes to use for one large text: one per core this process may run on, at most
    ``MAX_PROCESSES`` and one per ``CHILD_BYTES`` of available memory beyond this one."""
    if not hasattr(os, "fork"):
        return 1
    cores = usable_cores()
    return max(1, min(cores, MAX_PROCESSES, 1 + available_memory() // CHILD_BYTES))


def parts_for(size: int, parallel_from: int) -> int:
    """How many parts to cut work on ``size`` characters into: one below ``parallel_from``."""
    return processes() if size >= parallel_from else 1


def split_weights(weights: Sequence[int], parts: int, first: float = 1.0) -> list[tuple[int, int]]:
    """``(first, stop)`` index ranges cutting ``weights`` into at most ``parts`` contiguous runs
    of about equal total weight, the first ``first`` times as heavy as the others (less, when
    this process has more to do after ``map_parts``); none empty, and one range for nothing to cut."""
    total = sum(weights)
    if parts <= 1 or len(weights) <= 1 or total <= 0:
        return [(0, len(weights))]
    shares = first + parts - 1
    ranges: list[tuple[int, int]] = []
    start = 0
    running = 0
    for index, weight in enumerate(weights):
        target = total * (first + len(ranges)) / shares
        # Cut before the item that would take the run further past its share than it stays short of it.
        if index > start and len(ranges) < parts - 1 and running + weight - target > target - running:
            ranges.append((start, index))
            start = index
        running += weight
    ranges.append((start, len(weights)))
    return ranges


Result = TypeVar("Result")


def map_parts(work: Callable[[Part], Result], parts: Sequence[Part]) -> list[Result]:
    """``[work(part) for part in parts]``: the first part in this process, each other in a forked
    child at the same time. ``work``'s results must be ``marshal``-able."""
    if len(parts) <= 1 or not hasattr(os, "fork"):
        return [work(part) for part in parts]
    children: list[tuple[int, int] | None] = []
    # Frozen objects are left out of a collection: a child that collects would otherwise write
    # to every object of the parent's heap and so copy every page of it.
    gc.freeze()
    try:
        for part in parts[1:]:
            children.append(_fork(work, part))
    finally:
        gc.unfreeze()
    try:
        results: list[Any] = [work(parts[0])]
        for index, child in enumerate(children, start=1):
            value = _collect(child) if child is not None else _FAILED
            children[index - 1] = None
            if value is _FAILED:
                log.warning("part %d of %d done again in this process: its child process failed", index + 1, len(parts))
                value = work(parts[index])
            results.append(value)
        return results
    finally:
        for child in children:  # stopped early (an exception, a time limit): leave no child behind
            if child is not None:
                _end(child)


_FAILED = object()


def _fork(work: Callable[[Part], Any], part: Part) -> tuple[int, int] | None:
    """A child computing ``work(part)`` into a pipe: ``(pid, read end)``; None if it cannot start."""
    try:
        read, write = os.pipe()
    except OSError as exc:
        log.warning("no pipe for a child process (%s): the part is done in this process", exc)
        return None
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError as exc:
        os.close(read)
        os.close(write)
        log.warning("cannot fork (%s): the part is done in this process", exc)
        return None
    if pid == 0:  # the child: never returns, and runs none of the parent's exit handlers
        status = 1
        try:
            os.close(read)
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the parent, which ends us
            _die_with(parent)
            data = marshal.dumps(work(part))
            with os.fdopen(write, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _die_with(parent: int) -> None:
    """Linux: the child is killed when the thread that forked it ends (the parent stops waiting)."""
    set_parent_death_signal()
    if os.getppid() != parent:  # the parent ended before the signal was set
        os._exit(1)


def _collect(child: tuple[int, int]) -> object:
    """The child's result, or ``_FAILED`` (it exited with an error or sent no valid data)."""
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return _FAILED
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return _FAILED


def _end(child: tuple[int, int]) -> None:
    pid, read = child
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with suppress(OSError):  # already closed if the child was being read when we were stopped
        os.close(read)
    with suppress(ChildProcessError):
        os.waitpid(pid, 0)
