"""The corpus as the interface knows it: the entities of every analysed article, kept small.

Plain Python (no Textual). The library hands over each analysis it adds and a
worker reads the rest from the cache; each article keeps only what the corpus
table reads (its entity groups and date), so thousands of articles cost little
memory. The table itself is ``tui.core.corpus.corpus_entities``, made again only
when an article was added since the last time. Thread-safe: the interface's
thread and a cache-reading worker add at the same time.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from tui.core.model import Analysis, Document, Entity, EntityGroup

if TYPE_CHECKING:  # the corpus code loads with the first corpus view, not before the list paints
    from tui.core.corpus import CorpusEntity

# What the corpus screen lists: people, organisations, places, documents and figures (dates are
# in every article and say nothing of who or what it is about).
CORPUS_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "DOC", "NUM")


class Filling(Enum):
    """Where the reading of the cached analyses stands."""

    IDLE = "idle"  # not started: the first corpus view starts it
    READING = "reading"
    DONE = "done"


# Stands for every mention in a slim analysis: the table reads how many mentions a group has,
# not where they are (opening an article marks them from its full analysis).
_MENTION = Entity("", 0, 0, "")


def slim(analysis: Analysis) -> Analysis:
    """What the corpus table reads of ``analysis``: its date, and each group's type, name, role
    and number of mentions. No text, sentences, summaries or mention places: 2,000 articles
    held this way take a few megabytes, not tens."""
    document = analysis.document
    kept = Document(document.path, "", document.encoding, title=document.title, date=document.date)
    groups = tuple(
        EntityGroup(g.type, g.name, (_MENTION,) * len(g.mentions), role=g.role) for g in analysis.groups or ()
    )
    return Analysis(kept, (), {}, None, groups if analysis.groups is not None else None)


@dataclass(frozen=True)
class CorpusRows:
    """A table of the corpus and how many articles it was made from."""

    entities: tuple[CorpusEntity, ...]
    articles: int

    def matching(self, query: str, kind: str | None = None) -> list[CorpusEntity]:
        """The rows whose name matches ``query`` (diacritics optional; all when empty), of ``kind``."""
        from tui.core.corpus import search

        rows: Iterable[CorpusEntity] = self.entities
        if kind is not None:
            rows = [e for e in rows if e.type == kind]
        return search(rows, query) if query.strip() else list(rows)


class Corpus:
    """The slim analyses with entities, by path; ``rows()`` is the corpus table in list order."""

    def __init__(self, order: Sequence[str]) -> None:
        self._order = {path: n for n, path in enumerate(order)}
        self._slim: dict[str, Analysis] = {}
        self._lock = threading.Lock()  # the slim analyses and the table
        self._making = threading.Lock()  # one table made at a time
        self._rows: CorpusRows | None = None
        self._version = 0  # additions so far: a table made meanwhile is not kept
        self.filling = Filling.IDLE
        self.to_read = 0  # cached analyses the worker is reading, and how many it has read
        self.read = 0

    def extend(self, paths: Iterable[str]) -> None:
        """More articles, after those known (the list found them later)."""
        with self._lock:
            for path in paths:
                self._order.setdefault(path, len(self._order))

    def add(self, path: str, analysis: Analysis) -> bool:
        """Keep ``analysis``'s entities; True when the corpus changed (it has entities and is new)."""
        if analysis.groups is None or path not in self._order:
            return False
        with self._lock:
            made = slim(analysis)
            known = self._slim.get(path)
            if known is not None and known.groups == made.groups:
                return False
            self._slim[path] = made
            self._rows = None
            self._version += 1
        return True

    @property
    def version(self) -> int:
        """Changes with every addition: a view compares it with the one it showed."""
        return self._version

    def __contains__(self, path: str) -> bool:
        return path in self._slim

    def __len__(self) -> int:
        return len(self._slim)

    def missing(self, paths: Iterable[str]) -> list[str]:
        """Those of ``paths`` whose entities are not known yet."""
        return [p for p in paths if p not in self._slim]

    def ready(self) -> CorpusRows | None:
        """The corpus table when it is already made for every article added so far."""
        return self._rows

    def rows(self) -> CorpusRows:
        """The corpus table (made again only after an addition; one caller makes it while the
        others wait for it, rather than making it twice)."""
        from tui.core.corpus import corpus_entities

        with self._making:
            with self._lock:
                rows = self._rows
                if rows is not None:
                    return rows
                items = sorted(self._slim.items(), key=lambda item: self._order[item[0]])
                version = self._version
            made = CorpusRows(tuple(corpus_entities(items, CORPUS_TYPES)), len(items))
            with self._lock:
                if self._version == version:  # nothing added meanwhile: keep it
                    self._rows = made
            return made


TYPE_LABELS: dict[str, str] = {"PER": "person", "ORG": "org", "LOC": "place", "DOC": "doc", "NUM": "figure"}


def date_label(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date is not None else ""


def roles_line(entity: CorpusEntity) -> str:
    """Each role the articles state, once, with the date of the first article stating it, by date."""
    seen: dict[str, dt.date | None] = {}
    for role in entity.roles:  # already by date, undated last
        name = " ".join(role.role.split())
        if name not in seen:
            seen[name] = role.date
    return "; ".join(f"{name} ({date_label(date)})" if date else name for name, date in seen.items())


def gather(
    paths: Iterable[str], held: Mapping[str, Analysis], read: Callable[[str], Analysis | None] | None
) -> tuple[list[tuple[str, Analysis]], int]:
    """The full analyses with entities of ``paths``, in their order: those ``held`` in memory, the
    others from ``read`` (the cache; None: no cache); and how many of ``paths`` have none yet."""
    items: list[tuple[str, Analysis]] = []
    missing = 0
    for path in paths:
        analysis = held.get(path)
        if analysis is None and read is not None:
            analysis = read(path)
        if analysis is None or analysis.groups is None:
            missing += 1
        else:
            items.append((path, analysis))
    return items, missing
