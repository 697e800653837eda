"""Group mentions into entities for the panels: display name, every mention, roles, contexts.

* PER: a short mention (``Minh``) joins the one full name it ends (``Trần Văn Minh``).
* LOC: ``tỉnh Thái Nguyên`` and ``Thái Nguyên``, ``phố Kim Mã`` and ``Kim Mã`` are one place.
* ORG, DATE, DOC, NUM: mentions that read the same (case, spacing and old-style
  tone marks aside, and in dates and documents a list's repeated level word:
  ``(khóa XI, khóa XII)`` is ``(khóa XI, XII)``) are one entity; an organisation written with an abbreviation
  (``BCH Trung ương``) joins the one spelled-out name whose words it abbreviates
  (``Ban Chấp hành Trung ương``); a document named by its kind and number alone
  (``Nghị quyết 01``) joins the one document of that kind and number written with its symbol
  (``Nghị quyết số 01-NQ/TU``).
* A person's role is the title chain the article writes next to the name;
  a figure's context is the clause (or short sentence) around it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence

from tui.core.collector import paused_collection
from tui.core.entities.roles import bodies_of, person_roles
from tui.core.entities.text import fold, place_name
from tui.core.entities.vocab import LEVELS
from tui.core.model import ENTITY_TYPES, Document, Entity, EntityGroup, Sentence
from tui.core.parallel import PARALLEL_MIN_CHARS

_LEVEL_PREFIX = re.compile(
    r"^(?:" + "|".join(re.escape(w.lower()) for w in sorted(LEVELS, key=len, reverse=True)) + r")\.?\s*"
)
# A word or two (``khóa``, ``nhiệm kỳ``) before a list item, said again before the next item.
_REPEATED_LEVEL = re.compile(r"(?<!\w)(\w+(?: \w+)?) ((?:[^\s,]+(?:,| và) )*?[^\s,]+)(,| và) \1(?= )")
_CONTEXT_MAX = 220
# How far from a figure its context is looked for: far more than any real sentence, so only a
# pathological one (a whole file without a full stop) is cut, and a figure costs a bounded time.
_CONTEXT_WINDOW = 5000
_COMMA = re.compile(r",\s")
# A folded document key: its kind words, an optional ``số``, the number, then the symbol if any.
_DOC_NUMBER = re.compile(r"^(?P<kind>\D+?) (?:số )?(?P<number>\d+)(?P<symbol>[-/].*)?$")


@paused_collection()
def group_entities(
    document: Document,
    entities: Sequence[Entity],
    sentences: Sequence[Sentence] = (),
    parallel_from: int = PARALLEL_MIN_CHARS,
) -> list[EntityGroup]:
    """One group per entity, ordered by type (ENTITY_TYPES), then by first mention.

    The roles of a text of ``parallel_from`` characters or more are read in parts (``roles``).
    """
    buckets: dict[tuple[str, str], list[Entity]] = {}
    mentioned = [e for e in entities if e.type == "PER"]
    people = _person_keys(mentioned)
    keys: dict[tuple[str, str], str] = {}  # an article names most entities more than once
    for e in entities:
        if e.type == "PER":
            key = people[e]
        elif (e.type, e.text) in keys:
            key = keys[(e.type, e.text)]
        else:
            key = keys[(e.type, e.text)] = entity_key(e.type, e.text)
        buckets.setdefault((e.type, key), []).append(e)
    del keys
    _join_abbreviations(buckets)
    _join_document_numbers(buckets)
    found = person_roles(document.text, mentioned, bodies_of(entities), parallel_from)
    roles = {mention: role for mention, role in zip(mentioned, found, strict=True) if role}
    del found
    where = sentence_index(sentences)
    groups = [_group(document, mentions, roles, where) for mentions in buckets.values()]
    order = {t: n for n, t in enumerate(ENTITY_TYPES)}
    return sorted(groups, key=lambda g: (order.get(g.type, 99), g.mentions[0].start))


def entity_key(kind: str, text: str) -> str:
    """What mentions of one type share when they name the same entity (before the joins below):
    the corpus merges articles' groups by it too."""
    key = fold(text)
    if kind == "LOC":  # ``phố Kim Mã`` and ``Kim Mã``, ``TP. Huế`` and ``Huế``
        key = fold(place_name(text)) or _LEVEL_PREFIX.sub("", key) or key
    elif kind in {"DOC", "DATE"}:
        key = _without_repeated_words(key)
    return key


