"""Second pass: a name found once by a rule is a name wherever else the article writes it.

* A person's name of two syllables or more that a cue, a byline or a credit
  found (``Hoàng Thùy``, ``Bill Gates``) is a person at its other mentions too.
* A place written once with its level or street word (``phố Kim Mã``, ``xã Đồng Tâm``) is that
  place where the article writes its name alone, though the name starts like a family name;
  a name that a cue makes a person (``ông Kim Mã``) stays a person.
* An acronym defined in brackets right after a body (``Tập đoàn Điện lực Việt
  Nam (EVN)``) is that body, there and wherever it recurs.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import NamedTuple

from tui.core.entities.candidates import PRIORITY, Candidate
from tui.core.entities.gazetteer import NOT_BARE
from tui.core.entities.text import place_name
from tui.core.entities.vocab import CUE_INDEX, PHRASE_STARTERS
from tui.core.parallel import map_parts, split_weights

_ACRONYM_DEF = re.compile(r"[^\S\n]*\(([A-ZĐ][A-ZĐ0-9&\-]{1,9})\)")


class Mentions(NamedTuple):
    """The candidates ``propagate`` proposes, and the starts of the chosen candidates that the
    mentions it left out lose to (their guards)."""

    found: list[Candidate]
    guards: set[int]


def propagate(
    text: str,
    regions: Sequence[tuple[int, int, str]],
    chosen: Sequence[Candidate],
    parts: int = 1,
    every: bool = False,
) -> Mentions:
    """Candidates for the other mentions of the names ``chosen`` holds; the regions are searched
    in up to ``parts`` parts, shared by a few processes (``parallel``).

    A mention overlapping a chosen candidate of a higher rank is left out unless ``every``: it
    loses to that candidate as long as the candidate stays chosen (``guards``). Most mentions
    are the very places the names were found at: on a report dense with names, 150,000 of them.
    """
    names: dict[str, str] = {}
    found: list[Candidate] = []
    cued: set[str] = set()  # people named after a cue or in a byline: never taken for a place
    places: set[str] = set()
    for c in chosen:
        mention = text[c.start : c.end]
        if c.type == "PER" and len(mention.split()) >= 2 and not mention.isupper():
            names[" ".join(mention.split())] = "PER"
            if c.rank == PRIORITY["PER_CUE"]:
                cued.add(" ".join(mention.split()))
        elif c.type == "LOC" and c.rank == PRIORITY["LOC_LEVEL"]:
            places.update(_place_name(mention))
        elif c.type == "ORG":
            m = _ACRONYM_DEF.match(text, c.end)
            if m:
                names[m.group(1)] = "ORG"
                found.append(Candidate.of("ORG", m.start(1), m.end(1)))
    for place in places - cued:
        names[place] = "LOC"
    if not names:
        return Mentions(found, set())
    index = _name_finder(names)
    searched = [(start, end) for start, end, kind in regions if kind != "boilerplate"]
    if parts > 1:  # a body of one region would otherwise go whole to one process
        searched = _pieces(text, searched, sum(end - start for start, end in searched) // (8 * parts), names)
    cuts = split_weights([end - start for start, end in searched], parts)
    held = _Held(() if every else chosen)
    guards: set[int] = set()
    for part, part_guards in map_parts(lambda cut: _mentions(text, searched[slice(*cut)], index, names, held), cuts):
        found.extend(Candidate(*fields) for fields in part)
        guards.update(part_guards)
    return Mentions(found, guards)


class _Held:
    """The chosen candidates, sorted and not overlapping, as arrays: a forked process reads them
    without copying them."""

    def __init__(self, chosen: Sequence[Candidate]) -> None:
        self.starts = array("q", [c.start for c in chosen])
        self.ends = array("q", [c.end for c in chosen])
        self.ranks = array("B", [c.rank for c in chosen])

    def outranking(self, start: int, end: int, rank: int) -> int:
        """The start of a candidate over ``[start, end)`` of a higher rank than ``rank``, or -1."""
        i = bisect_right(self.starts, start) - 1
        if i < 0 or self.ends[i] <= start:
            i += 1
        while i < len(self.starts) and self.starts[i] < end:
            if self.ranks[i] > rank:
                return self.starts[i]
            i += 1
        return -1


# Where a region may be cut with no name across the cut: after a line (a name's words stand on
# one line) or, while no name holds one of these characters, after a sentence's end and its spaces
# (a mention across that cut would hold the character before the spaces).
_LINE_END = re.compile(r"\n")
_SENTENCE_OR_LINE_END = re.compile(r"\n|[.!?…\"”’)\]]+[^\S\n]+")
_SENTENCE_END_CHARS = frozenset('.!?…"”’)]')


def _pieces(text: str, regions: Sequence[tuple[int, int]], size: int, names: Iterable[str]) -> list[tuple[int, int]]:
    """The regions cut into pieces of about ``size`` characters or more, where no name's mention
    can run across a cut: the mentions found in the pieces are those found in the regions."""
    ends = _SENTENCE_OR_LINE_END if not any(_SENTENCE_END_CHARS.intersection(n) for n in names) else _LINE_END
    pieces: list[tuple[int, int]] = []
    for start, end in regions:
        while end - start > 2 * size and (cut := ends.search(text, start + size, end)) is not None:
            pieces.append((start, cut.end()))
            start = cut.end()
        pieces.append((start, end))
    return pieces


def _mentions(
    text: str, regions: Sequence[tuple[int, int]], index: _NameIndex | _Alternation, names: dict[str, str], held: _Held
) -> tuple[list[tuple[str, int, int, int]], set[int]]:
    """The names' mentions in the regions, as candidate fields, and the guards of those left out
    (what a child process sends back)."""
    found: list[tuple[str, int, int, int]] = []
    guards: set[int] = set()
    for start, end in regions:
        for at, stop in index.mentions(text, start, end):
            kind = names[" ".join(text[at:stop].split())]
            rank = PRIORITY["LOC_NAMED" if kind == "LOC" else kind]
            guard = held.outranking(at, stop, rank)
            if guard >= 0:
                guards.add(guard)
            elif not _next_to_capital(text, at, stop):
                found.append((kind, at, stop, rank))
    return found, guards


def _place_name(mention: str) -> list[str]:
    """The name of a place written with its level word, when it could pass for a person's: two
    syllables or more, and not a name that alone means a person (``thành phố Hồ Chí Minh``)."""
    name = place_name(mention)
    if "\n" in mention or len(name.split()) < 2 or name in NOT_BARE or name.split()[0] in PHRASE_STARTERS:
        return []  # ``Theo Kiểm…`` starts a phrase, not a name
    return [name]


# Names of up to this many characters in all are found by one regular expression holding them
# as a tree of their common beginnings, read by the regular expression engine in one pass over the
# text whatever their number (5 MB dense with names, 1,700 names: 0.14 s, against 2.2 s for the word
# index below). Compiling it takes up to 6 µs a character of names, and a tree nests as deep as its
# longest name: past either bound (a hostile file of a hundred thousand distinct names), the word
# index does, at a cost that does not grow with the number of names.
_PATTERN_MAX_CHARS = 100_000
_PATTERN_MAX_NAME = 200
_Tree = dict[str, "_Tree"]


def _name_finder(names: Collection[str]) -> _Alternation | _NameIndex:
    if sum(map(len, names)) <= _PATTERN_MAX_CHARS and max(map(len, names), default=0) <= _PATTERN_MAX_NAME:
        return _Alternation(names)
    return _NameIndex(names)


class _Alternation:
    """Every name at word starts, the longest where two start alike, as the alternation
    ``(?<![\\w.\\-])(name|name|…)(?![\\w\\-])`` with its names sorted longest first would find
    them, but written as a tree (``Nguyễn(?:[^\\S\\n]+Văn…|…)``): the engine tries one branch a
    character, not every name. Two names that match at one place are one the beginning of the
    other (their characters agree, a space matching only spaces), and the tree tries the
    longer first."""

    def __init__(self, names: Iterable[str]) -> None:
        tree: _Tree = {}
        for name in names:
            node = tree
            for char in name:
                node = node.setdefault(char, {})
            node[""] = {}  # a name ends here
        self.pattern = re.compile(r"(?<![\w.\-])" + _branches(tree) + r"(?![\w\-])")

    def mentions(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        return (m.span() for m in self.pattern.finditer(text, start, end))


def _branches(node: _Tree) -> str:
    """The regular expression of the names' rests below ``node`` (a key ``""``: a name ends there)."""
    alternatives = []
    for char, below in sorted(node.items()):
        if char:
            piece = _GAP.pattern if char == " " else re.escape(char)
            while len(below) == 1 and "" not in below:  # characters without a choice: one literal
                ((char, below),) = below.items()
                piece += _GAP.pattern if char == " " else re.escape(char)
            alternatives.append(piece + _branches(below))
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return "" if not alternatives else f"(?:{body})?" if "" in node else body


