"""Sentences and words from underthesea, with character offsets, and a sumy tokenizer.

underthesea returns strings, not offsets, and may change spacing inside a
sentence, so pieces are aligned back onto the text by counting their
non-space characters, which it keeps.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import filterfalse
from sys import intern

from tui.core.collector import paused_collection
from tui.core.furniture import GLUED_CREDIT
from tui.core.lines import SENTENCE_END
from tui.core.model import NO_TOKENS, Document, Sentence, Span, Token, Tokens
from tui.core.parallel import PARALLEL_MIN_CHARS, map_parts, parts_for, split_weights

# A piece that ends like this was cut after an abbreviation or an initial, not a sentence.
_ABBREVIATION_END = re.compile(
    r"(?:^|[\s(\"“])(?:[A-ZĐ]|[A-ZĐ]\.[A-ZĐ]|Th\.?s|ThS|TS|PGS|GS|BS|KS|Ths|TP|Tp|TT|Q|H|X|P|"
    r"St|Mr|Mrs|Ms|Dr|v\.v|Nxb|NXB|tr|Tr|No|Co|Ltd|Inc|Jr)\.$"
)
_PUNCTUATION = re.compile(r"^[\W_]+$")
# A letter or digit (``str.isalnum``): a word character other than the underscore.
_ALNUM = re.compile(r"[^\W_]")
# A quotation that spans several sentences is kept as one sentence up to this many words.
_QUOTE_MAX_WORDS = 80
# Text wrapped by hand (an e-mail, a fixed-width file) has lines of at most 72-80 characters; a paragraph
# with a longer line was not wrapped, so each of its line breaks was typed on purpose.
_HARD_WRAP_MAX = 80
_NEXT_WORD = re.compile(r"\s*(\S+)")
# Longest text given to the word segmenter at once; the longest sentence of the 2,000-article
# bench corpus has 2,430 characters.
_SEGMENT_MAX = 10_000


def sentence_spans(text: str, paragraph: Span) -> list[Span]:
    """Sentences of one paragraph from underthesea, repaired where an abbreviation was split."""
    from underthesea import sent_tokenize

    chunk = text[paragraph.start : paragraph.end]
    pieces = _align(chunk, sent_tokenize(chunk), paragraph.start)
    return _cut_at_line_breaks(text, _split_glued_credits(text, _repair_splits(text, pieces)), paragraph)


def word_tokens(text: str, span: Span, segment: Callable[[str], list[str]] | None = None) -> tuple[Token, ...]:
    """underthesea's words for ``text[span]`` as tokens with offsets into ``text``."""
    segment = segment or default_word_segmenter()
    tokens: list[Token] = []
    for part in _segment_parts(text, span):
        tokens.extend(_part_tokens(text, part, segment(text[part.start : part.end])))
    return tuple(tokens)


def spans_word_tokens(text: str, spans: Iterable[Span], parallel_from: int = PARALLEL_MIN_CHARS) -> Iterator[Tokens]:
    """``word_tokens(text, span)`` for each span, in order, as ``Tokens`` sharing one array of offsets.

    Spans of ``parallel_from`` characters or more in all are segmented in parts shared by a few
    processes (``parallel``): the segmenter reads one sentence at a time, so the words are the same.
    """
    parts = [_segment_parts(text, span) for span in spans]
    flat = [part for ps in parts for part in ps]
    sizes = [part.end - part.start for part in flat]
    cuts = split_weights(sizes, parts_for(sum(sizes), parallel_from))
    # What a process has segmented, kept across the parts it takes (each process writes its own copy).
    memo: dict[str, list[str]] = {}
    counts, offsets = array("I"), array("I")
    for part_counts, part_offsets in map_parts(lambda cut: _word_offsets(text, flat[cut[0] : cut[1]], memo), cuts):
        counts.frombytes(part_counts)
        offsets.frombytes(part_offsets)
    read = 0
    next_count = iter(counts).__next__
    for ps in parts:
        words = sum(next_count() for _ in ps)
        yield Tokens(text, offsets, read, read + words)
        read += words


