"""The stored form of an analysis: MessagePack decoded into the model's own types.

Decoding is typed (msgspec builds only the dataclasses of ``tui.core.model``
and plain values from the bytes), so a stored or imported entry is data and
can never run code, unlike pickle. MessagePack was chosen over pickle by
measurement (``bench/cache_codec.py``): faster both ways on real analyses.
"""

from __future__ import annotations

from array import array
from dataclasses import replace
from typing import Any

import msgspec

from tui.core.loader import DEFAULT_MAX_BYTES
from tui.core.model import NO_TOKENS, Analysis, Span, Tokens

#: An entry bigger than this is refused unread: the largest accepted article with
#: its sentences, summaries and entities stays far below it.
MAX_ENTRY_BYTES = 64_000_000


def _encode_tokens(value: Any) -> Any:
    """A sentence's words are stored as their offsets only, ``[start, end, start, end, …]``:
    a word is the document's text between them."""
    if isinstance(value, Tokens):
        return value.offsets().tolist()
    raise NotImplementedError(f"cannot store a {type(value).__name__}")


def _decode_tokens(kind: type, value: Any) -> Any:
    if kind is not Tokens:
        raise NotImplementedError(f"cannot read a {kind.__name__}")
    if value == []:  # what the cache stores: no words. One shared object, not one a sentence.
        return NO_TOKENS
    if not isinstance(value, list) or len(value) % 2 or not all(type(n) is int for n in value):
        raise ValueError("words are not pairs of offsets")
    try:
        return Tokens("", array("I", value))  # read in the document's text once it is decoded
    except OverflowError:
        raise ValueError("a word offset is out of range") from None


_ENCODER = msgspec.msgpack.Encoder(enc_hook=_encode_tokens)
_DECODER = msgspec.msgpack.Decoder(Analysis, dec_hook=_decode_tokens)


class DecodeError(ValueError):
    """Bytes that are not a stored analysis of this schema; the message says why."""


def encode(analysis: Analysis) -> bytes:
    return _ENCODER.encode(analysis)


def decode(data: bytes) -> Analysis:
    """The analysis in ``data``; raises ``DecodeError`` for anything else."""
    if len(data) > MAX_ENTRY_BYTES:
        raise DecodeError(f"entry of {len(data)} bytes is over the {MAX_ENTRY_BYTES} byte limit")
    try:
        analysis = _DECODER.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise DecodeError(str(exc)) from None
    if all(s.tokens is NO_TOKENS for s in analysis.sentences):  # what the cache stores: no words
        return analysis
    text = analysis.document.text
    return replace(analysis, sentences=tuple(replace(s, tokens=s.tokens.over(text)) for s in analysis.sentences))


def inconsistency(analysis: Analysis) -> str | None:
    """Why ``analysis`` cannot describe its own text (an offset outside it, a mention that is not
    the text it points at, a score for no sentence), or None when it is consistent."""
    text = analysis.document.text
    if len(text) > DEFAULT_MAX_BYTES:
        return f"text of {len(text)} characters is over the {DEFAULT_MAX_BYTES} limit"
    document = analysis.document
    spans: list[tuple[str, int, int]] = [("paragraph", p.start, p.end) for p in document.paragraphs]
    spans += [("removed stretch", r.start, r.end) for r in document.removed]
    spans += [("heading", h.start, h.end) for h in document.headings]
    spans += [
        (name, s.start, s.end)
        for name, s in (("title", document.title_span), ("author", document.author_span))
        if isinstance(s, Span)
    ]
    spans += [("sentence", s.start, s.end) for s in analysis.sentences]
    for sentence in analysis.sentences:
        spans += [("word", t.start, t.end) for t in sentence.tokens]
    mentions = [*(analysis.entities or ()), *(m for g in analysis.groups or () for m in g.mentions)]
    spans += [("entity", e.start, e.end) for e in mentions]
    for name, start, end in spans:
        if not 0 <= start <= end <= len(text):
            return f"{name} offsets {start}-{end} outside the text ({len(text)} characters)"
    for entity in mentions:
        if text[entity.start : entity.end] != entity.text:
            return f"entity text differs from the text at {entity.start}-{entity.end}"
    indexes = {s.index for s in analysis.sentences}
    for name, summary in analysis.summaries.items():
        if name != summary.algorithm:
            return f"summary {name!r} is labelled {summary.algorithm!r}"
        if any(s.index not in indexes for s in summary.scores) or any(i not in indexes for i in summary.selected):
            return f"summary {name!r} scores a sentence that does not exist"
    return None
