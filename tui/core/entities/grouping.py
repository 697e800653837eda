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

from tui.core.entities.lexicon import MAX_WORD_SYLLABLES
from tui.core.entities.text import fold, place_name
from tui.core.entities.tokens import Tok, more_tokens, phrase_at, tokenize, tokens_before, word_end
from tui.core.entities.vocab import CUE_INDEX, LEVELS, TITLE_INDEX
from tui.core.model import ENTITY_TYPES, Document, Entity, EntityGroup, Sentence

_LEVEL_PREFIX = re.compile(
    r"^(?:" + "|".join(re.escape(w.lower()) for w in sorted(LEVELS, key=len, reverse=True)) + r")\.?\s*"
)
# A word or two (``khóa``, ``nhiệm kỳ``) before a list item, said again before the next item.
_REPEATED_LEVEL = re.compile(r"(?<!\w)(\w+(?: \w+)?) ((?:[^\s,]+(?:,| và) )*?[^\s,]+)(,| và) \1(?= )")
_CONTEXT_MAX = 220
_ROLE_MAX = 200
# Characters read first on either side of a name for its role (most roles are short or absent).
_ROLE_SHORT = 64
# How far from a figure its context is looked for: far more than any real sentence, so only a
# pathological one (a whole file without a full stop) is cut, and a figure costs a bounded time.
_CONTEXT_WINDOW = 5000
_COMMA = re.compile(r",\s")
# A folded document key: its kind words, an optional ``số``, the number, then the symbol if any.
_DOC_NUMBER = re.compile(r"^(?P<kind>\D+?) (?:số )?(?P<number>\d+)(?P<symbol>[-/].*)?$")
_ROLE_LEAD = re.compile(r"[^\S\n]*(?:,|-|–|\()[^\S\n]*")
# Tokens a role reading looks at beyond the one it stops at: a title (``phrase_at``) or a word.
_ROLE_LOOK = max(MAX_WORD_SYLLABLES, *map(max, TITLE_INDEX.lengths.values())) + 1


class Cover:
    """The characters that a set of spans covers; ``offset in cover`` by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if end <= start:
                continue
            if self.ends and start <= self.ends[-1]:  # overlapping or touching: one stretch
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


def group_entities(
    document: Document, entities: Sequence[Entity], sentences: Sequence[Sentence] = ()
) -> list[EntityGroup]:
    """One group per entity, ordered by type (ENTITY_TYPES), then by first mention."""
    buckets: dict[tuple[str, str], list[Entity]] = {}
    people = _person_keys([e for e in entities if e.type == "PER"])
    for e in entities:
        key = people[e] if e.type == "PER" else entity_key(e.type, e.text)
        buckets.setdefault((e.type, key), []).append(e)
    _join_abbreviations(buckets)
    _join_document_numbers(buckets)
    bodies, where = bodies_of(entities), sentence_index(sentences)
    groups = [_group(document, mentions, bodies, where) for mentions in buckets.values()]
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
    keys = person_keys(fold(e.text) for e in mentions)
    return {e: keys[fold(e.text)] for e in mentions}


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


def bodies_of(entities: Iterable[Entity]) -> Cover:
    """What the article's organisations and places cover: a role runs through them."""
    return Cover((e.start, e.end) for e in entities if e.type in {"ORG", "LOC"})


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


def _group(document: Document, mentions: list[Entity], bodies: Cover, sentences: _Sentences) -> EntityGroup:
    kind = mentions[0].type
    if kind == "DOC":  # a document is named by its symbol where the article gives it
        with_symbol = [m for m in mentions if (d := _DOC_NUMBER.match(fold(m.text))) and d["symbol"]]
        name = _display_name(with_symbol or mentions)
    else:
        name = _display_name(mentions)
    role = context = None
    if kind == "PER":
        roles = [r for r in (role_of(document.text, m, bodies) for m in mentions) if r]
        role = " ".join(max(roles, key=len).split()) if roles else None
    elif kind == "NUM":
        context = context_of(document.text, mentions[0], sentences)
    return EntityGroup(kind, name, tuple(mentions), role, context)


def _display_name(mentions: list[Entity]) -> str:
    """The fullest form: most syllables, then most frequent, then capitalised, then first seen."""
    texts = [" ".join(m.text.split()) for m in mentions]
    counts = Counter(texts)
    first = {t: -i for i, t in reversed(list(enumerate(texts)))}
    return max(texts, key=lambda t: (len(t.split()), counts[t], t[:1].isupper(), first[t]))