def _word_offsets(text: str, parts: Sequence[Span], memo: dict[str, list[str]]) -> tuple[bytes, bytes]:
    """The words of each part, ``_packed``; ``memo`` as ``word_tokenize_many`` reads it."""
    words = default_batch_segmenter()((text[p.start : p.end] for p in parts), memo)
    return _packed(_align(text[p.start : p.end], next(words), p.start) for p in parts)


def _packed(groups: Iterable[Sequence[Span]]) -> tuple[bytes, bytes]:
    """The number of spans of each group, and every span's start and end, as bytes of
    ``array("I")``: compact, and what a child process sends back (``parallel.map_parts``)."""
    counts, offsets = array("I"), array("I")
    for spans in groups:
        counts.append(len(spans))
        for span in spans:
            offsets.append(span.start)
            offsets.append(span.end)
    return counts.tobytes(), offsets.tobytes()


def _part_tokens(text: str, part: Span, words: list[str]) -> list[Token]:
    chunk = text[part.start : part.end]
    # Interned: a report repeats its words, and one string per distinct word saves ~80 bytes a token.
    return [Token(p.start, p.end, intern(text[p.start : p.end])) for p in _align(chunk, words, part.start)]


def _segment_parts(text: str, span: Span) -> list[Span]:
    """The span cut at spaces into parts of at most ``_SEGMENT_MAX`` characters (one part if shorter).

    The segmenter holds every feature of a sentence at once, so a sentence of megabytes (a file
    without full stops) would take gigabytes; real sentences stay far below the limit.
    """
    parts: list[Span] = []
    start = span.start
    while span.end - start > _SEGMENT_MAX:
        cut = text.rfind(" ", start + 1, start + _SEGMENT_MAX)
        cut = cut if cut > start else start + _SEGMENT_MAX
        parts.append(Span(start, cut))
        start = cut
    parts.append(Span(start, span.end))
    return parts


def split_sentences(
    document: Document, with_words: bool = True, parallel_from: int = PARALLEL_MIN_CHARS
) -> tuple[Sentence, ...]:
    """Every body sentence of the document, numbered in order, with its words.

    Paragraphs of ``parallel_from`` characters or more in all are split in parts shared by a few
    processes (``parallel``): a paragraph's sentences depend on it alone.
    """
    text = document.text
    paragraphs = document.paragraphs
    cuts = split_weights([p.end - p.start for p in paragraphs], parts_for(len(text), parallel_from))
    sentences: list[Sentence] = []
    number = 0
    for part in map_parts(lambda cut: _packed(sentence_spans(text, p) for p in paragraphs[cut[0] : cut[1]]), cuts):
        counts, offsets = array("I"), array("I")
        counts.frombytes(part[0])
        offsets.frombytes(part[1])
        read = 0
        for count in counts:
            for i in range(read, read + 2 * count, 2):
                start, end = offsets[i], offsets[i + 1]
                sentences.append(Sentence(len(sentences), start, end, text[start:end], number, NO_TOKENS))
            read += 2 * count
            number += 1
    return _with_words(text, sentences) if with_words else tuple(sentences)


@paused_collection()
def _with_words(
    text: str, sentences: Sequence[Sentence], parallel_from: int = PARALLEL_MIN_CHARS
) -> tuple[Sentence, ...]:
    """The sentences with their words segmented again (the cache stores sentences without words)."""
    words = spans_word_tokens(text, (Span(s.start, s.end) for s in sentences if not s.tokens), parallel_from)
    return tuple(s if s.tokens else replace(s, tokens=next(words)) for s in sentences)


# Public under this name; ``split_sentences``'s flag of the same name hides it there.
with_words = _with_words


def content_words(words: Iterable[str]) -> tuple[str, ...]:
    """Words without punctuation tokens: what summarizers count."""
    # filterfalse calls the regex from C, with no Python frame a word (116,000 sentences: 0.75 → 0.62 s).
    return tuple(filterfalse(_PUNCTUATION.match, words))


