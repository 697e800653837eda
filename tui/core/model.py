"""Plain data passed between the pipeline steps and on to the interface.

Every offset is a Python ``str`` index into ``Document.text``: the decoded,
NFC-normalised text of the file, so ``text[start:end]`` is always the span.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from sys import intern
from typing import NamedTuple, overload

ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "DATE", "DOC", "NUM")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Document.text``."""

    start: int
    end: int


class Token(NamedTuple):
    """One word from underthesea's word segmentation (may hold several syllables).

    A named tuple, not a dataclass: articles hold thousands of tokens, and
    tuples are several times cheaper to build and to unpickle from the cache.
    """

    start: int
    end: int
    text: str


_make_token = tuple.__new__  # Token's own __new__ is a Python function: this skips one call a word


class Tokens(Sequence[Token]):
    """A sentence's words: an immutable sequence of ``Token`` held as offsets only.

    A token's text is ``text[start:end]``, so a token needs nothing but its two offsets: every
    sentence of a document shares one ``array("I")`` of start/end pairs and the document's text,
    and holds its own range ``[lo, hi)`` of pairs. ``Token`` objects are made when read. A tuple
    of ``Token`` took ~130 bytes a word (5 MB of one-character words: ~420 MB); this takes 8.
    Equal to, and hashed as, the tuple of the same tokens; pickled with the text and the array
    as shared objects (pickle writes each once, however many sentences refer to them).
    """

    __slots__ = ("_hi", "_lo", "_offsets", "_text")

    def __init__(self, text: str = "", offsets: array[int] | None = None, lo: int = 0, hi: int | None = None) -> None:
        self._text = text
        self._offsets = array("I") if offsets is None else offsets
        self._lo = lo
        self._hi = len(self._offsets) // 2 if hi is None else hi

    @classmethod
    def of(cls, text: str, tokens: Iterable[Token]) -> Tokens:
        """``tokens`` read in ``text``: only their offsets are kept (a token is ``text[start:end]``)."""
        offsets = array("I")
        for token in tokens:
            offsets.append(token.start)
            offsets.append(token.end)
        return cls(text, offsets)

    def over(self, text: str) -> Tokens:
        """The same offsets read in ``text``."""
        return Tokens(text, self._offsets, self._lo, self._hi)

    def offsets(self) -> array[int]:
        """Every token's start and end, in order: ``[start0, end0, start1, end1, …]``."""
        return self._offsets[2 * self._lo : 2 * self._hi]

    def texts(self) -> tuple[str, ...]:
        """Every token's text: ``tuple(t.text for t in self)`` without making the tokens.

        Interned: a report repeats its words, and what keeps them (the summarizers' word lists)
        holds one string per distinct word instead of ~60 bytes a word."""
        pairs = self.offsets()
        return tuple(map(intern, map(self._text.__getitem__, map(slice, pairs[::2], pairs[1::2]))))

    def __len__(self) -> int:
        return self._hi - self._lo

    def __bool__(self) -> bool:
        return self._hi > self._lo

    def __iter__(self) -> Iterator[Token]:
        text = self._text
        pairs = iter(self.offsets())
        for start, end in zip(pairs, pairs):
            yield _make_token(Token, (start, end, text[start:end]))

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> Tokens: ...
    def __getitem__(self, index: int | slice) -> Token | Tokens:
        if isinstance(index, slice):
            first, stop, step = index.indices(len(self))
            if step == 1:
                return Tokens(self._text, self._offsets, self._lo + first, self._lo + max(first, stop))
            return Tokens.of(self._text, [self[i] for i in range(first, stop, step)])
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError("token index out of range")
        start, end = self._offsets[2 * (self._lo + position) : 2 * (self._lo + position) + 2]
        return _make_token(Token, (start, end, self._text[start:end]))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Tokens):
            if len(self) != len(other):
                return False
            if self._text is other._text and self.offsets() == other.offsets():
                return True
            return tuple(self) == tuple(other)
        if isinstance(other, tuple):
            return len(self) == len(other) and tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Tokens({tuple(self)!r})"

    def __reduce__(self) -> tuple[type[Tokens], tuple[str, array[int], int, int]]:
        # The text and the array are the document's, shared by every sentence: pickle's memo
        # writes them once per dump.
        return Tokens, (self._text, self._offsets, self._lo, self._hi)


