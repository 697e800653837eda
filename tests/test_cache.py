from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tui.core import service
from tui.core.cache import Cache, cache_info, cache_key, clear_cache, open_cache
from tui.core.model import Token
from tui.core.pipeline import Options
from tui.core.service import analyse_path

ARTICLE = (
    "Tiêu đề bài viết thử\n\nHội nghị diễn ra tại Hà Nội trong hai ngày với nhiều đại biểu tham dự. "
    "Các đại biểu thảo luận về chuyển đổi số và cải cách hành chính. Kết thúc hội nghị, ban tổ chức "
    "trao giấy khen cho 12 tập thể.\n"
)
FAST = Options(algorithm="lead")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    warnings: list[str] = []
    cache = open_cache(warn=warnings.append, folder=tmp_path / "cache")
    cache.warnings = warnings  # type: ignore[attr-defined]
    yield cache
    cache.close()


def test_key_depends_on_content_and_stopwords(tmp_path: Path) -> None:
    stop = tmp_path / "stop.txt"
    stop.write_text("và\n")
    base = cache_key("abc", Options())
    assert cache_key("abc", Options()) == base
    assert cache_key("abd", Options()) != base
    assert cache_key("abc", Options(stopwords="none")) != base
    with_file = cache_key("abc", Options(stopwords=str(stop)))
    stop.write_text("và\ncủa\n")
    assert cache_key("abc", Options(stopwords=str(stop))) != with_file
    # Algorithm and length do not change stored scores: they share one entry.
    assert cache_key("abc", Options(algorithm="lead", sentences=9)) == base


def test_second_analysis_comes_from_the_cache(article: Path, cache: Cache, monkeypatch: pytest.MonkeyPatch) -> None:
    first = analyse_path(str(article), FAST, entities=False, cache=cache)
    assert cache.count() == 1

    def no_analysis(*args: object, **kwargs: object) -> object:
        raise AssertionError("analysed again instead of read from the cache")

    monkeypatch.setattr(service, "analyse", no_analysis)
    again = analyse_path(str(article), FAST, entities=False, cache=cache)
    assert again.summaries is not first.summaries  # decoded, not the object made above
    assert (again.document, again.summaries) == (first.document, first.summaries)
    assert [(s.start, s.end, s.text) for s in again.sentences] == [(s.start, s.end, s.text) for s in first.sentences]


def test_summaries_from_cached_entries_equal_fresh_ones(article: Path, cache: Cache) -> None:
    analyse_path(str(article), FAST, entities=False, cache=cache)
    from_cache = analyse_path(str(article), FAST, algorithms=("luhn",), entities=False, cache=cache)
    fresh = analyse_path(str(article), FAST, algorithms=("luhn",), entities=False)
    assert from_cache.summaries["luhn"] == fresh.summaries["luhn"]


def test_new_algorithm_is_added_to_the_entry(article: Path, cache: Cache) -> None:
    analyse_path(str(article), FAST, entities=False, cache=cache)
    both = analyse_path(str(article), FAST, algorithms=("lead", "luhn"), entities=False, cache=cache)
    assert set(both.summaries) == {"lead", "luhn"}
    assert cache.count() == 1
    key = cache.keys().pop()
    stored = cache.get(key, str(article))
    assert stored is not None and set(stored.summaries) == {"lead", "luhn"}


def test_changed_file_is_a_miss(article: Path, cache: Cache) -> None:
    analyse_path(str(article), FAST, entities=False, cache=cache)
    article.write_text(ARTICLE.replace("12 tập thể", "15 tập thể"), encoding="utf-8")
    changed = analyse_path(str(article), FAST, entities=False, cache=cache)
    assert "15 tập thể" in changed.document.text
    assert cache.count() == 2


def _age(path: Path, seconds: float) -> tuple[int, int]:
    """Set the file's modification time ``seconds`` in the past; returns the (atime, mtime) set."""
    stamp = int((time.time() - seconds) * 1e9)
    os.utime(path, ns=(stamp, stamp))
    return stamp, stamp


