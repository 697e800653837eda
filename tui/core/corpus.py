"""The entities of many articles at once: who and what appears across the corpus.

Each article's groups (``tui.core.entities.grouping``) are already one per entity within the
article: a person with and without title, ``đồng chí Mai`` after ``Trương Thị Mai``, a
resolution's short form. Across articles they merge by the same key the article used
(``grouping.entity_key``: NFC text folded to lower case, spaces collapsed), and a person's short
form joins a full name only when one full name in the corpus ends with it
(``grouping.person_keys``, the rule an article applies to its own mentions). One pass over the
groups: linear in the number of entities the articles name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property

from tui.core.collector import paused_collection
from tui.core.entities.grouping import entity_key, person_keys
from tui.core.fold import fold_query
from tui.core.model import ENTITY_TYPES, Analysis, Entity

_TYPE_ORDER = {kind: n for n, kind in enumerate(ENTITY_TYPES)}


@dataclass(frozen=True, slots=True)
class Appearance:
    """An article's group for a corpus entity: the article, its date, the name it uses there."""

    path: str
    date: dt.date | None
    name: str
    mentions: int
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """A role as one article states it for a person, with the article and its date."""

    role: str
    path: str
    date: dt.date | None


@dataclass(frozen=True)
class CorpusEntity:
    """One entity across the corpus: ``articles`` articles name it ``mentions`` times."""

    type: str
    name: str
    key: str
    articles: int
    mentions: int
    paths: tuple[str, ...]  # the articles, in corpus order
    roles: tuple[Role, ...]  # PER: by article date (undated last), one per role and article
    appearances: tuple[Appearance, ...]  # one per article group, in corpus order

    @cached_property
    def folded(self) -> str:
        """The name folded for search (lower case, no diacritics, single spaces); made on the
        first search, not when the table is built."""
        return fold_query(self.name)

    def names_in(self, path: str) -> tuple[str, ...]:
        """The names this entity's groups have in the article ``path`` (to mark its mentions there)."""
        return tuple(a.name for a in self.appearances if a.path == path)


def corpus_entities(items: Iterable[tuple[str, Analysis]], types: Collection[str] = ENTITY_TYPES) -> list[CorpusEntity]:
    """The entities of every analysed article, most widely named first.

    ``items``: (path, analysis) pairs; an analysis without entities adds nothing. Order: articles,
    then mentions (both descending), then type in panel order, then name.
    """
    with paused_collection():
        return _corpus_entities(items, types)


def _corpus_entities(items: Iterable[tuple[str, Analysis]], types: Collection[str]) -> list[CorpusEntity]:
    found: dict[tuple[str, str], list[Appearance]] = {}
    keys: dict[tuple[str, str], tuple[str, str]] = {}  # many articles write the same names
    for path, analysis in items:
        date = analysis.document.date
        for group in analysis.groups or ():
            if group.type not in types:
                continue
            key = keys.get((group.type, group.name))
            if key is None:
                key = keys[(group.type, group.name)] = (group.type, entity_key(group.type, group.name))
            # group.name is already on one line with single spaces (grouping's display name)
            found.setdefault(key, []).append(Appearance(path, date, group.name, group.count, group.role))
    _join_short_names(found)
    rows = [_entity(kind, key, appearances) for (kind, key), appearances in found.items()]
    rows.sort(key=lambda e: (-e.articles, -e.mentions, _TYPE_ORDER.get(e.type, 99), e.key, e.name))
    return rows


def _join_short_names(found: dict[tuple[str, str], list[Appearance]]) -> None:
    """``thị mai`` or ``mai`` joins ``trương thị mai`` when no other full name ends with it."""
    keys = person_keys(key for kind, key in found if kind == "PER")
    for short, full in keys.items():
        if short != full:
            found[("PER", full)].extend(found.pop(("PER", short)))


