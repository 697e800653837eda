"""The list's articles found in a thread: the first rows before the interface starts, the rest
in batches while it runs. Plain Python (no Textual).

A list of 100,000 articles would otherwise wait for the whole folder walk (and a row made per
file) before its first paint; the walk gives files in their final order as it goes
(``tui.core.loader.find_articles``), so the rows known first are the list's first rows.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Iterable, Iterator

from tui.app.articles import READ_TITLES_UP_TO, Entry, make_entry
from tui.core.loader import LoadError, find_articles

log = logging.getLogger(__name__)

FIRST_ROWS = 1_000  # found before the interface starts: more than a screenful, one folder or two


class Walk(threading.Thread):
    """The rest of a walk ``open_entries`` began; ``take`` hands over what it found since."""

    def __init__(self, found: Iterator[str | LoadError]) -> None:
        super().__init__(name="walk", daemon=True)
        self._found = found
        self._lock = threading.Lock()
        self._new: list[Entry] = []
        self._finished = False

    def run(self) -> None:
        try:
            for item in self._found:  # one at a time: a slow folder holds back no row found before it
                entry = make_entry(item)
                with self._lock:
                    self._new.append(entry)
        except Exception:  # an unexpected fault: the rows found so far stay listed
            log.exception("the folder walk stopped")
        finally:
            with self._lock:
                self._finished = True

    def take(self) -> tuple[list[Entry], bool]:
        """The entries found since the last call, and whether the walk has ended (then there
        are no more to take)."""
        with self._lock:
            new, self._new = self._new, []
            return new, self._finished


def open_entries(
    paths: Iterable[str], first: int = FIRST_ROWS, read_titles: int = READ_TITLES_UP_TO
) -> tuple[list[Entry], Walk | None]:
    """The first ``first`` entries under ``paths`` and the walk that will find the rest (not
    started: the interface starts it once it has painted), or every entry and None.

    A list that ends within ``read_titles`` articles is titled by first lines, as
    ``build_entries`` does; longer ones by file names until the first lines are read.
    """
    found = find_articles(paths)
    wanted = max(first, read_titles + 1)
    head = list(itertools.islice(found, wanted))
    titled = len(head) <= read_titles
    entries = [make_entry(item, titled) for item in head]
    return entries, Walk(found) if len(head) == wanted else None
