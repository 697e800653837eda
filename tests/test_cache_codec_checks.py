"""The stored form of an analysis: round trips, the size limit, and each reason an entry that does
not describe its own text is refused; export files cut or padded in each place."""

from __future__ import annotations

import struct
from dataclasses import replace
from pathlib import Path
from typing import Any

import msgspec
import pytest

from tui.core.cache import Cache, codec
from tui.core.cache.codec import DecodeError, decode, encode, inconsistency
from tui.core.cache.keys import SCHEMA_VERSION
from tui.core.cache.transfer import (
    FORMAT,
    MAGIC,
    FileHeader,
    TransferError,
    _frames,
    export_entries,
    import_entries,
)
from tui.core.model import (
    Analysis,
    Document,
    Entity,
    EntityGroup,
    Heading,
    Removed,
    Sentence,
    SentenceScore,
    Span,
    Summary,
    Token,
)
from tui.core.pipeline import pipeline_version

TEXT = "Mưa lớn ở Huế\n\nSáng nay Huế mưa to. Nước sông Hương dâng cao."


def _analysis() -> Analysis:
    first = TEXT.index("Sáng")
    second = TEXT.index("Nước")
    hue = TEXT.index("Huế", first)
    document = Document(
        path="mua.txt",
        text=TEXT,
        encoding="utf-8",
        title="Mưa lớn ở Huế",
        title_span=Span(0, 13),
        paragraphs=(Span(first, len(TEXT)),),
        removed=(Removed(13, 15, "blank"),),
        headings=(Heading(0, 13, 1, "Mưa lớn ở Huế"),),
    )
    sentences = (
        Sentence(0, first, second - 1, TEXT[first : second - 1], 0, (Token(first, first + 4, "Sáng"),)),
        Sentence(1, second, len(TEXT), TEXT[second:], 0, (Token(second, second + 4, "Nước"),)),
    )
    summary = Summary("lead", (SentenceScore(0, 1.0, 1), SentenceScore(1, 0.5, 2)), (0,), method="lead")
    entity = Entity("LOC", hue, hue + 3, "Huế")
    return Analysis(
        document,
        sentences,
        {"lead": summary},
        (entity,),
        (EntityGroup("LOC", "Huế", (entity,)),),
    )


def test_an_analysis_round_trips_and_is_consistent() -> None:
    analysis = _analysis()
    assert decode(encode(analysis)) == analysis
    assert inconsistency(analysis) is None


def test_entries_over_the_limit_are_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    data = encode(_analysis())
    monkeypatch.setattr(codec, "MAX_ENTRY_BYTES", len(data))
    assert decode(data) == _analysis()  # exactly at the limit: read
    monkeypatch.setattr(codec, "MAX_ENTRY_BYTES", len(data) - 1)
    with pytest.raises(DecodeError, match=rf"^entry of {len(data)} bytes is over the {len(data) - 1} byte limit$"):
        decode(data)


@pytest.mark.parametrize("data", [b"", b"\xc1", msgspec.msgpack.encode({"document": 1}), b"\x93\x01\x02\x03"])
def test_malformed_entries_raise_decode_error(data: bytes) -> None:
    with pytest.raises(DecodeError) as caught:
        decode(data)
    assert str(caught.value)  # says why


def _document(analysis: Analysis, **changes: Any) -> Analysis:
    return replace(analysis, document=replace(analysis.document, **changes))


def _cases() -> list[tuple[Analysis, str]]:
    a = _analysis()
    n = len(TEXT)
    entity = a.entities[0] if a.entities else None
    assert entity is not None
    moved = replace(entity, start=entity.start + 1, end=entity.end + 1)
    return [
        (_document(a, paragraphs=(Span(0, n + 1),)), f"paragraph offsets 0-{n + 1} outside the text ({n} characters)"),
        (_document(a, removed=(Removed(5, 4, "x"),)), "removed stretch offsets 5-4 outside the text"),
        (_document(a, headings=(Heading(-1, 3, 1, "M"),)), "heading offsets -1-3 outside the text"),
        (_document(a, title_span=Span(0, n + 5)), f"title offsets 0-{n + 5} outside"),
        (_document(a, author_span=Span(n + 1, n + 2)), f"author offsets {n + 1}-{n + 2} outside"),
        (replace(a, sentences=(replace(a.sentences[0], end=n + 1),)), f"sentence offsets 15-{n + 1} outside"),
        (
            replace(a, sentences=(replace(a.sentences[0], tokens=(Token(n, n + 2, "x"),)), a.sentences[1])),
            f"word offsets {n}-{n + 2} outside",
        ),
        (replace(a, entities=(replace(entity, end=n + 3),)), f"entity offsets {entity.start}-{n + 3} outside"),
        (replace(a, groups=(EntityGroup("LOC", "Huế", (moved,)),)), "entity text differs from the text at"),
        (replace(a, entities=(moved,)), f"entity text differs from the text at {moved.start}-{moved.end}"),
        (replace(a, summaries={"textrank": a.summaries["lead"]}), "summary 'textrank' is labelled 'lead'"),
        (
            replace(a, summaries={"lead": replace(a.summaries["lead"], selected=(7,))}),
            "summary 'lead' scores a sentence that does not exist",
        ),
        (
            replace(a, summaries={"lead": replace(a.summaries["lead"], scores=(SentenceScore(2, 1.0, 1),))}),
            "summary 'lead' scores a sentence that does not exist",
        ),
    ]


