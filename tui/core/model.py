"""Plain data passed between the pipeline steps and on to the interface.

Every offset is a Python ``str`` index into ``Document.text``: the decoded,
NFC-normalised text of the file, so ``text[start:end]`` is always the span.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import NamedTuple

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


@dataclass(frozen=True, slots=True)
class Sentence:
    """A body sentence with its words; ``index`` is its position among all body sentences."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    tokens: tuple[Token, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens)


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
        return replace(self, sentences=tuple(replace(s, tokens=()) for s in self.sentences))