def _without_repeated_words(key: str) -> str:
    """``khóa xi, khóa xii`` reads as ``khóa xi, xii``: a list repeats its items' level word or not."""
    while True:
        shorter = _REPEATED_LEVEL.sub(r"\1 \2\3", key)
        if shorter == key:
            return key
        key = shorter


def _join_abbreviations(buckets: dict[tuple[str, str], list[Entity]]) -> None:
    """Move each organisation written with an abbreviation (a word of two or more capitals) into
    the bucket of the only other organisation that spells it out word for word."""
    orgs = [key for kind, key in buckets if kind == "ORG"]
    # Where an abbreviation of n letters is the i-th word, the organisations spelling it out are
    # those with the same words before and after it: looked up, not compared with every one.
    spans: dict[tuple[int, int], dict[tuple[tuple[str, ...], tuple[str, ...], int], list[str]]] = {}
    for key in orgs:
        for i, word in enumerate(buckets[("ORG", key)][0].text.split()):
            if len(word) >= 2 and word.isupper():
                spans.setdefault((i, len(word)), {})
    for (i, n), index in spans.items():
        for other in orgs:
            spelled = other.split()
            index.setdefault((tuple(spelled[:i]), tuple(spelled[i + n :]), len(spelled)), []).append(other)
    for key in orgs:
        words, written = key.split(), buckets[("ORG", key)][0].text.split()
        if len(written) != len(words):
            continue
        for i, word in enumerate(written):
            if len(word) < 2 or not word.isupper():
                continue
            n = len(word)
            same_around = spans[(i, n)].get((tuple(words[:i]), tuple(words[i + 1 :]), len(words) - 1 + n), [])
            targets = [
                other
                for other in same_around
                if other != key
                and ("ORG", other) in buckets
                and "".join(_initial(w) for w in other.split()[i : i + n]) == _initial_letters(words[i])
            ]
            if len(targets) == 1:
                joined = buckets[("ORG", targets[0])] + buckets.pop(("ORG", key))
                buckets[("ORG", targets[0])] = sorted(joined, key=lambda e: e.start)
                break


def _initial(word: str) -> str:
    return _initial_letters(word[:1])


def _initial_letters(text: str) -> str:
    """Lower case without tone marks; đ stays đ (ĐBQH is Đại biểu Quốc hội)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _person_keys(mentions: list[Entity]) -> dict[Entity, str]:
    """Full names are keys; a shorter mention takes the key of the only full name it ends."""
    folded = {text: fold(text) for text in {e.text for e in mentions}}
    keys = person_keys(folded.values())
    return {e: keys[folded[e.text]] for e in mentions}


def person_keys(folded_names: Iterable[str]) -> dict[str, str]:
    """Each folded name's key: itself, or the only longer name (itself a key) that ends with it."""
    names = sorted(set(folded_names), key=lambda n: -len(n.split()))
    keys: dict[str, str] = {}
    # The keys already chosen, under each of their shorter endings (``văn minh``, ``minh``).
    ending: dict[str, set[str]] = {}
    for name in names:
        longer = ending.get(name, set())
        keys[name] = next(iter(longer)) if len(longer) == 1 else name
        if keys[name] == name:
            words = name.split()
            for n in range(1, len(words)):
                ending.setdefault(" ".join(words[n:]), set()).add(name)
    return keys


def _join_document_numbers(buckets: dict[tuple[str, str], list[Entity]]) -> None:
    """Move each document written as kind and number alone into the bucket of the only document
    of that kind and number that has a symbol: ``nghị quyết 01`` into ``nghị quyết số 01-nq/tu``."""
    full: dict[tuple[str, int], list[str]] = {}
    short: list[tuple[str, tuple[str, int]]] = []
    for kind, key in buckets:
        m = _DOC_NUMBER.match(key) if kind == "DOC" else None
        if m is None:
            continue
        ident = (m["kind"], int(m["number"]))
        if m["symbol"]:
            full.setdefault(ident, []).append(key)
        else:
            short.append((key, ident))
    for key, ident in short:
        targets = full.get(ident, [])
        if len(targets) == 1:
            joined = buckets[("DOC", targets[0])] + buckets.pop(("DOC", key))
            buckets[("DOC", targets[0])] = sorted(joined, key=lambda e: e.start)


