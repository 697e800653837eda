"""The stored form of an analysis: MessagePack decoded into the model's own types.

Decoding is typed (msgspec builds only the dataclasses of ``tui.core.model``
and plain values from the bytes), so a stored or imported entry is data and
can never run code, unlike pickle. MessagePack was chosen over pickle by
measurement (``bench/cache_codec.py``): faster both ways on real analyses.
"""

from __future__ import annotations

import msgspec

from tui.core.loader import DEFAULT_MAX_BYTES
from tui.core.model import Analysis, Span

#: An entry bigger than this is refused unread: the largest accepted article with
#: its sentences, summaries and entities stays far below it.
MAX_ENTRY_BYTES = 64_000_000

_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(Analysis)


class DecodeError(ValueError):
    """Bytes that are not a stored analysis of this schema; the message says why."""


def encode(analysis: Analysis) -> bytes:
    return _ENCODER.encode(analysis)


def decode(data: bytes) -> Analysis:
    """The analysis in ``data``; raises ``DecodeError`` for anything else."""
    if len(data) > MAX_ENTRY_BYTES:
        raise DecodeError(f"entry of {len(data)} bytes is over the {MAX_ENTRY_BYTES} byte limit")
    try:
        return _DECODER.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise DecodeError(str(exc)) from None


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