@lru_cache(maxsize=1)
def default_batch_segmenter() -> Callable[[Iterable[str], dict[str, list[str]]], Iterator[list[str]]]:
    """``default_word_segmenter`` over many texts: words for each, in order."""
    from tui.core.fast_tokenize import word_tokenize_many

    return word_tokenize_many


@lru_cache(maxsize=1)
def default_word_segmenter() -> Callable[[str], list[str]]:
    """The fastest segmenter whose output is underthesea's own (tests compare the two)."""
    from tui.core.fast_tokenize import word_tokenize

    return word_tokenize


class SumyTokenizer:
    """sumy's tokenizer protocol (``to_sentences``, ``to_words``) over underthesea.

    Words already computed by the pipeline are looked up instead of segmented
    again, so summaries and entities share one tokenisation.
    """

    language = "vietnamese"

    def __init__(self, known: Sequence[Sentence] = ()) -> None:
        self._known = {s.text.strip(): content_words(s.words) for s in known if s.tokens}

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        spans = sentence_spans(paragraph, Span(0, len(paragraph)))
        return tuple(paragraph[s.start : s.end] for s in spans)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        known = self._known.get(sentence.strip())
        if known is not None:
            return known
        return content_words(default_word_segmenter()(sentence))


def _align(chunk: str, pieces: Iterable[str], offset: int) -> list[Span]:
    """Map each piece onto ``chunk``: verbatim where it matches, else by its count of non-space characters."""
    spans: list[Span] = []
    pos = 0
    size = len(chunk)
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        while pos < size and chunk[pos].isspace():
            pos += 1
        start = pos
        if chunk.startswith(piece, pos):  # the usual case: the tokenizer kept the text as it was
            pos += len(piece)
        else:
            pos = _skip_non_space(chunk, pos, sum(1 for ch in piece if not ch.isspace()))
        if pos > start:
            spans.append(Span(offset + start, offset + pos))
    return spans


def _skip_non_space(chunk: str, pos: int, count: int) -> int:
    """The position after ``count`` more non-space characters of ``chunk`` (spacing may differ)."""
    while count and pos < len(chunk):
        if not chunk[pos].isspace():
            count -= 1
        pos += 1
    return pos


def _repair_splits(text: str, spans: list[Span]) -> list[Span]:
    """Join pieces cut after ``Th.s``, ``TP.``, initials, or before a lowercase continuation.

    A joined sentence can grow to a whole paragraph (``T.P. T.P. …``), so what the test needs of
    it is kept up to date piece by piece (see ``_Joined``) instead of re-read: linear in the text.
    """
    repaired: list[Span] = []
    joined: _Joined | None = None
    for span in spans:
        following = text[span.start : span.end]
        if joined is not None and _is_cut(joined, following):
            joined.extend(text, span, following)
            repaired[-1] = Span(repaired[-1].start, span.end)
        else:
            joined = _Joined(text, span, following)
            repaired.append(span)
    return repaired


class _Joined:
    """What ``_is_cut`` reads of a (possibly joined) sentence: its end, its quotes and its word count."""

    __slots__ = ("closing", "end", "opening", "start", "straight", "tail", "words")

    def __init__(self, text: str, span: Span, piece: str) -> None:
        self.start, self.end = span.start, span.end
        self.straight = piece.count('"')
        self.opening = piece.count("“")
        self.closing = piece.count("”")
        self.words = len(piece.split())
        self.tail = _tail(text, span.start, span.end)

    def extend(self, text: str, span: Span, piece: str) -> None:
        # Pieces are separated by whitespace only (see ``_align``), so counts add up, except
        # that two pieces that touch share the word across the join.
        touching = span.start == self.end and piece[:1].strip() and text[self.end - 1 : self.end].strip()
        words = len(piece.split())
        self.words += words - (1 if touching and self.words and words else 0)
        self.straight += piece.count('"')
        self.opening += piece.count("“")
        self.closing += piece.count("”")
        self.tail = _tail(text, self.start, span.end)
        self.end = span.end

    def open_quote(self) -> bool:
        """Whether the sentence opens a quotation it does not close."""
        return self.straight % 2 == 1 or self.opening > self.closing