def _entity(kind: str, key: str, appearances: list[Appearance]) -> CorpusEntity:
    if len(appearances) == 1:  # most entities: one article names them (no choice to make)
        only = appearances[0]
        roles = (Role(only.role, only.path, only.date),) if only.role else ()
        return CorpusEntity(kind, only.name, key, 1, only.mentions, (only.path,), roles, (only,))
    paths = tuple(dict.fromkeys(a.path for a in appearances))
    return CorpusEntity(
        type=kind,
        name=_display_name(kind, appearances),
        key=key,
        articles=len(paths),
        mentions=sum(a.mentions for a in appearances),
        paths=paths,
        roles=_roles(appearances),
        appearances=tuple(appearances),
    )


def _display_name(kind: str, appearances: Sequence[Appearance]) -> str:
    """The name most articles use, then the fullest, then the first seen; for a person the full
    name first (``Nguyễn Văn Toàn`` though more articles wrote ``Văn Toàn``)."""
    used: dict[str, int] = {}
    for a in appearances:
        used[a.name] = used.get(a.name, 0) + 1
    first = {name: -n for n, name in reversed(list(enumerate(used)))}
    if kind == "PER":
        return max(used, key=lambda name: (name.count(" "), used[name], first[name]))
    return max(used, key=lambda name: (used[name], name.count(" "), first[name]))


def _roles(appearances: Sequence[Appearance]) -> tuple[Role, ...]:
    seen = dict.fromkeys(Role(a.role, a.path, a.date) for a in appearances if a.role)
    undated = dt.date.max
    return tuple(sorted(seen, key=lambda r: r.date or undated))  # sorted is stable: corpus order kept


def mentions_in(entity: CorpusEntity, path: str, analysis: Analysis) -> tuple[Entity, ...]:
    """Every mention of ``entity`` in the article at ``path`` (its analysis), in text order:
    what the reading view marks when the article is opened from the corpus."""
    names = set(entity.names_in(path))
    found = (m for g in analysis.groups or () if g.type == entity.type and g.name in names for m in g.mentions)
    return tuple(sorted(found, key=lambda m: m.start))


# ---------------------------------------------------------------- search
class Match(IntEnum):
    """How well a query matches a name; lower is better."""

    EXACT = 0
    PREFIX = 1
    WORD = 2  # the query starts at a word of the name
    INSIDE = 3
    WORDS = 4  # each query word begins some word of the name, in any order


def match_quality(folded_name: str, query: str) -> Match | None:
    """How ``query`` (folded with ``fold_query``) matches a folded name; None when it does not."""
    if not query:
        return None
    if folded_name == query:
        return Match.EXACT
    if folded_name.startswith(query):
        return Match.PREFIX
    at = folded_name.find(query)
    if at > 0:
        return Match.WORD if folded_name[at - 1] == " " or f" {query}" in folded_name else Match.INSIDE
    words = folded_name.split()
    if all(any(w.startswith(q) for w in words) for q in query.split()):
        return Match.WORDS
    return None


def search(entities: Iterable[CorpusEntity], query: str) -> list[CorpusEntity]:
    """The entities whose name matches ``query``, diacritics and case optional, best first
    (then in the order given)."""
    needle = fold_query(query)
    scored = [
        (quality, n, e) for n, e in enumerate(entities) if (quality := match_quality(e.folded, needle)) is not None
    ]
    scored.sort(key=lambda item: (item[0], item[1]))
    return [e for _, _, e in scored]


def named(entities: Iterable[CorpusEntity], query: str) -> list[CorpusEntity]:
    """The entities a user means by ``query``: the best-matching ones (all those exactly named,
    else all those at the best match found)."""
    needle = fold_query(query)
    best: Match | None = None
    chosen: list[CorpusEntity] = []
    for entity in entities:
        quality = match_quality(entity.folded, needle)
        if quality is None or (best is not None and quality > best):
            continue
        if best is None or quality < best:
            best, chosen = quality, []
        chosen.append(entity)
    return chosen


def articles_naming(entities: Iterable[CorpusEntity], query: str) -> set[str]:
    """The paths of the articles that name what ``query`` means (see ``named``)."""
    return {path for entity in named(entities, query) for path in entity.paths}
