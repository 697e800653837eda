"""The list filter: titles matched at once, article texts searched on disk. Plain Python (no Textual).

The folded texts of 100,000 articles are hundreds of megabytes: held in memory they took the
interface to 877 MB. They go to one unnamed temporary file instead (in the cache folder; the
system removes it when the interface ends, even by a crash), one text after another with a NUL
between them, and a search reads it back in large slices. A query typed on is searched only in
the texts that held its start, and those read since.

In the interface the texts are searched in a worker: each keystroke shows the rows whose title
holds the query (with the rows whose text held its start, when it only grew) and the text hits
follow; ``filter_entries(..., wait_texts=True)`` gives the same final result in one call.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import operator
import os
import tempfile
import threading
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from tui.app.articles import Entry, Status, read_loose_text
from tui.core.fold import fold_loose

log = logging.getLogger(__name__)

_PATH = operator.attrgetter("path")
_STATE = operator.attrgetter("state")
_SLICE = 16 * 1024 * 1024  # bytes read at a time by a search over every text
_SEPARATOR = b"\0"  # between two texts: a folded query never holds it, so no hit spans two texts


class IndexState(Enum):
    IDLE = "idle"  # nothing read: the first filter starts the reading
    FILLING = "filling"  # texts being read; titles match meanwhile
    READY = "ready"


@dataclass(frozen=True, slots=True)
class TextHits:
    """The articles whose text holds ``needle``, among the first ``generation`` texts read."""

    needle: bytes
    generation: int
    paths: frozenset[str]


def needle_of(query: str) -> str:
    """The query as titles and texts are searched for it (folded, spaces made single)."""
    return fold_loose(query).strip()


class TextIndex:
    """Folded article texts for the filter; filled in the background, searched on demand.

    Thread-safe: one thread fills it, another searches it, the interface reads ``hits``.
    """

    def __init__(self, folder: Path | None = None) -> None:
        """``folder``: where the temporary file goes (the cache folder; the system's when None
        or when it cannot be used)."""
        self._folder = folder
        self._file: int | None = None  # the descriptor, opened with the first text
        self._closed = False  # the interface is ending: a reading thread stops
        self._size = 0
        self._starts = array("q")  # where each text starts in the file, in the order read
        self._paths: list[str] = []
        self._numbers: dict[str, int] = {}  # the position of each path's text
        self._lock = threading.Lock()
        self.state = IndexState.IDLE  # moved by the interface's thread only
        self.hits: TextHits | None = None  # the last search that ended

    def begin(self) -> bool:
        """Whether the texts are still to be read (and now are being read)."""
        if self.state is not IndexState.IDLE:
            return False
        self.state = IndexState.FILLING
        return True

    @property
    def generation(self) -> int:
        """The number of texts held (texts are only ever added)."""
        return len(self._paths)

    def fill(self, paths: Iterable[str], stop: Callable[[], bool] | None = None) -> None:
        for path in paths:
            if stop is not None and stop():
                return
            if path in self._numbers:
                continue
            text = read_loose_text(path).encode("utf-8", errors="replace").replace(_SEPARATOR, b" ")
            with self._lock:
                if self._closed:
                    return
                descriptor = self._descriptor()
                os.pwrite(descriptor, text + _SEPARATOR, self._size)
                self._starts.append(self._size)
                self._size += len(text) + 1
                self._numbers[path] = len(self._paths)
                self._paths.append(path)  # after the text: a search never sees a path without it

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._file is not None:
                os.close(self._file)
                self._file = None

    def _descriptor(self) -> int:
        if self._file is None:
            folder = self._folder if self._folder is not None and self._folder.is_dir() else None
            try:
                with tempfile.TemporaryFile(dir=folder) as handle:
                    self._file = os.dup(handle.fileno())
            except OSError:  # the cache folder refuses it: the system's temporary folder
                with tempfile.TemporaryFile() as handle:
                    self._file = os.dup(handle.fileno())
        return self._file

    # -- searching --------------------------------------------------------------------------------

    def exact(self, needle: str) -> bool:
        """Whether ``hits`` is the text search for ``needle``: over every text read, or, while
        they are still being read, over those read when it ran (the end of the reading filters
        again)."""
        hits = self.hits
        if hits is None or hits.needle != needle.encode("utf-8", errors="replace"):
            return False
        return hits.generation == self.generation or self.state is IndexState.FILLING

    def likely(self, needle: str) -> frozenset[str]:
        """Texts that may hold ``needle`` before it is searched: those that held the last query
        when ``needle`` only grew from it, else none."""
        hits = self.hits
        if hits is not None and hits.needle in needle.encode("utf-8", errors="replace"):
            return hits.paths
        return frozenset()

    def search(self, needle: str, stop: Callable[[], bool] | None = None) -> TextHits | None:
        """The texts holding ``needle`` (kept as ``hits``); None when ``stop`` said so first."""
        wanted = needle.encode("utf-8", errors="replace")
        with self._lock:
            generation, size = len(self._paths), self._size
            descriptor = self._file
        hits = self.hits
        try:
            if descriptor is None or not wanted or _SEPARATOR in wanted:
                found: set[str] | None = set()
            elif hits is not None and hits.needle in wanted:
                # typed on: only the texts that held the shorter query, and those read since, can hold it
                among = [self._numbers[path] for path in hits.paths]
                found = self._search_among(descriptor, wanted, among, size, stop)
                if found is not None:
                    found |= self._search_all(descriptor, wanted, hits.generation, generation, size, stop) or set()
            else:
                found = self._search_all(descriptor, wanted, 0, generation, size, stop)
        except OSError as exc:  # the file closed under the search: the interface is ending
            log.info("text search stopped: %s", exc)
            return None
        if found is None or (stop is not None and stop()):
            return None
        result = TextHits(wanted, generation, frozenset(found))
        self.hits = result
        return result

    def _end(self, number: int, size: int) -> int:
        return self._starts[number + 1] if number + 1 < len(self._starts) else size

    def _search_among(
        self, descriptor: int, wanted: bytes, among: list[int], size: int, stop: Callable[[], bool] | None
    ) -> set[str] | None:
        found = set()
        for count, number in enumerate(sorted(among)):
            if stop is not None and count % 512 == 0 and stop():
                return None
            start = self._starts[number]
            if wanted in os.pread(descriptor, self._end(number, size) - start, start):
                found.add(self._paths[number])
        return found

    def _search_all(
        self, descriptor: int, wanted: bytes, first: int, last: int, size: int, stop: Callable[[], bool] | None
    ) -> set[str] | None:
        """Texts ``first`` to ``last`` (excluded) holding ``wanted``, read a slice at a time; after
        a hit the search goes on at the next text."""
        found: set[str] = set()
        starts = self._starts
        number = first
        while number < last:
            if stop is not None and stop():
                return None
            base = starts[number]
            end_number = max(number + 1, bisect.bisect_right(starts, base + _SLICE, number, last) - 1)
            end = starts[end_number] if end_number < last else (self._end(last - 1, size) if last else base)
            data = os.pread(descriptor, end - base, base)
            at = data.find(wanted)
            while at != -1:
                hit = bisect.bisect_right(starts, base + at, number, end_number) - 1
                found.add(self._paths[hit])
                if hit + 1 >= end_number:
                    break
                at = data.find(wanted, starts[hit + 1] - base)
            number = end_number
        return found


def title_hits(entries: Sequence[Entry], needle: str) -> list[bool]:
    return [needle in title for title in Entry.loose_titles(entries)]


def filter_entries(entries: Sequence[Entry], query: str, index: TextIndex, wait_texts: bool = True) -> list[Entry]:
    """Entries whose title or text holds the phrase ``query``; case, diacritics and spacing ignored.

    ``wait_texts``: the texts are searched now; otherwise the last text search is used when it
    was for this query, else the texts that held its start (``TextIndex.likely``), and the
    caller searches the texts (``TextIndex.search``) and filters again.
    """
    needle = needle_of(query)
    if not needle:
        return list(entries)
    if wait_texts and not index.exact(needle):
        index.search(needle)
    texts = index.hits.paths if index.exact(needle) and index.hits is not None else index.likely(needle)
    shown = title_hits(entries, needle)
    if texts:  # (passes made by C calls: a Python loop over 100,000 rows took 70 ms a keystroke)
        in_text: Iterable[bool] = map(texts.__contains__, map(_PATH, entries))
        if Status.FAILED in map(_STATE, entries):  # a failed article's text is not searched
            in_text = (hit and entry.state is not Status.FAILED for hit, entry in zip(in_text, entries))
        shown = list(map(operator.or_, shown, in_text))
    return list(itertools.compress(entries, shown))
