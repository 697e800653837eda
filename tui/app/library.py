"""What the interface knows of each article: its row's status and the analyses held in memory.

Plain Python, no Textual: the reading screen asks this module what to show and
applies the ``Change`` each call returns to its widgets. The rules live here
once: when an article counts as complete (``Status.DONE``), how a result is
added to what is held (``tui.core.merge``), whether its entities are still to
be found, and which analyses stay in memory (the open one always does).
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from tui.app.articles import Entry, Status
from tui.app.corpus_state import Corpus
from tui.core.export import date_text
from tui.core.merge import adds_to, merge

if TYPE_CHECKING:
    from tui.app.jobs import Outcome
    from tui.core.cache import Header
    from tui.core.model import Analysis

KEEP_ANALYSES = 300  # analyses kept in memory; the rest are re-read (from the cache) when opened


class Entities(Enum):
    """Where a held analysis stands with its entities."""

    PENDING = "pending"  # not looked for yet: only the summary is known
    FOUND = "found"
    FAILED = "failed"  # looked for, and the search failed (``Held.entity_error`` says why)


@dataclass(frozen=True, eq=False)
class Held:
    """An analysis kept in memory, and what is known of its entities (compared by identity:
    comparing analyses field by field would walk every sentence)."""

    analysis: Analysis
    entities: Entities = Entities.PENDING
    entity_error: str = ""


@dataclass(frozen=True)
class Change:
    """What one call changed, so the screen redraws only that."""

    path: str
    row: bool = False  # the entry's title, date or status: redraw its row and the counts
    analysis: bool = False  # what is held for the article: redraw the panes if it is open
    failed: bool = False  # the article has just failed: tell the reader

    def __bool__(self) -> bool:
        return self.row or self.analysis or self.failed


class Library:
    """The articles of the list and the analyses held for them; the open article is never evicted."""

    def __init__(self, entries: Sequence[Entry], keep: int = KEEP_ANALYSES) -> None:
        self.entries = list(entries)
        self.by_path = {e.path: e for e in self.entries}
        self.current: str | None = None
        self._held: OrderedDict[str, Held] = OrderedDict()
        self._keep = max(1, keep)
        # Kept as entries move (only here): the status bar asks after every row and key, and
        # counting 100,000 entries each time cost milliseconds per result.
        states = [entry.state for entry in self.entries]
        self._counts = {state: states.count(state) for state in Status}
        self.corpus = Corpus([e.path for e in self.entries])  # every analysis's entities, kept small

    def extend(self, entries: Sequence[Entry]) -> None:
        """More articles, found after the first ones (listed after them)."""
        self.entries.extend(entries)
        self.by_path.update((e.path, e) for e in entries)
        for entry in entries:
            self._counts[entry.state] += 1
        self.corpus.extend(e.path for e in entries)

    # -- questions ------------------------------------------------------------------------------

    def held(self, path: str) -> Held | None:
        return self._held.get(path)

    def analysis(self, path: str | None) -> Analysis | None:
        held = self._held.get(path) if path is not None else None
        return held.analysis if held is not None else None

    def entities(self, path: str) -> Entities:
        held = self._held.get(path)
        return held.entities if held is not None else Entities.PENDING

    def needs_entities(self, path: str) -> bool:
        """Whether the workers should still look for the entities of ``path``."""
        return self.by_path[path].state is not Status.FAILED and self.entities(path) is Entities.PENDING

    def pending(self) -> list[str]:
        """The articles still to analyse in full, in list order."""
        return [e.path for e in self.entries if e.state is Status.PENDING]

    def readable(self) -> list[str]:
        """The articles that have not failed, in list order."""
        return [e.path for e in self.entries if e.state is not Status.FAILED]

    def counts(self) -> tuple[int, int]:
        """(done, failed)."""
        return self._counts[Status.DONE], self._counts[Status.FAILED]

    def _move(self, entry: Entry, state: Status) -> None:
        self._counts[entry.state] -= 1
        self._counts[state] += 1
        entry.state = state

    def __contains__(self, path: str) -> bool:
        return path in self._held

    def __len__(self) -> int:
        return len(self._held)

    # -- changes --------------------------------------------------------------------------------

    def open(self, path: str) -> Held | None:
        """``path`` is the open article from now on (it stays in memory); what is held for it."""
        self.current = path
        held = self._held.get(path)
        if held is not None:
            self._held.move_to_end(path)
        return held

    def record(self, outcome: Outcome) -> Change:
        """A worker's result: a failure, or an analysis added to what is held."""
        if outcome.error is not None or outcome.analysis is None:
            return self.fail(outcome.path, outcome.error or "analysis failed")
        return self.add(outcome.path, outcome.analysis, outcome.entity_error)

    def fail(self, path: str, reason: str) -> Change:
        entry = self.by_path.get(path)
        if entry is None or entry.state is Status.FAILED:
            return Change(path)
        self._move(entry, Status.FAILED)
        entry.reason = reason
        return Change(path, row=True, failed=True)

    def add(self, path: str, analysis: Analysis, entity_error: str | None = None) -> Change:
        """Merge ``analysis`` into what is held for ``path``.

        Nothing changes (and the held object stays, so a panel is not reset under
        the reader) when it brings no new summary, entities or entity failure.
        """
        entry = self.by_path.get(path)
        if entry is None:
            return Change(path)
        old = self._held.get(path)
        if old is None:
            merged = analysis
        elif adds_to(old.analysis, analysis):
            merged = merge(old.analysis, analysis)
        else:
            merged = old.analysis
        if merged.entities is not None:
            held = Held(merged, Entities.FOUND)
        elif entity_error:
            held = Held(merged, Entities.FAILED, entity_error)
        else:
            held = Held(merged, old.entities if old else Entities.PENDING, old.entity_error if old else "")
        if old is not None and _same(old, held):
            self._held.move_to_end(path)
            return Change(path)
        self._held[path] = held
        self._held.move_to_end(path)
        self._evict()
        self.corpus.add(path, merged)
        if merged.document.title:
            entry.set_title(merged.document.title)
        entry.date = date_text(merged)
        if held.entities is not Entities.PENDING and entry.state is Status.PENDING:
            self._move(entry, Status.DONE)
        return Change(path, row=True, analysis=True)

    def adopt_headers(
        self, found: Sequence[tuple[str, Header]], algorithm: str, folded: Sequence[str] = ()
    ) -> list[Entry]:
        """What the cache holds: titles, dates, and DONE for entries it holds complete.
        ``folded``: each title folded for the filter (by the thread that read them), when known."""
        changed = []
        loose = folded if len(folded) == len(found) else itertools.repeat(None)
        for (path, header), title in zip(found, loose):
            entry = self.by_path.get(path)
            if entry is None or entry.state is Status.FAILED:
                continue
            if header.title:
                entry.set_title(header.title, title)
            entry.date = header.date
            if header.complete(algorithm) and entry.state is Status.PENDING:
                self._move(entry, Status.DONE)
            changed.append(entry)
        return changed

    def _evict(self) -> None:
        """Drop the least recently used analyses beyond ``keep``, never the open article's."""
        while len(self._held) > self._keep:
            victim = next((p for p in self._held if p != self.current), None)
            if victim is None:
                return
            del self._held[victim]


def _same(old: Held, new: Held) -> bool:
    """Nothing new (the analysis compared by identity: ``add`` keeps the held one when nothing is added)."""
    return old.analysis is new.analysis and old.entities is new.entities and old.entity_error == new.entity_error
