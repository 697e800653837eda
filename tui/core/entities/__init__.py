"""Entities of Vietnamese reports and news: PER, ORG, LOC, DATE, DOC, NUM.

Rules follow the annotation guideline of the evaluation set: a domain layer
of patterns and word lists over the text, using underthesea's word list and
tagger for word boundaries (see ``lexicon``). underthesea's own NER is not
called: on these articles it is both slow and mostly wrong.

    entities = extract_entities(document, sentences)
    groups = group_entities(document, entities, sentences)
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from tui.core.collector import paused_collection
from tui.core.entities.bylines import byline, sources, trailing_byline
from tui.core.entities.candidates import Candidate, best_first, choose, choose_more
from tui.core.entities.grouping import group_entities
from tui.core.entities.line import Line
from tui.core.entities.numbers import figures
from tui.core.entities.organisations import organisations
from tui.core.entities.patterns import dates, documents
from tui.core.entities.people import credits, people
from tui.core.entities.places import places
from tui.core.entities.propagate import propagate
from tui.core.model import Document, Entity, Sentence
from tui.core.parallel import PARALLEL_MIN_CHARS, map_parts, parts_for, split_weights

__all__ = ["extract_entities", "group_entities", "scan_regions"]

# Page furniture carries nothing but full date expressions (guideline, "General rules").
_DATES_ONLY = {"boilerplate"}
# Longest line read as one (the longest paragraph of the 2,000 bench articles has 31,000 characters).
_LINE_MAX = 100_000
# The line rules' time per character over the date patterns' (on the bench corpus), to share work.
_LINE_COST = 8
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’)\]]*[^\S\n]+")


def scan_regions(document: Document) -> list[tuple[int, int, str]]:
    """Every line the guideline annotates: title, kicker, body, captions, byline, date lines."""
    regions: dict[tuple[int, int], str] = {}
    if document.title_span is not None:
        regions[(document.title_span.start, document.title_span.end)] = "title"
    for span in document.paragraphs:
        regions[(span.start, span.end)] = "body"
    for removed in document.removed:
        regions[(removed.start, removed.end)] = removed.reason
    return sorted((start, end, kind) for (start, end), kind in regions.items())


@paused_collection()
def extract_entities(
    document: Document, sentences: Sequence[Sentence] = (), parallel_from: int = PARALLEL_MIN_CHARS
) -> list[Entity]:
    """Sorted, non-overlapping entity mentions; ``document.text[e.start:e.end] == e.text``.

    ``sentences`` is accepted for symmetry with the rest of the pipeline; the
    rules read lines of the text directly so headlines and captions count too.
    Lines of ``parallel_from`` characters or more in all are read in parts shared by a few
    processes (``parallel``): the line rules read one line at a time, and ``resolve`` does
    not depend on the order of the candidates, so the entities are the same.
    """
    text = document.text
    regions = scan_regions(document)
    jobs = _jobs(text, regions)
    sizes = [end - start for start, end in zip(jobs.starts, jobs.ends, strict=True)]
    parts = parts_for(sum(sizes), parallel_from)
    # Weighed by what they cost: the line rules take about eight times as long as dates per character.
    cuts = split_weights([size * (_LINE_COST if lines else 1) for size, lines in zip(sizes, jobs.lines)], parts)
    del sizes
    found = map_parts(lambda cut: _job_candidates(text, jobs, *cut), cuts)
    make = tuple.__new__  # Candidate's own __new__ is a Python function: this skips one call a candidate
    candidates = [make(Candidate, fields) for part in found for fields in part]
    del found  # a tuple per candidate: let it go before resolving, when memory peaks
    prose = [(start, end) for start, end, kind in regions if kind in {"body", "caption"}]
    if prose:  # the article's last paragraph may end with its byline
        candidates.extend(trailing_byline(text, *prose[-1]))
    ordered = best_first(candidates)
    del candidates
    first = choose(ordered)
    more = propagate(text, regions, first, parts)
    chosen, lost = choose_more(ordered, first, more.found) if more.found else (first, [])
    if not more.guards.isdisjoint(c.start for c in lost):
        # A mention left out for losing to a candidate that has now lost in turn may win: all again.
        chosen = choose(best_first([*ordered, *propagate(text, regions, first, parts, every=True).found]))
    return [Entity(c.type, c.start, c.end, text[c.start : c.end]) for c in chosen]


class _Jobs(NamedTuple):
    """What the rules read, one at a time: job ``i`` is a region's dates (``lines[i]`` 0) or one line
    part of it, read by the line rules (1). Arrays, not a tuple a job: a forked process that reads
    its part of them writes to none of its parent's objects, which it would otherwise copy page by
    page (a text of a million short lines: about 60 MB a process)."""

    starts: array[int]
    ends: array[int]
    kinds: array[int]  # index into ``kind_names``
    lines: array[int]
    kind_names: tuple[str, ...]


def _jobs(text: str, regions: list[tuple[int, int, str]]) -> _Jobs:
    kind_names = tuple(sorted({kind for _, _, kind in regions}))
    number = {kind: i for i, kind in enumerate(kind_names)}
    jobs = _Jobs(array("q"), array("q"), array("B"), array("B"), kind_names)
    for start, end, kind in regions:
        pieces = [(start, end, 0)]
        if kind not in _DATES_ONLY:
            pieces += [(part_start, part_end, 1) for part_start, part_end in _line_parts(text, start, end)]
        for piece_start, piece_end, lines in pieces:
            jobs.starts.append(piece_start)
            jobs.ends.append(piece_end)
            jobs.kinds.append(number[kind])
            jobs.lines.append(lines)
    return jobs


def _job_candidates(text: str, jobs: _Jobs, first: int, stop: int) -> list[tuple[str, int, int, int]]:
    """The candidates jobs ``first`` to ``stop`` find, as plain tuples (what a child process sends back)."""
    found: list[Candidate] = []
    part = (jobs.starts[first:stop], jobs.ends[first:stop], jobs.kinds[first:stop], jobs.lines[first:stop])
    for start, end, kind, lines in zip(*part, strict=True):
        if lines:
            found.extend(_line_candidates(Line.of(text, start, end, jobs.kind_names[kind])))
        else:
            found.extend(dates(text, start, end))
    return [(c.type, c.start, c.end, c.rank) for c in found]


def _line_parts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The line, or for a line of more than ``_LINE_MAX`` characters (a file without line breaks)
    pieces of it cut after a sentence (else at a space): a line's tokens are all held at once."""
    while end - start > _LINE_MAX:
        limit = start + _LINE_MAX
        cut = max((m.end() for m in _SENTENCE_BREAK.finditer(text, limit - _LINE_MAX // 4, limit)), default=-1)
        cut = cut if cut > start else text.rfind(" ", start + 1, limit)
        cut = cut if cut > start else limit
        yield start, cut
        start = cut
    yield start, end


def _line_candidates(line: Line) -> list[Candidate]:
    text, start, end = line.text, line.start, line.end
    found = [*documents(text, start, end), *figures(text, start, end, line.toks)]
    if not line.all_caps or line.kind == "byline":
        found += organisations(line) + places(line) + people(line) + credits(line) + sources(line)
    if line.kind == "byline":
        found += byline(line)
    return found