def sentence_index(sentences: Iterable[Sentence]) -> _Sentences:
    ordered = sorted(sentences, key=lambda s: s.start)
    return _Sentences([s.start for s in ordered], ordered)


class _Sentences:
    """Sentences in document order with their starts, to find the one around an offset by bisection."""

    def __init__(self, starts: list[int], sentences: Sequence[Sentence]) -> None:
        self.starts = starts
        self.sentences = sentences

    def around(self, offset: int) -> Sentence | None:
        i = bisect_right(self.starts, offset) - 1
        return self.sentences[i] if i >= 0 and offset < self.sentences[i].end else None


def _group(document: Document, mentions: list[Entity], roles: dict[Entity, str], sentences: _Sentences) -> EntityGroup:
    kind = mentions[0].type
    if kind == "DOC":  # a document is named by its symbol where the article gives it
        with_symbol = [m for m in mentions if (d := _DOC_NUMBER.match(fold(m.text))) and d["symbol"]]
        name = _display_name(with_symbol or mentions)
    else:
        name = _display_name(mentions)
    role = context = None
    if kind == "PER":  # the longest role written next to any of its mentions
        written = [roles[m] for m in mentions if m in roles]
        role = " ".join(max(written, key=len).split()) if written else None
    elif kind == "NUM":
        context = context_of(document.text, mentions[0], sentences)
    return EntityGroup(kind, name, tuple(mentions), role, context)


def _display_name(mentions: list[Entity]) -> str:
    """The fullest form: most syllables, then most frequent, then capitalised, then first seen."""
    texts = [" ".join(m.text.split()) for m in mentions]
    counts = Counter(texts)
    first = {t: -i for i, t in reversed(list(enumerate(texts)))}
    return max(texts, key=lambda t: (len(t.split()), counts[t], t[:1].isupper(), first[t]))


# ---------------------------------------------------------------- figure contexts
def context_of(text: str, mention: Entity, sentences: _Sentences) -> str:
    """The clause a figure belongs to: its sentence, narrowed at ``;`` and then commas if long."""
    start, end = _enclosing(text, mention, sentences)
    start, end = max(start, mention.start - _CONTEXT_WINDOW), min(end, mention.end + _CONTEXT_WINDOW)
    start, end = _narrow(text, start, end, mention, ";")
    if end - start > _CONTEXT_MAX:
        start, end = _narrow_commas(text, start, end, mention)
    return " ".join(text[start:end].split()).strip(" ,;:-–")


def _enclosing(text: str, mention: Entity, sentences: _Sentences) -> tuple[int, int]:
    """The sentence around the figure, else its line (no farther than ``_CONTEXT_WINDOW``)."""
    sentence = sentences.around(mention.start)
    if sentence is not None:
        return sentence.start, sentence.end
    start = text.rfind("\n", max(0, mention.start - _CONTEXT_WINDOW), mention.start) + 1
    end = text.find("\n", mention.end, mention.end + _CONTEXT_WINDOW)
    return start, len(text) if end < 0 else end


def _narrow(text: str, start: int, end: int, mention: Entity, sep: str) -> tuple[int, int]:
    left = text.rfind(sep, start, mention.start)
    right = text.find(sep, mention.end, end)
    return (left + 1 if left >= 0 else start), (right if right >= 0 else end)


def _narrow_commas(text: str, start: int, end: int, mention: Entity) -> tuple[int, int]:
    """Grow from the figure's own comma-separated piece, one piece at a time, up to the limit."""
    cuts = [start] + [m.end() for m in _COMMA.finditer(text, start, end)] + [end]  # ascending
    left = cuts[bisect_right(cuts, mention.start) - 1]
    right = cuts[bisect_left(cuts, mention.end)]
    while True:
        below = bisect_left(cuts, left) - 1
        above = bisect_right(cuts, right)
        grow_left = cuts[below] if below >= 0 else None
        grow_right = cuts[above] if above < len(cuts) else None
        if grow_right is not None and grow_right - left <= _CONTEXT_MAX:
            right = grow_right
        elif grow_left is not None and right - grow_left <= _CONTEXT_MAX:
            left = grow_left
        else:
            return left, right
