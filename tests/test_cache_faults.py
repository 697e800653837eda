"""Cache faults never delete work: locked, read-only, damaged and foreign caches."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.core.cache import Cache, cache_info, open_cache
from tui.core.pipeline import Options
from tui.core.service import analyse_path

FAST = Options(algorithm="lead")
TEXTS = {
    "a.txt": "Hội nghị tổng kết năm\n\nSáng nay, tại Hà Nội, hội nghị tổng kết công tác năm đã diễn ra. "
    "Các đại biểu thảo luận về chuyển đổi số. Ban tổ chức trao giấy khen cho 12 tập thể.\n",
    "b.txt": "Mùa lúa mới ở đồng bằng\n\nNông dân miền Tây bắt đầu thu hoạch lúa vụ đông xuân. "
    "Giá lúa năm nay cao hơn năm trước. Nhiều hợp tác xã đã ký hợp đồng bao tiêu.\n",
}


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    out = {}
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        out[name] = folder / name
    return out


def _sql(path: Path, statement: str) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        with db:
            return db.execute(statement).fetchall()
    finally:
        db.close()


def _moved(folder: Path) -> list[Path]:
    """The cache files moved aside (without their -wal and -shm companions)."""
    return [p for p in folder.glob("cache.sqlite.moved-*") if not p.name.endswith(("-wal", "-shm"))]


def _filled(folder: Path, article: Path) -> None:
    cache = open_cache(folder=folder)
    analyse_path(str(article), FAST, entities=False, cache=cache)
    cache.close()


def test_locked_cache_waits_then_skips_writes_without_losing_entries(articles: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    _filled(folder, articles["a.txt"])
    warnings: list[str] = []
    cache = Cache(folder / "cache.sqlite", warnings.append, busy_seconds=0.05, attempts=2)
    blocker = sqlite3.connect(folder / "cache.sqlite", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds a write transaction
    blocker.execute("DELETE FROM files")
    try:
        result = analyse_path(str(articles["b.txt"]), FAST, entities=False, cache=cache)
        assert result.document.title == "Mùa lúa mới ở đồng bằng"
        # reads still work while the other program writes (WAL)
        assert analyse_path(str(articles["a.txt"]), FAST, entities=False, cache=cache).summaries
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert cache.write_failures == 1
    assert len([w for w in warnings if "busy" in w]) == 1  # said once for the run
    cache.close()
    assert open_cache(folder=folder).count() == 1  # the entry made before is still there


def test_damaged_file_is_moved_aside_not_deleted(articles: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir(mode=0o700)
    garbage = b"this is not a database" * 100
    (folder / "cache.sqlite").write_bytes(garbage)
    warnings: list[str] = []
    cache = open_cache(warn=warnings.append, folder=folder)
    assert analyse_path(str(articles["a.txt"]), FAST, entities=False, cache=cache).document.title
    assert cache.count() == 1
    cache.close()
    (moved,) = _moved(folder)
    assert moved.read_bytes() == garbage
    assert f"moved aside (unused; yours to keep or delete): {moved.name}" in cache_info(folder)
    assert len(warnings) == 1 and "moved it to" in warnings[0]


def test_file_failing_its_integrity_check_is_moved_aside(articles: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "damaged"
    cache = open_cache(folder=folder)
    for number in range(40):  # enough pages that damage lands in table data, not in the header
        copy = articles["a.txt"].with_name(f"copy{number}.txt")
        copy.write_text(TEXTS["a.txt"] + f"Bản sao {number}.\n", encoding="utf-8")
        analyse_path(str(copy), FAST, entities=False, cache=cache)
    cache.close()
    path = folder / "cache.sqlite"
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data), page):
        data[start : start + 64] = b"\xff" * 64  # every page header after the schema: damaged
    path.write_bytes(bytes(data))
    warnings: list[str] = []
    damaged = open_cache(warn=warnings.append, folder=folder)
    assert damaged.count() == 0  # the count hits damage: moved aside, a new file answers
    damaged.close()
    assert any("integrity" in w or "not a readable database" in w for w in warnings)
    (moved,) = _moved(folder)
    assert moved.read_bytes() == bytes(data)


def test_cache_of_another_version_is_moved_aside_with_its_data(articles: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "old"
    _filled(folder, articles["a.txt"])
    _sql(folder / "cache.sqlite", "UPDATE meta SET value = '0' WHERE key = 'schema'")
    warnings: list[str] = []
    reopened = open_cache(warn=warnings.append, folder=folder)
    assert reopened.count() == 0 and "another version (schema 0)" in warnings[0]
    reopened.close()
    (moved,) = _moved(folder)
    assert _sql(moved, "SELECT COUNT(*) FROM analyses") == [(1,)]


def _unprivileged(snippet: str, folder: Path) -> dict:
    """Run ``snippet`` where file permissions apply: as root, without the capability to override them."""
    command = [sys.executable, "-c", textwrap.dedent(snippet), str(folder)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be enforced")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


_WRITE_TO_READ_ONLY = """
    import json, sys
    from pathlib import Path
    from tui.core.cache import Cache, cache_info
    from tui.core.pipeline import Options
    from tui.core.service import analyse_path

    folder = Path(sys.argv[1])
    warnings = []
    cache = Cache(folder / "cache" / "cache.sqlite", warnings.append)
    count = cache.count()
    title = analyse_path(str(folder / "articles" / "b.txt"), Options(algorithm="lead"), entities=False,
                         cache=cache).document.title
    from_cache = analyse_path(str(folder / "articles" / "a.txt"), Options(algorithm="lead"), entities=False,
                              cache=cache).document.title
    failures = cache.write_failures
    cache.close()
    print(json.dumps({"count": count, "title": title, "cached": from_cache, "failures": failures,
                      "warnings": warnings, "info": cache_info(folder / "cache")}))
