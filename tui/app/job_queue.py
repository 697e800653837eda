"""A lane's queue of analysis jobs (no Textual, no processes: a plain data structure)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from tui.app.jobs import Job, JobKind


class JobQueue:
    """A lane's queue: jobs asked for one by one, then whole lists of articles to analyse in full.

    A list (100,000 articles on a large archive) is kept as it was given and a ``Job`` made
    for one article only when a worker is free for it, so queueing costs no time before the
    interface answers and no memory per article. Dropping an article from the lists is a set
    entry, not a walk through them.
    """

    def __init__(self) -> None:
        self._head: deque[Job] = deque()
        self._lists: deque[tuple[int, list[str], tuple[str, ...]]] = deque()  # (number, paths, algorithms)
        self._place = 0  # the next path of the first list
        self._lists_made = 0
        self._dropped: dict[str, int] = {}  # path -> number of the last list it is dropped from

    def append(self, job: Job) -> None:
        self._head.append(job)

    def appendleft(self, job: Job) -> None:
        self._head.appendleft(job)

    def extendleft(self, jobs: Iterable[Job]) -> None:
        self._head.extendleft(jobs)

    def extend_full(self, paths: Iterable[str], algorithms: tuple[str, ...]) -> None:
        """Every one of ``paths`` to analyse in full, after everything queued so far."""
        listed = list(paths)
        if listed:
            self._lists_made += 1
            self._lists.append((self._lists_made, listed, algorithms))

    def drop(self, path: str, kind: JobKind | None = None) -> None:
        """Take ``path``'s jobs (of ``kind``, or all) out of the queue; the lists hold FULL jobs only."""
        for job in [j for j in self._head if j.path == path and kind in (None, j.kind)]:
            self._head.remove(job)
        if kind in (None, JobKind.FULL) and self._lists:
            self._dropped[path] = self._lists_made

    def drop_kind(self, kind: JobKind) -> None:
        for job in [j for j in self._head if j.kind is kind]:
            self._head.remove(job)

    def take_full(self) -> list[Job]:
        """The FULL jobs asked for one by one (the lists stay)."""
        taken = [job for job in self._head if job.kind is JobKind.FULL]
        self._head = deque(job for job in self._head if job.kind is not JobKind.FULL)
        return taken

    def popleft(self) -> Job:
        if self._head:
            return self._head.popleft()
        job = self._next_listed()
        if job is None:
            raise IndexError("pop from an empty queue")
        self._place += 1
        return job

    def clear(self) -> None:
        self._head.clear()
        self._lists.clear()
        self._place = 0
        self._dropped.clear()

    def _next_listed(self) -> Job | None:
        """The next listed job not dropped (moving past dropped ones and finished lists)."""
        while self._lists:
            number, paths, algorithms = self._lists[0]
            while self._place < len(paths):
                path = paths[self._place]
                if self._dropped.get(path, 0) < number:
                    return Job(path, JobKind.FULL, algorithms)
                self._place += 1
            self._lists.popleft()
            self._place = 0
        return None

    def __bool__(self) -> bool:
        return bool(self._head) or self._next_listed() is not None

    def __iter__(self) -> Iterator[Job]:
        """Every job in the order they will be handed out (made one by one: for tests and checks)."""
        yield from self._head
        for position, (number, paths, algorithms) in enumerate(self._lists):
            for path in paths[self._place if position == 0 else 0 :]:
                if self._dropped.get(path, 0) < number:
                    yield Job(path, JobKind.FULL, algorithms)