# ---------------------------------------------------------------- roles
def role_of(text: str, mention: Entity, bodies: Cover) -> str | None:
    """``Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng`` written after or before a person's name.

    ``bodies``: the organisations and places of the article. Only ``_ROLE_MAX`` characters on
    either side of the name on its line are read, however long the line.
    """
    line_start = text.rfind("\n", max(0, mention.start - _ROLE_MAX - 1), mention.start) + 1
    return _role_after(text, mention.end, bodies) or _role_before(text, line_start, mention.start, bodies)


def _role_after(text: str, start: int, spans: Cover) -> str | None:
    lead = _ROLE_LEAD.match(text, start)  # it cannot cross a line break
    if not lead:
        return None
    line_end = text.find("\n", lead.end(), lead.end() + _ROLE_MAX)
    end = min(lead.end() + _ROLE_MAX if line_end < 0 else line_end, len(text))
    # The first words, then twice as many, and all of them only if the reading came near their end.
    toks: list[Tok] = []
    for cut in (lead.end() + _ROLE_SHORT, lead.end() + 2 * _ROLE_SHORT):
        if cut >= end:
            break
        toks = tokens_before(more_tokens(text, toks, lead.end(), cut), cut)
        role, read = _title_chains(text, toks, spans)
        if read + _ROLE_LOOK < len(toks):
            return role
    return _title_chains(text, more_tokens(text, toks, lead.end(), end), spans)[0]


def _title_chains(text: str, toks: list[Tok], spans: Cover) -> tuple[str | None, int]:
    """Titles separated by commas from the first token on; and the index of the token where the
    reading stopped (it looked at most ``_ROLE_LOOK`` tokens beyond it)."""
    segments: list[str] = []
    i = 0
    while i < len(toks) and phrase_at(toks, i, TITLE_INDEX):
        j = _title_chain_end(toks, i, spans)
        segments.append(text[toks[i].start : toks[j - 1].end])
        if j + 1 < len(toks) and toks[j].text == ",":
            i = j + 1
        else:
            i = j
            break
    return ", ".join(segments) or None, i


def _title_chain_end(toks: list[Tok], i: int, spans: Cover) -> int:
    """End of one title: the title words, then the bodies and places it belongs to."""
    j = i + phrase_at(toks, i, TITLE_INDEX)
    while j < len(toks):
        tok = toks[j]
        if tok.start in spans:
            j += 1
        elif tok.alpha and tok.cap and tok.space:
            j = word_end(toks, j)
        elif phrase_at(toks, j, TITLE_INDEX) and tok.space:
            j += phrase_at(toks, j, TITLE_INDEX)
        else:
            break
    return j


def _role_before(text: str, line_start: int, start: int, spans: Cover) -> str | None:
    first = max(line_start, start - _ROLE_MAX)
    # From a space, a shorter stretch has the same last tokens as the whole one (no token holds
    # a space, and the one after the space has one before it either way). Read it first, and the
    # whole stretch only when the walk back reached the shorter one's beginning.
    space = text.find(" ", max(first, start - _ROLE_SHORT), start)
    if space <= first:
        toks = tokenize(text, first, start)
        return _role_from(text, toks, _walk_back(toks, spans))
    toks = tokenize(text, space, start)
    i = _walk_back(toks, spans)
    if i >= 2:  # it read no token before ``i - 2``: the same stop in the whole stretch
        return _role_from(text, toks, i)
    # The tokens before the space are those of the whole stretch too: they end before it.
    toks = tokenize(text, first, space) + toks
    return _role_from(text, toks, _walk_back(toks, spans))


def _walk_back(toks: list[Tok], spans: Cover) -> int:
    """Index of the first token of the capitalised words, bodies and commas that end ``toks``."""
    i = len(toks)
    while i > 0:
        tok = toks[i - 1]
        inside = tok.start in spans
        lowercase_title_part = tok.lower and i >= 2 and toks[i - 2].cap and word_end(toks, i - 2) >= i
        if (
            inside
            or (tok.alpha and tok.cap)
            or lowercase_title_part
            or (tok.text == "," and i >= 2 and (toks[i - 2].cap or toks[i - 2].start in spans))
        ):
            i -= 1
        else:
            break
    return i


def _role_from(text: str, toks: list[Tok], i: int) -> str | None:
    """The role in ``toks[i:]``: from its first title to the end."""
    while i < len(toks) and (
        toks[i].text == "," or (phrase_at(toks, i, CUE_INDEX) and not phrase_at(toks, i, TITLE_INDEX))
    ):
        i += phrase_at(toks, i, CUE_INDEX) or 1
    while i < len(toks) and not phrase_at(toks, i, TITLE_INDEX):
        i += 1
    if i >= len(toks):
        return None
    return text[toks[i].start : toks[-1].end].rstrip(" ,-–") or None


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
