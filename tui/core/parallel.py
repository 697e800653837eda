"""One very large text's per-sentence and per-line work spread over the cores, results in order.

Word segmentation and the entities' line rules read one sentence or one line at a time, so a
5 MB report can be cut into contiguous parts, shared by a few processes (each takes the next
part when it is free), and the results put back in order are the same as one process would give.
The other processes are forked children (Linux and macOS): they start in a few milliseconds with
the models already loaded and share the parent's memory until they write to it. This works inside a
worker of a ``multiprocessing`` or ``concurrent.futures`` pool too (a daemonic process may not
start a ``multiprocessing`` child, but may fork). Without ``os.fork``, or when a fork or a child
fails, the part is done in this process instead, with a log line: slower, never different.

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
#: Processes for one text, this one included: the work of a 5 MB report is shared by 2 to 4.
MAX_PROCESSES = 4
#: Parts per process for ``map_parts``: each process takes the next part when it is free, so the
#: last to finish waits at most about one part, whatever the parts cost (the entity rules on 5 MB
#: of short lines, 2 processes: 4.8 → 4.3 s against one part each, cut by an estimate of the cost).
PARTS_PER_PROCESS = 8
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
    """How many parts to cut work on ``size`` characters into: one below ``parallel_from`` or with
    one process, else ``PARTS_PER_PROCESS`` for each process ``map_parts`` will run."""
    count = processes()
    return count * PARTS_PER_PROCESS if count > 1 and size >= parallel_from else 1


def split_weights(weights: Sequence[int], parts: int) -> list[tuple[int, int]]:
    """``(first, stop)`` index ranges cutting ``weights`` into at most ``parts`` contiguous runs
    of about equal total weight; none empty, and one range for nothing to cut."""
    total = sum(weights)
    if parts <= 1 or len(weights) <= 1 or total <= 0:
        return [(0, len(weights))]
    ranges: list[tuple[int, int]] = []
    start = 0
    running = 0
    for index, weight in enumerate(weights):
        target = total * (1 + len(ranges)) / parts
        # Cut before the item that would take the run further past its share than it stays short of it.
        if index > start and len(ranges) < parts - 1 and running + weight - target > target - running:
            ranges.append((start, index))
            start = index
        running += weight
    ranges.append((start, len(weights)))
    return ranges


Result = TypeVar("Result")


def map_parts(work: Callable[[Part], Result], parts: Sequence[Part]) -> list[Result]:
    """``[work(part) for part in parts]``, shared by this process and forked children (as many as
    ``processes()`` allows): each takes the next part as soon as it is free, from a pipe holding
    every part's index, so none waits long for another's last part whatever the parts cost.
    ``work``'s results must be ``marshal``-able."""
    workers = min(processes(), len(parts))
    queue = _queue(len(parts)) if workers > 1 else None
    if queue is None:
        return [work(part) for part in parts]
    children: list[tuple[int, int] | None] = []
    # Frozen objects are left out of a collection: a child that collects would otherwise write
    # to every object of the parent's heap and so copy every page of it.
    gc.freeze()
    try:
        for _ in range(workers - 1):
            children.append(_fork(lambda _: _take(work, parts, queue), None))
    finally:
        gc.unfreeze()
    try:
        results = dict(_take(work, parts, queue))
        for index, child in enumerate(children):
            value = _collect(child) if child is not None else _FAILED
            children[index] = None
            if value is _FAILED:
                log.warning("the parts of a failed child process are done again in this process")
            else:
                results.update(value)  # type: ignore[call-overload]
        return [results[index] if index in results else work(part) for index, part in enumerate(parts)]
    finally:
        os.close(queue)
        for child in children:  # stopped early (an exception, a time limit): leave no child behind
            if child is not None:
                _end(child)


def map_ranges(work: Callable[[int, int], list[Result]], count: int, size: int, parallel_from: int) -> list[Result]:
    """``work(0, count)``, or for ``size`` characters of ``parallel_from`` or more ``work(first,
    stop)`` over even ranges of ``0 … count`` in parts (``map_parts``), the results joined in order:
    for items each read on its own (a sentence's reasons, a mention's role)."""
    cuts = split_weights([1] * count, parts_for(size, parallel_from))
    return [result for part in map_parts(lambda cut: work(*cut), cuts) for result in part]


def _queue(count: int) -> int | None:
    """The read end of a pipe holding the indexes ``0 … count - 1``, four bytes each, and nothing
    more to come; None if there is no pipe. A pipe is read under a lock (Linux, macOS), so
    processes reading four bytes at a time each get whole indexes, and each index once."""
    try:
        read, write = os.pipe()
    except OSError as exc:
        log.warning("no pipe to share parts (%s): they are done in this process", exc)
        return None
    with os.fdopen(write, "wb") as out:  # a pipe holds 64 KB: 16,000 indexes, far more than asked
        out.write(b"".join(index.to_bytes(4, "little") for index in range(count)))
    return read


def _take(work: Callable[[Part], Result], parts: Sequence[Part], queue: int) -> list[tuple[int, Result]]:
    """``(index, work(part))`` for each part this process takes from ``queue`` until it is empty."""
    done: list[tuple[int, Result]] = []
    while len(taken := os.read(queue, 4)) == 4:
        index = int.from_bytes(taken, "little")
        done.append((index, work(parts[index])))
    return done


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
