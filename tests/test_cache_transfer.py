"""``cache export`` and ``cache import``: analyses that travel, checked entry by entry."""

from __future__ import annotations

import os
import pickle
import struct
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import msgspec
import pytest

from tui import cli
from tui.core.cache import Cache, open_cache
from tui.core.cache.codec import decode, encode
from tui.core.cache.transfer import MAGIC, Entry, TransferError, export_entries, import_entries
from tui.core.pipeline import Options
from tui.core.service import analyse_path

FAST = Options(algorithm="lead")
TEXTS = [
    "Khai mạc hội chợ nông sản\n\nSáng nay, hội chợ nông sản lớn nhất năm khai mạc tại Cần Thơ. "
    "Hơn 300 gian hàng của 13 tỉnh tham gia. Ban tổ chức dự kiến đón 50.000 lượt khách.\n",
    "Học sinh tựu trường\n\nHọc sinh cả nước nô nức tựu trường năm học mới. Nhiều trường đã sửa "
    "chữa phòng học. Sở Giáo dục yêu cầu bảo đảm an toàn cho học sinh.\n",
    "Giá xăng giảm nhẹ\n\nTừ chiều nay giá xăng giảm khoảng 300 đồng mỗi lít. Đây là lần giảm thứ "
    "ba liên tiếp. Các cửa hàng đã niêm yết giá mới.\n",
]


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    paths = []
    for number, text in enumerate(TEXTS):
        path = folder / f"bai{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def source(articles: list[Path], tmp_path: Path) -> Iterator[Cache]:
    cache = open_cache(folder=tmp_path / "one")
    for path in articles:
        analyse_path(str(path), FAST, entities=True, cache=cache)
    yield cache
    cache.close()


def _frames(data: bytes) -> list[bytes]:
    frames, at = [], len(MAGIC)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        frames.append(data[at + 4 : at + 4 + length])
        at += 4 + length
    return frames


def _file(frames: list[bytes]) -> bytes:
    return MAGIC + b"".join(struct.pack(">I", len(f)) + f for f in frames)