def test_unchanged_files_are_known_by_size_and_time(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    first = open_cache(folder=folder)
    times = _age(article, 3600)
    key = first.file_key(str(article), FAST)
    first.close()  # stores what it hashed
    # same size and time, other bytes: a later start trusts the stored hash, as git's index does
    article.write_text(ARTICLE.replace("12 tập thể", "15 tập thể"), encoding="utf-8")
    os.utime(article, ns=times)
    second = open_cache(folder=folder)
    assert second.file_key(str(article), FAST) == key
    # a new modification time means the bytes are hashed again
    _age(article, 1800)
    assert second.file_key(str(article), FAST) != key
    second.close()


def test_recently_modified_files_are_always_hashed(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    first = open_cache(folder=folder)
    times = _age(article, 0.5)  # written moments before it was hashed: the stored hash is not trusted
    key = first.file_key(str(article), FAST)
    first.close()
    article.write_text(ARTICLE.replace("12 tập thể", "15 tập thể"), encoding="utf-8")
    os.utime(article, ns=times)
    second = open_cache(folder=folder)
    assert second.file_key(str(article), FAST) != key
    second.close()


def test_same_content_elsewhere_reports_its_own_path(article: Path, cache: Cache, tmp_path: Path) -> None:
    analyse_path(str(article), FAST, entities=False, cache=cache)
    other = tmp_path / "copy.txt"
    shutil.copy(article, other)
    assert analyse_path(str(other), FAST, entities=False, cache=cache).document.path == str(other)


def test_undecodable_entry_is_a_miss_and_is_replaced(article: Path, cache: Cache) -> None:
    analyse_path(str(article), FAST, entities=False, cache=cache)
    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE analyses SET data = ?", (b"garbage",))
    key = cache.keys().pop()
    assert cache.get(key, str(article)) is None
    assert analyse_path(str(article), FAST, entities=False, cache=cache).document.title
    assert cache.count() == 1
    assert cache.get(key, str(article)) is not None


def test_two_connections_share_results(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    one, two = open_cache(folder=folder), open_cache(folder=folder)
    analyse_path(str(article), FAST, entities=False, cache=one)
    assert two.count() == 1
    one.close()
    two.close()


def test_info_and_clear(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    assert "no cache yet" in cache_info(folder)
    cache = open_cache(folder=folder)
    analyse_path(str(article), FAST, entities=False, cache=cache)
    cache.close()
    assert "entries: 1" in cache_info(folder)
    assert "removed 1" in clear_cache(folder)
    assert "entries: 0" in cache_info(folder)


def test_headers_describe_entries_without_decoding(article: Path, cache: Cache) -> None:
    analyse_path(str(article), FAST, algorithms=("lead", "luhn"), entities=False, cache=cache)
    ((key, header),) = cache.headers().items()
    known = cache.keys()
    assert key in known
    assert header.title == "Tiêu đề bài viết thử"
    assert header.algorithms == {"lead", "luhn"} and header.entities is False


def test_codec_round_trips_every_field_of_the_model(article: Path) -> None:
    from tui.core.cache.codec import decode, encode
    from tui.core.model import Heading, Span

    analysis = analyse_path(str(article), FAST, algorithms=("lead", "luhn"), entities=True)
    document = replace(
        analysis.document,
        date=dt.date(2024, 3, 5),
        title_span=Span(0, 20),
        metadata={"issuer": "Ủy ban nhân dân", "number": "12/QĐ-UBND"},
        headings=(Heading(0, 20, 1, analysis.document.text[0:20]),),
        format="markdown",
    )
    full = replace(analysis, document=document)
    back = decode(encode(full))
    assert back == full
    assert back.sentences[0].tokens and isinstance(back.sentences[0].tokens[0], Token)
    assert isinstance(back.document.date, dt.date) and back.groups == full.groups


def test_key_depends_on_the_stored_form() -> None:
    from tui.core.cache.keys import SCHEMA_VERSION, entry_key

    assert entry_key("abc", "p1", "none") != entry_key("abc", "p1", "none", SCHEMA_VERSION + 1)
    assert entry_key("abc", "p1", "none") != entry_key("abc", "p2", "none")


def test_the_cache_does_not_import_the_export_layer() -> None:
    import subprocess
    import sys

    code = "import sys, tui.core.cache, tui.core.cache.transfer; print('tui.core.export' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
