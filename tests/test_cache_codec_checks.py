"""The stored form of an analysis: round trips, the size limit, and each reason an entry that does
not describe its own text is refused; export files cut or padded in each place."""

from __future__ import annotations

import struct
from dataclasses import replace
from pathlib import Path
from typing import Any

import msgspec
import pytest

from tui.core.cache import Cache, codec, transfer
from tui.core.cache.analyses import cache_info, clear_cache
from tui.core.cache.codec import DecodeError, decode, encode, inconsistency
from tui.core.cache.keys import SCHEMA_VERSION, entry_key
from tui.core.cache.store import Health
from tui.core.cache.transfer import (
    FORMAT,
    MAGIC,
    Entry,
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
    Tokens,
)
from tui.core.pipeline import Options, pipeline_version

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
        Sentence(0, first, second - 1, TEXT[first : second - 1], 0, Tokens.of(TEXT, [Token(first, first + 4, "Sáng")])),
        Sentence(1, second, len(TEXT), TEXT[second:], 0, Tokens.of(TEXT, [Token(second, second + 4, "Nước")])),
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
            replace(
                a, sentences=(replace(a.sentences[0], tokens=Tokens.of(TEXT, [Token(n, n + 2, "x")])), a.sentences[1])
            ),
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


HASH = "0123456789abcdef" * 2


def _filled(folder: Path) -> Cache:
    cache = Cache(folder / "cache.sqlite", lambda _m: None)
    key = cache.key(HASH, Options(algorithm="lead"))
    assert cache.put(key, _analysis(), content_hash=HASH)
    return cache


def _entry(key: str, content_hash: str = HASH, stopwords: str = "stopwords-iso") -> bytes:
    entry = Entry(key, content_hash, stopwords, msgspec.Raw(encode(_analysis())))
    return _frame(msgspec.msgpack.encode(entry))


def test_entries_are_numbered_from_one_and_each_fault_named(tmp_path: Path) -> None:
    good = entry_key(HASH, pipeline_version(), "stopwords-iso")
    wrong = entry_key(HASH, pipeline_version(), "none")
    source = tmp_path / "in.cache"
    source.write_bytes(
        MAGIC
        + _header()
        + _entry(good)
        + _entry(good, content_hash="X" * 32)
        + _entry(good, stopwords="../etc")
        + _entry(wrong)
        + _frame(b"\xc1")
        + _entry(good)
    )
    cache = Cache(tmp_path / "c" / "cache.sqlite", lambda _m: None)
    report = import_entries(cache, source)
    assert (report.added, report.known) == (1, 1)
    assert report.rejected[:3] == [
        "entry 2: malformed content hash or stopword list",
        "entry 3: malformed content hash or stopword list",
        f"entry 4: key {wrong[:16]!r} does not match its content hash",
    ]
    assert report.rejected[3].startswith("entry 5: not an entry (") and len(report.rejected) == 4
    assert cache.keys() == {good}


def test_imported_entries_travel_on_with_their_key_parts(tmp_path: Path) -> None:
    first = _filled(tmp_path / "one")
    exported = tmp_path / "one.cache"
    assert export_entries(first, exported) == 1
    second = Cache(tmp_path / "two" / "cache.sqlite", lambda _m: None)
    assert import_entries(second, exported).added == 1
    again = tmp_path / "two.cache"
    assert export_entries(second, again) == 1
    assert [(s.key, s.content_hash, s.stopwords) for s in second.stored()] == [
        (s.key, s.content_hash, s.stopwords) for s in first.stored()
    ]
    report = import_entries(Cache(tmp_path / "three" / "cache.sqlite", lambda _m: None), again)
    assert (report.added, report.rejected) == (1, [])
    assert import_entries(second, again).known == 1


def test_files_that_cannot_be_made_or_read_are_named_with_the_reason(tmp_path: Path) -> None:
    cache = _filled(tmp_path / "one")
    missing = tmp_path / "no" / "such.cache"
    with pytest.raises(TransferError, match=r"^cannot create .*such\.cache \(No such file or directory\)$"):
        export_entries(cache, missing)
    with pytest.raises(TransferError, match=r"^cannot read .*such\.cache \(No such file or directory\)$"):
        import_entries(cache, missing)


def test_the_frame_limit_leaves_room_for_the_entry_around_the_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transfer, "MAX_ENTRY_BYTES", 10)
    path = tmp_path / "frames"
    for length, reason in [
        (4106, "entry 1: the file ends inside it"),
        (4107, "entry 1: 4107 bytes is over the limit; the rest of the file is not read"),
    ]:
        path.write_bytes(struct.pack(">I", length) + b"x" * 100)
        reasons: list[str] = []
        with path.open("rb") as handle:
            assert list(_frames(handle, reasons.append)) == []
        assert reasons == [reason]


def test_clearing_a_cache_that_cannot_be_written_removes_nothing(tmp_path: Path) -> None:
    cache = _filled(tmp_path / "one")
    cache._store.health = Health.NO_WRITES
    assert cache.clear() == 0
    assert cache.count() == 1
    cache._store.health = Health.READY
    assert cache.clear() == 1 and cache.count() == 0


def test_info_counts_the_database_and_its_log_and_lists_moved_files(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    _filled(folder).close()
    path = folder / "cache.sqlite"
    Path(f"{path}-wal").write_bytes(b"\0" * 2_000_000)
    Path(f"{path}-shm").write_bytes(b"\0" * 9_000_000)
    for name in ("cache.sqlite.moved-1", "cache.sqlite.moved-1-wal", "cache.sqlite.moved-1-shm"):
        (folder / name).write_bytes(b"")
    lines = cache_info(folder).split("\n")
    size = (path.stat().st_size + 2_000_000) / 1e6
    assert lines[:3] == [f"cache: {path}", "entries: 1", f"size: {size:.1f} MB"]
    assert lines[4:] == ["moved aside (unused; yours to keep or delete): cache.sqlite.moved-1"]


def test_clearing_says_what_went_wrong_on_its_own_line(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    _filled(folder).close()
    (folder / "cache.sqlite").chmod(0o666)
    lines = clear_cache(folder).split("\n")
    assert lines[0] == f"cache: removed 0 entries from {folder / 'cache.sqlite'}"
    assert lines[1].startswith("not using the cache") and len(lines) == 2
