"""The SQLite file under the cache: tables, permissions and faults.

Faults never delete work. "Locked" waits and retries (bounded), then stops
writing for this run; a read-only file or folder, or a full disk, stops
writing and is said once; only a file that is not a database, fails
``PRAGMA quick_check`` or was written by another version is moved aside
(renamed with a timestamp, never deleted) and a new one started.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from tui.core.cache.folder import prepare_file, prepare_folder
from tui.core.cache.keys import SCHEMA_VERSION

log = logging.getLogger(__name__)
Warn = Callable[[str], None]

# IF NOT EXISTS: the interface and its workers may create a new cache at the same moment.
_TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, content_hash TEXT, stopwords TEXT, path TEXT, "
    "created REAL, title TEXT, date TEXT, algorithms TEXT, entities INTEGER, data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hashed_ns INTEGER, "
    "hash TEXT)",
)


class Health(Enum):
    READY = "ready"  # reads and writes
    NO_WRITES = "no writes"  # reads only: writes are bypassed for this run
    OFF = "off"  # working without a cache for this run


class Fault(Enum):
    BUSY = "busy"
    READ_ONLY = "read-only"
    FULL = "full"
    DAMAGED = "damaged"
    OTHER = "other"


_BY_CODE = {
    sqlite3.SQLITE_BUSY: Fault.BUSY,
    sqlite3.SQLITE_LOCKED: Fault.BUSY,
    sqlite3.SQLITE_READONLY: Fault.READ_ONLY,
    sqlite3.SQLITE_CANTOPEN: Fault.READ_ONLY,  # e.g. no -shm file can be made in a read-only folder
    sqlite3.SQLITE_FULL: Fault.FULL,
    sqlite3.SQLITE_CORRUPT: Fault.DAMAGED,
    sqlite3.SQLITE_NOTADB: Fault.DAMAGED,
}


def classify(exc: sqlite3.Error) -> Fault:
    code = getattr(exc, "sqlite_errorcode", None)
    return _BY_CODE.get(code & 0xFF, Fault.OTHER) if isinstance(code, int) else Fault.OTHER


class _Unusable(Exception):
    """The file must be moved aside: the message says why."""


class Store:
    """One connection; ``rows`` and ``write`` never raise: a fault is a miss or a skipped write.
    A fault is said once: after it, ``health`` keeps later calls from meeting it again."""

    def __init__(
        self, path: Path, warn: Warn, busy_seconds: float = 2.0, attempts: int = 3, read_only: bool = False
    ) -> None:
        self.path = path
        self._warn = warn
        self._busy_seconds = busy_seconds
        self._attempts = max(1, attempts)
        self._read_only = read_only
        self._db: sqlite3.Connection | None = None
        self.health = Health.OFF
        self._open()

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[tuple]:
        for attempt in range(self._attempts):
            if self._db is None:
                return []
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.Error as exc:
                if not self._recover(exc, attempt, writing=False):
                    return []
        return []

    def write(self, sql: str, rows: Sequence[Sequence[Any]]) -> bool:
        """Run ``sql`` for every row in one transaction; False when nothing was written."""
        for attempt in range(self._attempts):
            if self._db is None or self.health is not Health.READY:
                return False
            try:
                with self._db:
                    self._db.execute("BEGIN IMMEDIATE")
                    self._db.executemany(sql, rows)
                return True
            except sqlite3.Error as exc:
                if not self._recover(exc, attempt, writing=True):
                    return False
        return False

    def vacuum(self) -> None:
        if self._db is not None and self.health is Health.READY:
            try:
                self._db.execute("VACUUM")
            except sqlite3.Error as exc:
                self._recover(exc, self._attempts, writing=True)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self) -> None:
        if not self._read_only:
            reason = prepare_folder(self.path.parent) or prepare_file(self.path)
            if reason is not None:
                self._warn(f"not using the cache {self.path}: {reason}; working without it")
                return
        for _ in range(2):  # once more after moving an unusable file aside
            try:
                self._db, self.health = self._connect()
                return
            except _Unusable as exc:
                if self._read_only or _empty(self.path) or not self._move_aside(str(exc)):
                    self._warn(f"cannot use the cache {self.path}: it {exc}; working without it")
                    return
            except sqlite3.Error as exc:
                if (
                    classify(exc) is not Fault.DAMAGED
                    or self._read_only
                    or not self._move_aside("is not a readable database")
                ):
                    self._warn(f"cannot open the cache {self.path} ({exc}); working without it")
                    return

    def _connect(self) -> tuple[sqlite3.Connection, Health]:
        """A connection that can write, else one that can read (a read-only file or folder)."""
        modes = ("mode=ro", "immutable=1") if self._read_only else ("mode=rw", "mode=ro", "immutable=1")
        for number, mode in enumerate(modes):
            uri = f"file:{self.path.as_posix().replace('?', '%3f').replace('#', '%23')}?{mode}"
            db = sqlite3.connect(
                uri, uri=True, timeout=self._busy_seconds, isolation_level=None, check_same_thread=False
            )
            try:
                tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if mode != "mode=rw":
                    if not tables:  # nothing to read, and nothing may be written
                        raise _Unusable("is empty and read-only")
                    self._check_schema(db, tables)
                    if not self._read_only:
                        self._warn(f"the cache {self.path} is read-only; results are not saved this run")
                    return db, Health.NO_WRITES
                if not tables:
                    with db:
                        db.execute("BEGIN IMMEDIATE")
                        for statement in _TABLES:
                            db.execute(statement)
                        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                    tables = {"meta"}
                self._check_schema(db, tables)
                db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
                db.execute("PRAGMA synchronous=NORMAL")
                return db, Health.READY
            except sqlite3.Error as exc:
                db.close()
                if classify(exc) is not Fault.READ_ONLY or number == len(modes) - 1:
                    raise
            except _Unusable:
                db.close()
                raise
        raise AssertionError("unreachable")

    @staticmethod
    def _check_schema(db: sqlite3.Connection, tables: set[str]) -> None:
        if "meta" not in tables:
            raise _Unusable("holds tables of another program")
        found = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if found is None or found[0] != str(SCHEMA_VERSION):
            raise _Unusable(f"was written by another version (schema {found[0] if found else 'unknown'})")

    def _recover(self, exc: sqlite3.Error, attempt: int, writing: bool) -> bool:
        """Deal with a fault; True when the operation should be tried again."""
        fault = classify(exc)
        log.info("cache %s: %s (%s)", self.path, exc, fault.value)
        if fault is Fault.BUSY:
            if attempt + 1 < self._attempts:
                time.sleep(self._busy_seconds * (attempt + 1) / 4)
                return True
            if writing:
                self.health = Health.NO_WRITES
                self._warn(f"the cache {self.path} is busy (another program holds it); not saving to it this run")
            return False
        if fault in (Fault.READ_ONLY, Fault.FULL):
            self.health = Health.NO_WRITES
            why = "is read-only" if fault is Fault.READ_ONLY else "is on a full disk"
            self._warn(f"the cache {self.path} {why}; results are not saved this run")
            return False
        if fault is Fault.DAMAGED and attempt == 0 and self._damaged():
            return self._move_aside("failed its integrity check") and self._reopen()
        self.close()
        self.health = Health.OFF
        self._warn(f"cache error in {self.path} ({exc}); working without it this run")
        return False

    def _damaged(self) -> bool:
        if self._db is None or self._read_only:
            return False
        try:
            return self._db.execute("PRAGMA quick_check").fetchone() != ("ok",)
        except sqlite3.Error as exc:
            return classify(exc) is Fault.DAMAGED

    def _reopen(self) -> bool:
        try:
            self._db, self.health = self._connect()
            return True
        except (sqlite3.Error, _Unusable) as exc:
            self._warn(f"cannot create the cache {self.path} ({exc}); working without it")
            return False

    def _move_aside(self, why: str) -> bool:
        """Rename the file (and its -wal and -shm, so they stay a pair) with a timestamp; never delete."""
        self.close()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.moved-{stamp}")
        number = 1
        while target.exists():
            number += 1
            target = self.path.with_name(f"{self.path.name}.moved-{stamp}-{number}")
        try:
            for suffix in ("", "-wal", "-shm"):
                source = Path(f"{self.path}{suffix}")
                if source.exists():
                    source.rename(f"{target}{suffix}")
            reason = prepare_file(self.path)
        except OSError as exc:
            self._warn(
                f"the cache {self.path} {why} and cannot be moved aside ({exc.strerror}); working without it",
            )
            return False
        if reason is not None:
            self._warn(f"not using the cache {self.path}: {reason}; working without it")
            return False
        self._warn(f"the cache {self.path} {why}; moved it to {target.name} and started a new one")
        return True


def _empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return True
