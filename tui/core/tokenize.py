"""Sentences and words from underthesea, with character offsets, and a sumy tokenizer.

underthesea returns strings, not offsets, and may change spacing inside a
sentence, so pieces are aligned back onto the text by counting their
non-space characters, which it keeps.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from tui.core.model import Document, Sentence, Span, Token

# A piece that ends like this was cut after an abbreviation or an initial, not a sentence.
_ABBREVIATION_END = re.compile(
    r"(?:^|[\s(\"“])(?:[A-ZĐ]|[A-ZĐ]\.[A-ZĐ]|Th\.?s|ThS|TS|PGS|GS|BS|KS|Ths|TP|Tp|TT|Q|H|X|P|"
    r"St|Mr|Mrs|Ms|Dr|v\.v|Nxb|NXB|tr|Tr|No|Co|Ltd|Inc|Jr)\.$"
)
_PUNCTUATION = re.compile(r"^[\W_]+$")


def sentence_spans(text: str, paragraph: Span) -> list[Span]:
    """Sentences of one paragraph from underthesea, repaired where an abbreviation was split."""
    from underthesea import sent_tokenize

    chunk = text[paragraph.start : paragraph.end]
    pieces = _align(chunk, sent_tokenize(chunk), paragraph.start)
    return _repair_splits(text, pieces)


def word_tokens(text: str, span: Span, segment: Callable[[str], list[str]] | None = None) -> tuple[Token, ...]:
    """underthesea's words for ``text[span]`` as tokens with offsets into ``text``."""
    segment = segment or default_word_segmenter()
    chunk = text[span.start : span.end]
    words = segment(chunk)
    return tuple(
        Token(piece.start, piece.end, text[piece.start : piece.end])
        for piece in _align(chunk, words, span.start)
    )


def split_sentences(document: Document, with_words: bool = True) -> tuple[Sentence, ...]:
    """Every body sentence of the document, numbered in order, with its words."""
    text = document.text
    segment = default_word_segmenter() if with_words else None
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(document.paragraphs):
        for span in sentence_spans(text, paragraph):
            tokens = word_tokens(text, span, segment) if segment else ()
            sentences.append(
                Sentence(len(sentences), span.start, span.end, text[span.start : span.end], number, tokens)
            )
    return tuple(sentences)


def content_words(tokens: Iterable[Token | str]) -> tuple[str, ...]:
    """Words without punctuation tokens: what summarizers count."""
    words = (t.text if isinstance(t, Token) else t for t in tokens)
    return tuple(w for w in words if not _PUNCTUATION.match(w))


@lru_cache(maxsize=1)
def default_word_segmenter() -> Callable[[str], list[str]]:
    """The fastest segmenter whose output is underthesea's own."""
    try:
        from tui.core.fast_tokenize import word_tokenize
    except ImportError:
        from underthesea import word_tokenize
    return word_tokenize


class SumyTokenizer:
    """sumy's tokenizer protocol (``to_sentences``, ``to_words``) over underthesea.

    Words already computed by the pipeline are looked up instead of segmented
    again, so summaries and entities share one tokenisation.
    """

    language = "vietnamese"

    def __init__(self, known: Sequence[Sentence] = ()) -> None:
        self._known = {s.text.strip(): content_words(s.tokens) for s in known if s.tokens}

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        spans = sentence_spans(paragraph, Span(0, len(paragraph)))
        return tuple(paragraph[s.start : s.end] for s in spans)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        known = self._known.get(sentence.strip())
        if known is not None:
            return known
        return content_words(default_word_segmenter()(sentence))


def _align(chunk: str, pieces: Iterable[str], offset: int) -> list[Span]:
    """Map each piece onto ``chunk`` by its count of non-space characters."""
    spans: list[Span] = []
    pos = 0
    for piece in pieces:
        need = sum(1 for ch in piece if not ch.isspace())
        if need == 0:
            continue
        while pos < len(chunk) and chunk[pos].isspace():
            pos += 1
        start = pos
        while need and pos < len(chunk):
            if not chunk[pos].isspace():
                need -= 1
            pos += 1
        if pos > start:
            spans.append(Span(offset + start, offset + pos))
    return spans


def _repair_splits(text: str, spans: list[Span]) -> list[Span]:
    """Join pieces cut after ``Th.s``, ``TP.``, initials, or before a lowercase continuation."""
    repaired: list[Span] = []
    for span in spans:
        if repaired and _is_cut(text[repaired[-1].start : repaired[-1].end], text[span.start : span.end]):
            repaired[-1] = Span(repaired[-1].start, span.end)
        else:
            repaired.append(span)
    return repaired


def _is_cut(previous: str, following: str) -> bool:
    if _ABBREVIATION_END.search(previous):
        return True
    first = following.lstrip("\"“'‘([ ")[:1]
    return first.islower()
