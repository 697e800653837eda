from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from tui.core.cache import Cache, cache_info, cache_key, clear_cache, open_cache
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
def cache(tmp_path: Path) -> Cache:
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


def test_second_analysis_comes_from_the_cache(article: Path, cache: Cache) -> None:
    first = analyse_path(str(article), FAST, entities=False, cache=cache)
    assert cache.count() == 1
    again = analyse_path(str(article), FAST, entities=False, cache=cache)
    assert again is not first
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
    assert set(cache.get(key, str(article)).summaries) == {"lead", "luhn"}


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


def test_corrupt_cache_is_rebuilt_with_a_warning(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "cache.sqlite").write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    cache = open_cache(warn=warnings.append, folder=folder)
    result = analyse_path(str(article), FAST, entities=False, cache=cache)
    assert result.document.title == "Tiêu đề bài viết thử"
    assert cache.count() == 1
    assert warnings and ("new one" in warnings[0] or "rebuild" in warnings[0])
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_foreign_schema_is_rebuilt(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "old"
    cache = open_cache(folder=folder)
    analyse_path(str(article), FAST, entities=False, cache=cache)
    cache._db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    cache.close()
    warnings: list[str] = []
    reopened = open_cache(warn=warnings.append, folder=folder)
    assert reopened.count() == 0 and "another version" in warnings[0]


def test_undecodable_entry_is_a_miss(article: Path, cache: Cache) -> None:
    analyse_path(str(article), FAST, entities=False, cache=cache)
    cache._db.execute("UPDATE analyses SET data = ?", (b"garbage",))
    assert analyse_path(str(article), FAST, entities=False, cache=cache).document.title
    assert cache.count() == 1


def test_locked_cache_degrades_to_a_miss(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    first = open_cache(folder=folder)
    warnings: list[str] = []
    second = open_cache(warn=warnings.append, folder=folder)
    second._db.execute("PRAGMA busy_timeout = 50")
    blocker = sqlite3.connect(folder / "cache.sqlite", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        assert analyse_path(str(article), FAST, entities=False, cache=second).document.title
    finally:
        blocker.execute("ROLLBACK")
    assert any("busy" in w for w in warnings)
    first.close()
    second.close()


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


def test_headers_describe_entries_without_unpickling(article: Path, cache: Cache) -> None:
    analyse_path(str(article), FAST, algorithms=("lead", "luhn"), entities=False, cache=cache)
    ((key, header),) = cache.headers().items()
    assert key in cache.keys()
    assert header.title == "Tiêu đề bài viết thử"
    assert header.algorithms == {"lead", "luhn"} and header.entities is False