_NAME_START = re.compile(r"(?<![\w.\-])\w")  # names start with a letter or digit, not inside a word
_RUN = re.compile(r"\S+")
_GAP = re.compile(r"[^\S\n]+")  # words of a name may be spaced in any way, on one line
_WORD_STOPS = re.compile(r"[^\w\-]")  # a character that does not carry a word on


class _NameIndex:
    """Names as word sequences: the longest name at each word start of the text, as ``_Alternation``
    finds them, but by dictionary look-ups, so the time does not grow with the number of names."""

    def __init__(self, names: Iterable[str]) -> None:
        self.whole: set[tuple[str, ...]] = set()
        self.prefixes: set[tuple[str, ...]] = set()
        self.longest_word = 0
        for name in names:
            words = tuple(name.split(" "))
            self.whole.add(words)
            self.prefixes.update(words[:k] for k in range(1, len(words)))
            self.longest_word = max(self.longest_word, *map(len, words))
        self.initials = {words[0][:1] for words in self.whole}

    @staticmethod
    def _cuts(text: str, pos: int, stop: int, end: int) -> Iterator[int]:
        """Lengths at which a name's last word can end within the run ``text[pos:stop]``: where
        no letter, digit or hyphen follows (reading past ``end``), or at ``end``."""
        for m in _WORD_STOPS.finditer(text, pos + 1, min(stop, end - 1) + 1):
            yield m.start() - pos
        if stop == end:
            yield stop - pos

    def mentions(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each name in ``text[start:end]``, left to right, not overlapping."""
        search = _NAME_START.search(text, start, end)
        while search:
            at = search.start()
            stop = self._longest_at(text, at, end)
            search = _NAME_START.search(text, stop if stop is not None else at + 1, end)
            if stop is not None:
                yield at, stop

    def _longest_at(self, text: str, at: int, end: int) -> int | None:
        best: tuple[int, int] | None = None  # (characters of the name as written in the index, end)
        words: tuple[str, ...] = ()
        pos = at
        while True:
            # A word longer than any name's cannot be one: read no further, however long the run.
            run = _RUN.match(text, pos, min(end, pos + self.longest_word + 1))
            if run is None:
                return best[1] if best else None
            word = run.group()
            if not words and word[0] not in self.initials:
                return None  # no name starts with this letter
            for cut in self._cuts(text, pos, run.end(), end):
                candidate = (*words, word[:cut])
                if candidate in self.whole:
                    size = sum(map(len, candidate)) + len(candidate) - 1
                    if best is None or size > best[0]:
                        best = (size, pos + cut)
            words = (*words, word)
            gap = _GAP.match(text, run.end(), end)
            if words not in self.prefixes or gap is None or run.end() - pos > self.longest_word:
                return best[1] if best else None
            pos = gap.end()


def _next_to_capital(text: str, start: int, end: int) -> bool:
    """Part of a longer capitalised name (Nguyễn Thái Bình, Hồ Chí Minh)."""
    before = re.search(r"([^\W\d_]+)[^\S\n]+$", text[max(0, start - 20) : start])
    after = re.match(r"[^\S\n]+([^\W\d_]+)", text[end : end + 20])
    if after and after.group(1)[0].isupper():
        return True
    if not before or not before.group(1)[0].isupper():
        return False
    word = before.group(1)
    # Sentence-initial function words and titles are not part of a name: "Theo Park Hang-seo".
    return word not in PHRASE_STARTERS and word.lower() not in CUE_INDEX.lengths