def test_round_trip_gives_the_same_analyses(source: Cache, articles: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "shared.rtc"
    assert export_entries(source, target) == 3
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    other = open_cache(folder=tmp_path / "two")
    report = import_entries(other, target)
    assert (report.added, report.known, report.rejected) == (3, 0, [])
    for path in articles:
        key = other.file_key(str(path), FAST)
        assert key is not None
        assert other.get(key, str(path)) == source.get(key, str(path))
    assert import_entries(other, target).known == 3  # importing again adds nothing
    other.close()


def test_export_never_overwrites(source: Cache, tmp_path: Path) -> None:
    target = tmp_path / "mine.txt"
    target.write_text("my notes")
    with pytest.raises(TransferError, match="exists already"):
        export_entries(source, target)
    assert target.read_text() == "my notes"


def test_tampered_entries_are_rejected_each_with_a_reason(source: Cache, tmp_path: Path) -> None:
    target = tmp_path / "shared.rtc"
    export_entries(source, target)
    header, *entries = _frames(target.read_bytes())
    first, second, third = (msgspec.msgpack.decode(e, type=Entry) for e in entries)
    # 1: the analysis swapped for another article's (its key no longer matches its content hash)
    swapped = Entry(first.key, second.content_hash, first.stopwords, first.analysis)
    # 2: an entity pointing outside the text
    analysis = decode(bytes(second.analysis))
    bad = analysis.entities[0] if analysis.entities else None
    assert bad is not None
    moved = replace(bad, start=len(analysis.document.text) + 5, end=len(analysis.document.text) + 9)
    outside = Entry(
        second.key,
        second.content_hash,
        second.stopwords,
        msgspec.Raw(encode(replace(analysis, entities=(moved,)))),
    )
    # 3: a pickle where the analysis should be
    planted = Entry(
        third.key, third.content_hash, third.stopwords, msgspec.Raw(msgspec.msgpack.encode(pickle.dumps(1)))
    )
    hostile = tmp_path / "hostile.rtc"
    hostile.write_bytes(_file([header, *(msgspec.msgpack.encode(e) for e in (swapped, outside, planted))]))
    other = open_cache(folder=tmp_path / "two")
    report = import_entries(other, hostile)
    assert report.added == 0 and other.count() == 0
    assert len(report.rejected) == 3
    assert "does not match its content hash" in report.rejected[0]
    assert "outside the text" in report.rejected[1]
    assert "does not decode" in report.rejected[2]
    other.close()


def test_a_pickle_or_garbage_file_is_rejected_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, data in (("cache.pickle", pickle.dumps({"a": 1})), ("noise.rtc", os.urandom(3000))):
        path = tmp_path / name
        path.write_bytes(data)
        assert cli.main(["cache", "import", str(path)]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert err == [f"reports-tui: {path} is not a reports-tui cache export"]


def test_a_file_from_another_pipeline_is_refused_whole(source: Cache, tmp_path: Path) -> None:
    target = tmp_path / "shared.rtc"
    export_entries(source, target)
    header, *entries = _frames(target.read_bytes())
    fields = msgspec.msgpack.decode(header)
    fields["pipeline"] = "000000000000"
    stale = tmp_path / "stale.rtc"
    stale.write_bytes(_file([msgspec.msgpack.encode(fields), *entries]))
    with pytest.raises(TransferError, match="pipeline 000000000000"):
        import_entries(open_cache(folder=tmp_path / "two"), stale)


def test_a_cut_file_keeps_the_whole_entries(source: Cache, tmp_path: Path) -> None:
    target = tmp_path / "shared.rtc"
    export_entries(source, target)
    data = target.read_bytes()
    cut = tmp_path / "cut.rtc"
    cut.write_bytes(data[: len(data) - 10])
    other = open_cache(folder=tmp_path / "two")
    report = import_entries(other, cut)
    assert report.added == 2 and len(report.rejected) == 1 and "ends inside" in report.rejected[0]
    other.close()


def test_cli_exports_the_articles_named(articles: list[Path], tmp_path: Path, capsys) -> None:
    assert cli.main(["summarize", str(articles[0]), str(articles[1])]) == 0
    target = tmp_path / "two.rtc"
    assert cli.main(["cache", "export", str(target), str(articles[1]), str(articles[2])]) == 0
    out = capsys.readouterr().out
    assert "exported 1 analyses" in out and "1 of the articles named are not in the cache" in out
    assert len(_frames(target.read_bytes())) == 2  # the header and one entry
    assert cli.main(["cache", "import", str(target)]) == 0
    assert "0 analyses, 1 already cached, 0 rejected" in capsys.readouterr().out


def test_entries_stored_by_key_alone_are_exported(articles: list[Path], tmp_path: Path) -> None:
    """``index`` stores a worker's result under the key ``file_key`` made: export still has its parts."""
    from tui.core.pipeline import analyse, load_document

    cache = open_cache(folder=tmp_path / "indexed")
    for path in articles[:2]:
        key = cache.file_key(str(path), FAST)
        assert key is not None
        cache.put(key, analyse(load_document(str(path)), FAST, entities=False))
    cache.put("0" * 32, analyse(load_document(str(articles[2])), FAST, entities=False))  # no known parts
    assert export_entries(cache, tmp_path / "out.rtc") == 2
    cache.close()


def test_import_into_a_cache_that_cannot_be_written_says_so_once(
    source: Cache, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "shared.rtc"
    export_entries(source, target)
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "reports-tui"
    folder.mkdir(parents=True)
    folder.chmod(0o777)  # refused: others may write
    assert cli.main(["cache", "import", str(target)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "others may write" in err[0] and "nothing imported" in err[1]


def test_export_from_a_refused_cache_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "reports-tui"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    target = tmp_path / "out.rtc"
    assert cli.main(["cache", "export", str(target)]) == 1
    assert "nothing exported" in capsys.readouterr().err and not target.exists()
