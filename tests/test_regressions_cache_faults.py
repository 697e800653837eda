"""The cache store's fault handling, one fault at a time: what is retried, what stops writes,
what is moved aside, and what the user is told (once)."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest

from tui.core.cache import store as store_module
from tui.core.cache.folder import prepare_file, prepare_folder
from tui.core.cache.keys import SCHEMA_VERSION
from tui.core.cache.store import Fault, Health, Store, classify

_CODES = [
    (sqlite3.SQLITE_BUSY, Fault.BUSY),
    (sqlite3.SQLITE_LOCKED, Fault.BUSY),
    (sqlite3.SQLITE_READONLY, Fault.READ_ONLY),
    (sqlite3.SQLITE_CANTOPEN, Fault.READ_ONLY),
    (sqlite3.SQLITE_FULL, Fault.FULL),
    (sqlite3.SQLITE_CORRUPT, Fault.DAMAGED),
    (sqlite3.SQLITE_NOTADB, Fault.DAMAGED),
    (sqlite3.SQLITE_IOERR, Fault.OTHER),
]


def _error(code: int | None, message: str = "fault") -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    if code is not None:
        exc.sqlite_errorcode = code
    return exc


class _Faulty:
    """A connection whose next statements fail with the queued errors, then work."""

    def __init__(self, real: sqlite3.Connection, errors: list[sqlite3.Error]) -> None:
        self.real = real
        self.errors = errors
        self.statements: list[str] = []

    def _next(self, sql: str) -> None:
        self.statements.append(sql)
        if self.errors:
            raise self.errors.pop(0)

    def execute(self, sql: str, args: Any = ()) -> sqlite3.Cursor:
        if sql != "BEGIN IMMEDIATE":
            self._next(sql)
        return self.real.execute(sql, args)

    def executemany(self, sql: str, rows: Any) -> sqlite3.Cursor:
        self._next(sql)
        return self.real.executemany(sql, rows)

    def __enter__(self) -> _Faulty:
        self.real.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self.real.__exit__(*exc)

    def close(self) -> None:
        self.real.close()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waited: list[float] = []
    monkeypatch.setattr(store_module.time, "sleep", waited.append)
    return waited


def _store(tmp_path: Path, warnings: list[str], **options: Any) -> Store:
    return Store(tmp_path / "cache" / "cache.sqlite", warnings.append, **options)


def _fail(store: Store, *errors: sqlite3.Error) -> _Faulty:
    assert store._db is not None
    faulty = _Faulty(store._db, list(errors))
    store._db = faulty  # type: ignore[assignment]
    return faulty


@pytest.mark.parametrize(("code", "fault"), _CODES)
def test_each_sqlite_code_is_one_fault_also_in_its_extended_form(code: int, fault: Fault) -> None:
    assert classify(_error(code)) is fault
    assert classify(_error(code | (3 << 8))) is fault  # extended codes keep the primary in the low byte


def test_an_error_without_a_code_is_other() -> None:
    assert classify(_error(None)) is Fault.OTHER
    assert classify(_error("5")) is Fault.OTHER  # type: ignore[arg-type]


def test_a_new_cache_is_private_ready_and_of_this_schema(tmp_path: Path) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings)
    assert store.health is Health.READY
    assert warnings == []
    assert store.rows("SELECT value FROM meta WHERE key = 'schema'") == [(str(SCHEMA_VERSION),)]
    assert store.rows("PRAGMA journal_mode") == [("wal",)]
    assert store.rows("PRAGMA synchronous") == [(1,)]  # NORMAL
    names = {row[0] for row in store.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == {"meta", "analyses", "files"}
    assert store.write("INSERT INTO files VALUES (?, ?, ?, ?, ?)", [("a", 1, 2, 3, "h"), ("b", 4, 5, 6, "i")])
    assert store.rows("SELECT path, size FROM files ORDER BY path") == [("a", 1), ("b", 4)]
    store.close()
    assert store._db is None
    store.close()  # twice is harmless
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    reopened = _store(tmp_path, warnings)
    assert reopened.health is Health.READY and warnings == []
    assert reopened.rows("SELECT count(*) FROM files") == [(2,)]
    reopened.close()


def test_busy_reads_are_retried_with_growing_waits(tmp_path: Path, sleeps: list[float]) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings, busy_seconds=0.4, attempts=3)
    faulty = _fail(store, _error(sqlite3.SQLITE_BUSY), _error(sqlite3.SQLITE_BUSY))
    assert store.rows("SELECT value FROM meta") == [(str(SCHEMA_VERSION),)]
    assert sleeps == [pytest.approx(0.1), pytest.approx(0.2)]
    assert len(faulty.statements) == 3
    assert warnings == [] and store.health is Health.READY


def test_a_read_still_busy_after_every_attempt_is_a_miss_without_a_warning(tmp_path: Path, sleeps: list[float]) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings, busy_seconds=0.4, attempts=2)
    faulty = _fail(store, *[_error(sqlite3.SQLITE_BUSY)] * 3)
    assert store.rows("SELECT value FROM meta") == []
    assert len(faulty.statements) == 2 and len(sleeps) == 1
    assert warnings == [] and store.health is Health.READY  # reading again later may work


def test_no_attempts_still_means_one(tmp_path: Path, sleeps: list[float]) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings, attempts=0)
    assert store.rows("SELECT value FROM meta") == [(str(SCHEMA_VERSION),)]
    faulty = _fail(store, _error(sqlite3.SQLITE_BUSY))
    assert store.write("INSERT INTO meta VALUES ('x', 'y')", [()]) is False
    assert len(faulty.statements) == 1 and sleeps == []
    assert store.health is Health.NO_WRITES
    assert len(warnings) == 1 and "is busy" in warnings[0]


def test_a_busy_write_is_retried_then_stops_writes_once(tmp_path: Path, sleeps: list[float]) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings, busy_seconds=0.4, attempts=2)
    faulty = _fail(store, _error(sqlite3.SQLITE_BUSY))
    assert store.write("INSERT INTO meta VALUES (?, ?)", [("x", "1")]) is True  # second attempt
    assert sleeps == [pytest.approx(0.1)] and warnings == []
    faulty.errors = [_error(sqlite3.SQLITE_LOCKED)] * 2
    assert store.write("INSERT INTO meta VALUES (?, ?)", [("y", "2")]) is False
    assert store.health is Health.NO_WRITES
    assert warnings == [f"the cache {store.path} is busy (another program holds it); not saving to it this run"]
    assert store.write("INSERT INTO meta VALUES (?, ?)", [("z", "3")]) is False  # not tried again
    assert len(warnings) == 1
    assert store.rows("SELECT key FROM meta ORDER BY key") == [("schema",), ("x",)]  # reads go on


@pytest.mark.parametrize(
    ("code", "why"), [(sqlite3.SQLITE_READONLY, "is read-only"), (sqlite3.SQLITE_FULL, "is on a full disk")]
)
def test_read_only_or_full_stops_writes_and_is_said_once(
    tmp_path: Path, code: int, why: str, sleeps: list[float]
) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings)
    faulty = _fail(store, _error(code))
    assert store.write("INSERT INTO meta VALUES (?, ?)", [("x", "1")]) is False
    assert len(faulty.statements) == 1 and sleeps == []
    assert store.health is Health.NO_WRITES
    assert warnings == [f"the cache {store.path} {why}; results are not saved this run"]
    store.vacuum()  # skipped: no writes this run
    assert store.write("INSERT INTO meta VALUES (?, ?)", [("x", "1")]) is False
    assert len(warnings) == 1
    assert store.rows("SELECT count(*) FROM meta") == [(1,)]


def test_another_error_turns_the_cache_off_with_one_message(tmp_path: Path, sleeps: list[float]) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings)
    _fail(store, _error(sqlite3.SQLITE_IOERR, "disk I/O error"))
    assert store.rows("SELECT value FROM meta") == []
    assert store.health is Health.OFF and store._db is None
    assert warnings == [f"cache error in {store.path} (disk I/O error); working without it this run"]
    assert store.rows("SELECT value FROM meta") == [] and store.write("SELECT 1", [()]) is False
    store.vacuum()
    assert len(warnings) == 1 and sleeps == []


def test_a_busy_vacuum_is_not_retried(tmp_path: Path, sleeps: list[float]) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings, attempts=3)
    faulty = _fail(store, _error(sqlite3.SQLITE_BUSY))
    store.vacuum()
    assert faulty.statements == ["VACUUM"] and sleeps == []
    assert store.health is Health.NO_WRITES and len(warnings) == 1
    ready = _store(tmp_path / "other", [])
    ready.vacuum()  # works on a healthy cache
    assert ready.health is Health.READY


def test_damage_found_by_a_query_moves_the_file_aside_and_starts_again(tmp_path: Path, sleeps: list[float]) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings)
    assert store.write("INSERT INTO meta VALUES (?, ?)", [("x", "1")])
    _fail(store, _error(sqlite3.SQLITE_CORRUPT), _error(sqlite3.SQLITE_CORRUPT))  # the query, then quick_check
    assert store.rows("SELECT key FROM meta ORDER BY key") == [("schema",)]  # the new, empty cache
    assert store.health is Health.READY
    moved = [p for p in store.path.parent.iterdir() if ".moved-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(moved) == 1
    assert re.fullmatch(r"cache\.sqlite\.moved-\d{8}-\d{6}", moved[0].name)
    assert warnings == [
        f"the cache {store.path} failed its integrity check; moved it to {moved[0].name} and started a new one"
    ]
    kept = sqlite3.connect(moved[0])
    assert kept.execute("SELECT value FROM meta WHERE key = 'x'").fetchall() == [("1",)]  # never deleted
    kept.close()


def test_damage_that_passes_the_integrity_check_is_not_moved(tmp_path: Path) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings)
    _fail(store, _error(sqlite3.SQLITE_CORRUPT, "malformed"))
    assert store.rows("SELECT key FROM meta") == []
    assert store.health is Health.OFF
    assert warnings == [f"cache error in {store.path} (malformed); working without it this run"]
    assert not [p for p in store.path.parent.iterdir() if ".moved-" in p.name]


def test_moving_aside_twice_in_one_second_keeps_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module.time, "strftime", lambda _format: "20260101-120000")
    warnings: list[str] = []
    store = _store(tmp_path, warnings)
    store.path.with_name("cache.sqlite.moved-20260101-120000").write_bytes(b"earlier")
    store.path.with_name("cache.sqlite.moved-20260101-120000-2").write_bytes(b"earlier")
    Path(f"{store.path}-wal").write_bytes(b"")
    store.close()
    assert store._move_aside("is tested")
    target = store.path.with_name("cache.sqlite.moved-20260101-120000-3")
    assert target.exists() and Path(f"{target}-wal").exists()
    assert store.path.with_name("cache.sqlite.moved-20260101-120000").read_bytes() == b"earlier"
    assert store.path.exists() and store.path.stat().st_size == 0  # the new one, private
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert warnings == [f"the cache {store.path} is tested; moved it to {target.name} and started a new one"]


def test_a_file_that_is_not_a_database_is_moved_aside_on_open(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "cache.sqlite"
    assert prepare_folder(path.parent) is None
    path.write_bytes(b"this is no database at all, just some bytes " * 40)
    warnings: list[str] = []
    store = Store(path, warnings.append)
    assert store.health is Health.READY
    assert len(warnings) == 1 and "is not a readable database; moved it to cache.sqlite.moved-" in warnings[0]


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("CREATE TABLE other (x)", "holds tables of another program"),
        ("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)", "was written by another version (schema unknown)"),
        (
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema', '999')",
            "was written by another version (schema 999)",
        ),
    ],
)
def test_a_foreign_database_is_refused_read_only_and_moved_aside_otherwise(
    tmp_path: Path, setup: str, reason: str
) -> None:
    path = tmp_path / "cache" / "cache.sqlite"
    assert prepare_folder(path.parent) is None
    db = sqlite3.connect(path)
    db.executescript(setup)
    db.close()
    os.chmod(path, 0o600)
    warnings: list[str] = []
    reader = Store(path, warnings.append, read_only=True)
    assert reader.health is Health.OFF
    assert warnings == [f"cannot use the cache {path}: it {reason}; working without it"]
    warnings.clear()
    store = Store(path, warnings.append)
    assert store.health is Health.READY
    assert len(warnings) == 1 and warnings[0].startswith(f"the cache {path} {reason}; moved it to ")


def test_read_only_opening_of_an_empty_or_missing_file_reads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "cache.sqlite"
    warnings: list[str] = []
    missing = Store(path, warnings.append, read_only=True)
    assert missing.health is Health.OFF and len(warnings) == 1
    assert not path.parent.exists()  # looking creates nothing
    assert prepare_folder(path.parent) is None and prepare_file(path) is None
    warnings.clear()
    empty = Store(path, warnings.append, read_only=True)
    assert empty.health is Health.OFF
    assert warnings == [f"cannot use the cache {path}: it is empty and read-only; working without it"]
    assert path.exists() and path.stat().st_size == 0  # not moved aside


def test_a_read_only_store_reads_without_a_warning(tmp_path: Path) -> None:
    warnings: list[str] = []
    _store(tmp_path, warnings).close()
    reader = _store(tmp_path, warnings, read_only=True)
    assert reader.health is Health.NO_WRITES and warnings == []
    assert reader.rows("SELECT value FROM meta") == [(str(SCHEMA_VERSION),)]
    assert reader.write("INSERT INTO meta VALUES ('x', 'y')", [()]) is False
    assert reader._damaged() is False


def test_a_refused_folder_is_said_with_its_reason(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o777)
    warnings: list[str] = []
    store = Store(folder / "cache.sqlite", warnings.append)
    assert store.health is Health.OFF and store.rows("SELECT 1") == []
    assert warnings == [
        f"not using the cache {folder / 'cache.sqlite'}: others may write to it (mode 777); working without it"
    ]
    assert not (folder / "cache.sqlite").exists()


def test_a_folder_name_with_uri_characters_is_used_as_it_is(tmp_path: Path) -> None:
    warnings: list[str] = []
    store = Store(tmp_path / "a?b#c" / "cache.sqlite", warnings.append)
    assert store.health is Health.READY and warnings == []
    assert store.write("INSERT INTO meta VALUES (?, ?)", [("x", "1")])
    store.close()
    assert [p.name for p in (tmp_path / "a?b#c").iterdir() if p.name == "cache.sqlite"] == ["cache.sqlite"]
    assert [p.name for p in tmp_path.iterdir()] == ["a?b#c"]  # nothing made at a cut-off name


def test_a_file_that_cannot_be_moved_aside_is_said_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings)

    def refuse(self: Path, target: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    assert store._move_aside("is tested") is False
    assert warnings == [
        f"the cache {store.path} is tested and cannot be moved aside (Permission denied); working without it"
    ]
    assert store._db is None and store.path.exists()


def test_a_new_file_refused_after_moving_aside_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings)
    monkeypatch.setattr(store_module, "prepare_file", lambda _path: "it is refused")
    assert store._move_aside("is tested") is False
    assert warnings == [f"not using the cache {store.path}: it is refused; working without it"]


def test_a_new_file_that_cannot_be_opened_after_moving_aside_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    store = _store(tmp_path, warnings)
    _fail(store, _error(sqlite3.SQLITE_CORRUPT), _error(sqlite3.SQLITE_CORRUPT))

    def broken() -> None:
        raise _error(sqlite3.SQLITE_IOERR, "disk I/O error")

    monkeypatch.setattr(store, "_connect", broken)
    assert store.rows("SELECT key FROM meta") == []
    assert len(warnings) == 2 and warnings[0].startswith(f"the cache {store.path} failed its integrity check")
    assert warnings[1] == f"cannot create the cache {store.path} (disk I/O error); working without it"


@pytest.mark.parametrize(("code", "damaged"), [(sqlite3.SQLITE_NOTADB, True), (sqlite3.SQLITE_IOERR, False)])
def test_an_integrity_check_that_fails_itself(tmp_path: Path, code: int, damaged: bool) -> None:
    store = _store(tmp_path, [])
    _fail(store, _error(code))
    assert store._damaged() is damaged
    assert store._damaged() is False  # a healthy file passes