"""


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_cache_is_read_and_said_once(articles: dict[str, Path], tmp_path: Path, what: str) -> None:
    folder = tmp_path / "cache"
    _filled(folder, articles["a.txt"])
    target = folder / "cache.sqlite" if what == "file" else folder
    target.chmod(0o400 if what == "file" else 0o500)
    try:
        result = _unprivileged(_WRITE_TO_READ_ONLY, tmp_path)
    finally:
        target.chmod(0o600 if what == "file" else 0o700)
    assert result["count"] == 1 and result["cached"] == "Hội nghị tổng kết năm"
    assert result["title"] == "Mùa lúa mới ở đồng bằng" and result["failures"] == 1
    assert len(result["warnings"]) == 1 and "read-only" in result["warnings"][0]
    assert "entries: 1" in result["info"]  # `cache info` tells the truth about a read-only cache
    assert open_cache(folder=folder).count() == 1


def test_cache_info_opens_read_only(articles: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "info"
    _filled(folder, articles["a.txt"])
    _sql(folder / "cache.sqlite", "UPDATE meta SET value = '0' WHERE key = 'schema'")
    assert "another version" in cache_info(folder)
    assert _moved(folder) == []  # nothing moved by just looking
    assert _sql(folder / "cache.sqlite", "SELECT COUNT(*) FROM analyses") == [(1,)]


def test_full_disk_stops_writes_says_so_once_and_keeps_entries(articles: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "full"
    _filled(folder, articles["a.txt"])
    warnings: list[str] = []
    cache = open_cache(warn=warnings.append, folder=folder)
    db = cache._store._db  # the disk is "full" at the current size: SQLite's own page limit
    assert db is not None
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    for name in ("b.txt", "a.txt"):
        copy = articles[name].with_name(f"new-{name}")
        more = "".join(f"Đoạn bổ sung số {n} nói thêm về sự kiện này.\n" for n in range(150))
        copy.write_text(TEXTS[name] + more, encoding="utf-8")  # needs new pages
        assert analyse_path(str(copy), FAST, entities=False, cache=cache).summaries
    assert cache.write_failures == 2
    assert len(warnings) == 1 and "full disk" in warnings[0]
    assert cache.count() == 1  # still read
    cache.close()
    assert open_cache(folder=folder).count() == 1