@pytest.mark.parametrize("number", range(13))
def test_each_inconsistency_is_named(number: int) -> None:
    analysis, reason = _cases()[number]
    found = inconsistency(analysis)
    assert found is not None and found.startswith(reason)


def test_edges_of_the_text_are_inside_it() -> None:
    a = _analysis()
    n = len(TEXT)
    assert inconsistency(_document(a, paragraphs=(Span(0, n), Span(n, n)), author_span=Span(0, 0))) is None
    assert inconsistency(replace(a, entities=None, groups=None)) is None


def test_text_over_the_loader_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec, "DEFAULT_MAX_BYTES", len(TEXT))
    assert inconsistency(_analysis()) is None
    monkeypatch.setattr(codec, "DEFAULT_MAX_BYTES", len(TEXT) - 1)
    assert inconsistency(_analysis()) == f"text of {len(TEXT)} characters is over the {len(TEXT) - 1} limit"


def _frame(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def _header(**changes: object) -> bytes:
    fields: dict[str, object] = {"format": FORMAT, "schema": SCHEMA_VERSION, "pipeline": pipeline_version()}
    fields.update(changes)
    return _frame(msgspec.msgpack.encode(fields))


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "has no readable header"),
        (_frame(b"\xc1"), "has no readable header"),
        (_header(format="other"), f"holds schema {SCHEMA_VERSION} of 'other'; this version reads schema"),
        (_header(schema=SCHEMA_VERSION + 1), f"holds schema {SCHEMA_VERSION + 1} of '{FORMAT}'"),
        (_header(pipeline="0" * 16), f"was made by pipeline {'0' * 16}, this is {pipeline_version()}"),
    ],
)
def test_a_bad_header_refuses_the_whole_file(tmp_path: Path, body: bytes, reason: str) -> None:
    source = tmp_path / "in.cache"
    source.write_bytes(MAGIC + body)
    cache = Cache(tmp_path / "c" / "cache.sqlite", lambda _m: None)
    with pytest.raises(TransferError, match=f"^{source} {reason}".replace("(", r"\(")):
        import_entries(cache, source)
    assert cache.count() == 0


def test_frames_end_with_a_reason_at_each_cut(tmp_path: Path) -> None:
    path = tmp_path / "frames"
    reasons: list[str] = []
    for body, reason in [
        (_frame(b"ab") + b"\x00\x00", "entry 2: the file ends inside a length"),
        (_frame(b"ab") + struct.pack(">I", 5) + b"abc", "entry 2: the file ends inside it"),
        (
            struct.pack(">I", codec.MAX_ENTRY_BYTES + 4097),
            f"entry 1: {codec.MAX_ENTRY_BYTES + 4097} bytes is over the limit; the rest of the file is not read",
        ),
    ]:
        path.write_bytes(body)
        with path.open("rb") as handle:
            reasons.clear()
            frames = list(_frames(handle, reasons.append))
        assert reasons == [reason]
        assert frames == ([b"ab"] if reason.startswith("entry 2") else [])
    path.write_bytes(_frame(b"") + _frame(b"x" * 10))
    with path.open("rb") as handle:
        assert list(_frames(handle, reasons.append)) == [b"", b"x" * 10]


def test_an_empty_export_has_only_its_header(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c" / "cache.sqlite", lambda _m: None)
    target = tmp_path / "out.cache"
    assert export_entries(cache, target) == 0
    data = target.read_bytes()
    assert data.startswith(MAGIC)
    with target.open("rb") as handle:
        handle.read(len(MAGIC))
        frames = list(_frames(handle, lambda _r: None))
    assert [msgspec.msgpack.decode(f, type=FileHeader) for f in frames] == [
        FileHeader(FORMAT, SCHEMA_VERSION, pipeline_version())
    ]
    assert (target.stat().st_mode & 0o777) == 0o600
    report = import_entries(Cache(tmp_path / "d" / "cache.sqlite", lambda _m: None), target)
    assert (report.added, report.known, report.rejected) == (0, 0, [])