# ``_ABBREVIATION_END`` matches at most a few characters before the end; the last
# ``_TAIL`` characters hold any match (and a longer tail cannot match from its start).
_TAIL = 32


def _tail(text: str, start: int, end: int) -> str:
    """The last ``_TAIL`` characters of ``text[start:end]``."""
    return text[max(start, end - _TAIL) : end]


def _split_glued_credits(text: str, spans: list[Span]) -> list[Span]:
    """Cut a sentence after an upper-case credit that runs into the next sentence's first word."""
    out: list[Span] = []
    for span in spans:
        start = span.start
        for match in GLUED_CREDIT.finditer(text, span.start, span.end):
            cut = _glued_end(text, match.end(), span.end)
            if cut is not None and cut > start:
                out.append(Span(start, _before_space(text, cut)))
                start = cut
        out.append(Span(start, span.end))
    return out


def _cut_at_line_breaks(text: str, spans: list[Span], paragraph: Span) -> list[Span]:
    """Cut a sentence where a line without final punctuation (a lead, a heading, a caption) is
    followed by a line that starts a new sentence: ``…Nguyễn Văn An`` / ``Cử tri …`` are two.

    A break that only wraps a long line is kept: the next line's first word would not have fit
    on the line before it (at the paragraph's longest line), or the line ends in a comma.
    """
    if "\n" not in text[paragraph.start : paragraph.end]:
        return spans
    lines = text[paragraph.start : paragraph.end].split("\n")
    width = max(len(line.rstrip()) for line in lines)
    out: list[Span] = []
    for span in spans:
        start = span.start
        newline = text.find("\n", start, span.end)
        while newline >= 0:
            line = text[max(text.rfind("\n", paragraph.start, newline) + 1, paragraph.start) : newline].rstrip()
            # the next word, read where it is: a copy of the rest would make a long run of lines quadratic
            following = _NEXT_WORD.match(text, newline + 1, span.end)
            first_word = following.group(1) if following else ""
            after = following.start(1) if following else span.end
            blank_line = text.count("\n", newline, after) > 1
            wrapped = width <= _HARD_WRAP_MAX and len(line) + 1 + len(first_word) > width and not blank_line
            opens = first_word.lstrip("\"“'‘([")[:1]
            ends = not line or bool(SENTENCE_END.search(line)) or line.endswith(",")
            if (opens.isupper() or opens.isdigit()) and not wrapped and not ends and newline > start:
                out.append(Span(start, _before_space(text, newline)))
                start = after
            newline = text.find("\n", newline + 1, span.end)
        out.append(Span(start, span.end))
    return out


def _before_space(text: str, end: int) -> int:
    """``len(text[:end].rstrip())`` without copying the text before ``end``."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _glued_end(text: str, begin: int, end: int) -> int | None:
    """Where the next sentence starts inside ``QUANG ĐỊNHChiều``: at ``C``; None if not glued."""
    pos = begin
    while pos < end and pos - begin < 50 and (text[pos].isupper() or text[pos].isdigit() or text[pos] in " .-/&"):
        pos += 1
    if pos >= end or not text[pos].islower() or pos - 1 <= begin:
        return None
    credit = text[begin : pos - 1].strip()
    if sum(ch.isalpha() for ch in credit) < 2 or not (text[pos - 2].isupper() or text[pos - 2] in " ."):
        return None
    return pos - 1


def _is_cut(previous: _Joined, following: str) -> bool:
    if _ABBREVIATION_END.search(previous.tail):
        return True
    if not _ALNUM.search(following):
        return True  # a lone closing quote or bracket left behind: `".`
    if previous.open_quote() and previous.words + len(following.split()) <= _QUOTE_MAX_WORDS:
        return True  # the next sentence of a quotation: `"A. B", ông X nói.`
    first = following.lstrip("\"“'‘([ ")[:1]
    return first.islower()