#: No words: what sentences hold before segmentation and after ``Analysis.without_words``.
NO_TOKENS = Tokens()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A body sentence with its words; ``index`` is its position among all body sentences."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    tokens: Tokens = NO_TOKENS

    @property
    def words(self) -> tuple[str, ...]:
        return self.tokens.texts()


@dataclass(frozen=True, slots=True)
class Removed:
    """A stretch of the page that the cleaner kept out of the body, and why."""

    start: int
    end: int
    reason: str  # a tui.core.lines.Reason value: "boilerplate", "caption", "byline", "date", "kicker", …


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading the document itself marks (Markdown ``#``, a Word heading style, an HTML ``<h2>``,
    a numbered section line such as ``I. KẾT QUẢ ĐẠT ĐƯỢC``); ``level`` 1 is the top."""

    start: int
    end: int
    level: int
    text: str


# Keys of ``Document.metadata`` that the pipeline itself fills; readers may add others
# from the file (e.g. a Word file's ``created``).
METADATA_KEYS: tuple[str, ...] = ("issuer", "number", "type", "signer")


@dataclass(frozen=True)
class Document:
    """A loaded and cleaned article: metadata plus the body paragraphs to analyse."""

    path: str
    text: str
    encoding: str
    title: str | None = None
    title_span: Span | None = None
    subtitle: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    author: str | None = None
    author_span: Span | None = None
    paragraphs: tuple[Span, ...] = ()
    removed: tuple[Removed, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. "decoded as windows-1258 (fallback)"
    format: str = "text"  # the reader that produced ``text``: text, markdown, html, docx, pdf, doc, odt
    metadata: dict[str, str] = field(default_factory=dict)  # issuer, number, type, signer, …
    headings: tuple[Heading, ...] = ()

    def date_label(self) -> str:
        """The date as shown, saved and cached: dd/mm/yyyy when it was read, else the text found."""
        if self.date is not None:
            return self.date.strftime("%d/%m/%Y")
        return self.date_text or ""


@dataclass(frozen=True, slots=True)
class SentenceScore:
    index: int  # Sentence.index
    score: float
    rank: int  # 1 = best


@dataclass(frozen=True)
class Summary:
    """Scores for every body sentence under one algorithm, and the chosen ones."""

    algorithm: str
    scores: tuple[SentenceScore, ...]  # in document order, one per sentence
    selected: tuple[int, ...]  # sentence indexes in document order
    note: str | None = None  # e.g. why a guard changed the method
    method: str = ""  # the algorithm that ran (a guard may replace ``algorithm``); "" in older caches

    @property
    def ran(self) -> str:
        """The algorithm whose scores these are: what labels and exports name."""
        return self.method or self.algorithm


@dataclass(frozen=True, slots=True)
class Entity:
    """One mention: ``type`` is one of ENTITY_TYPES."""

    type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EntityGroup:
    """All mentions of one entity, with what a reader needs beside them."""

    type: str
    name: str  # display name
    mentions: tuple[Entity, ...]
    role: str | None = None  # PER: the role the article states
    context: str | None = None  # NUM: the clause the figure belongs to

    @property
    def count(self) -> int:
        return len(self.mentions)


@dataclass(frozen=True)
class Analysis:
    """Everything the interface and the command line show for one article."""

    document: Document
    sentences: tuple[Sentence, ...]
    summaries: dict[str, Summary] = field(default_factory=dict)
    entities: tuple[Entity, ...] | None = None
    groups: tuple[EntityGroup, ...] | None = None

    def without_words(self) -> Analysis:
        """The same analysis without its sentences' words.

        Words are most of the bytes and of the (un)pickling time, and only
        summarising again needs them: the cache and the interface do without.
        """
        return replace(self, sentences=tuple(replace(s, tokens=NO_TOKENS) for s in self.sentences))
