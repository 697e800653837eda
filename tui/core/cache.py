"""A persistent cache of analyses in SQLite, keyed by file content and pipeline version.

The key is a hash of the file's bytes, the pipeline's version and the options
that change results, so an edited file, a new release or another stopword list
is a miss, never a stale hit. A corrupt, locked or foreign cache is reported
through ``warn`` and rebuilt or bypassed: the cache can never stop the app, and
it holds only derived data, never the user's files.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from tui import paths
from tui.core.export import date_text
from tui.core.loader import content_hash, size_limit
from tui.core.model import Analysis
from tui.core.pipeline import Options, pipeline_version

SCHEMA_VERSION = "3"
CACHE_FILE = "cache.sqlite"
_CREATE_ANALYSES = (
    "CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, path TEXT, created REAL, title TEXT, "
    "date TEXT, algorithms TEXT, entities INTEGER, data BLOB NOT NULL)"
)
_CREATE_FILES = (
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
    "hashed_ns INTEGER, hash TEXT)"
)
Warn = Callable[[str], None]

# A file's remembered hash is trusted only when the file was last modified this long
# before it was hashed: a write within the same timestamp tick would otherwise go unseen.
_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Header:
    """What a list row needs from a cached analysis, read without unpickling it."""

    title: str | None
    date: str
    algorithms: frozenset[str]
    entities: bool

    def complete(self, algorithm: str) -> bool:
        """Whether the entry holds everything a full analysis makes: entities and this summary.
        (The interface stores a summary alone when the reader moves on before the entities.)"""
        return self.entities and algorithm in self.algorithms


def cache_key(content_hash: str, options: Options) -> str:
    """What makes two analyses interchangeable: same bytes, same pipeline, same stopwords."""
    stopwords = options.stopwords
    if stopwords not in ("stopwords-iso", "none"):
        # A user's stopword file: its content matters, not its name.
        try:
            stopwords = hashlib.blake2b(Path(stopwords).read_bytes(), digest_size=8).hexdigest()
        except OSError:
            stopwords = f"missing:{stopwords}"
    raw = f"{content_hash}|{pipeline_version()}|{stopwords}"
    return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class _Seen:
    """A file as it was when its bytes were hashed."""

    size: int
    mtime_ns: int
    hashed_ns: int
    hash: str


class Cache:
    """Analyses by key; every failure degrades to a miss with a warning."""

    def __init__(self, path: Path, warn: Warn = lambda message: None) -> None:
        self.path = path
        self._warn = warn
        self._db: sqlite3.Connection | None = None
        self._seen: dict[str, _Seen] | None = None  # read on first use
        self._newly_seen: list[tuple[str, _Seen]] = []
        self._open()

    def file_key(self, path: str, options: Options) -> str | None:
        """The cache key of a file, None when it cannot be read or is over the size limit.

        Like git's index: a file whose size and modification time are those it
        had when it was last hashed keeps that hash, so a warm start stats files
        instead of reading them all. ``flush`` stores the hashes made here.
        """
        try:
            stat = os.stat(path)
            if stat.st_size > size_limit(path, options.max_file_bytes):
                return None
            seen = self._remembered().get(os.path.abspath(path))
            if (
                seen is not None
                and seen.size == stat.st_size
                and seen.mtime_ns == stat.st_mtime_ns
                and stat.st_mtime_ns < seen.hashed_ns - _RACY_NS
            ):
                return cache_key(seen.hash, options)
            hashed_ns = time.time_ns()
            with open(path, "rb") as handle:
                digest = content_hash(handle.read())
        except OSError:
            return None
        self._newly_seen.append((os.path.abspath(path), _Seen(stat.st_size, stat.st_mtime_ns, hashed_ns, digest)))
        return cache_key(digest, options)

    def _remembered(self) -> dict[str, _Seen]:
        if self._seen is None:
            rows = self._fetch("SELECT path, size, mtime_ns, hashed_ns, hash FROM files")
            self._seen = {path: _Seen(*rest) for path, *rest in rows}
        return self._seen

    def flush(self) -> None:
        """Store the file hashes made since the last flush (in one transaction)."""
        rows, self._newly_seen = self._newly_seen, []
        if not rows or self._db is None:
            return
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                    [(path, s.size, s.mtime_ns, s.hashed_ns, s.hash) for path, s in rows],
                )
        except sqlite3.Error as exc:
            self._trouble(exc)
            return
        self._remembered().update(rows)

    def get(self, key: str, path: str) -> Analysis | None:
        row = self._query("SELECT data FROM analyses WHERE key = ?", (key,))
        if row is None:
            return None
        try:
            analysis = pickle.loads(row[0])
        except Exception:  # an entry written by other code: drop it
            self._execute("DELETE FROM analyses WHERE key = ?", (key,))
            return None
        if not isinstance(analysis, Analysis):
            return None
        return replace(analysis, document=replace(analysis.document, path=path))

    def put(self, key: str, analysis: Analysis) -> None:
        # words are re-made only to summarise with another algorithm (service.complete)
        data = pickle.dumps(analysis.without_words(), protocol=pickle.HIGHEST_PROTOCOL)
        self._execute(
            "INSERT OR REPLACE INTO analyses (key, path, created, title, date, algorithms, entities, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                analysis.document.path,
                time.time(),
                analysis.document.title,
                date_text(analysis),
                " ".join(sorted(analysis.summaries)),
                analysis.entities is not None,
                data,
            ),
        )

    def headers(self) -> dict[str, Header]:
        """Every entry's title, date and what it holds: enough to fill a long list at once."""
        if self._db is None:
            return {}
        try:
            rows = self._db.execute("SELECT key, title, date, algorithms, entities FROM analyses").fetchall()
        except sqlite3.Error as exc:
            self._trouble(exc)
            return {}
        return {
            key: Header(title, date or "", frozenset((algorithms or "").split()), bool(entities))
            for key, title, date, algorithms, entities in rows
        }

    def keys(self) -> set[str]:
        if self._db is None:
            return set()
        try:
            return {row[0] for row in self._db.execute("SELECT key FROM analyses")}
        except sqlite3.Error as exc:
            self._trouble(exc)
            return set()

    def count(self) -> int:
        row = self._query("SELECT COUNT(*) FROM analyses", ())
        return int(row[0]) if row else 0

    def clear(self) -> int:
        removed = self.count()
        self._execute("DELETE FROM analyses", ())
        self._execute("DELETE FROM files", ())
        self._seen, self._newly_seen = None, []
        return removed

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            self._rebuild(f"the cache {self.path} is unreadable ({exc}); starting a new one")
        except OSError as exc:
            self._warn(f"cannot use the cache {self.path} ({exc.strerror or exc}); working without it")
            self._db = None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute(_CREATE_ANALYSES)
        db.execute(_CREATE_FILES)
        found = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if found is None:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif found[0] != SCHEMA_VERSION:
            self._warn(f"the cache {self.path} was written by another version (schema {found[0]}); rebuilding it")
            db.execute("DROP TABLE analyses")
            db.execute("DROP TABLE IF EXISTS files")
            db.execute(_CREATE_ANALYSES)
            db.execute(_CREATE_FILES)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        return db

    def _rebuild(self, message: str) -> None:
        self._warn(message)
        self._newly_seen, self._seen = [], None
        self.close()
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(f"{self.path}{suffix}")
            except FileNotFoundError:
                pass
            except OSError as exc:
                self._warn(f"cannot remove {self.path}{suffix} ({exc.strerror}); working without a cache")
                return
        try:
            self._db = self._connect()
        except (sqlite3.Error, OSError) as exc:
            self._warn(f"cannot create the cache {self.path} ({exc}); working without it")
            self._db = None

    def _query(self, sql: str, args: tuple) -> tuple | None:
        if self._db is None:
            return None
        try:
            return self._db.execute(sql, args).fetchone()
        except sqlite3.Error as exc:
            self._trouble(exc)
            return None

    def _fetch(self, sql: str) -> list[tuple]:
        if self._db is None:
            return []
        try:
            return self._db.execute(sql).fetchall()
        except sqlite3.Error as exc:
            self._trouble(exc)
            return []

    def _execute(self, sql: str, args: tuple) -> None:
        if self._db is None:
            return
        try:
            self._db.execute(sql, args)
        except sqlite3.Error as exc:
            self._trouble(exc)

    def _trouble(self, exc: sqlite3.Error) -> None:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            self._warn(f"the cache {self.path} is busy (locked by another program); skipped this time")
        elif isinstance(exc, sqlite3.DatabaseError):
            self._rebuild(f"the cache {self.path} is corrupt ({exc}); rebuilding it")
        else:
            self._warn(f"cache error in {self.path}: {exc}")


def open_cache(warn: Warn = lambda message: None, folder: Path | None = None) -> Cache:
    return Cache((folder or paths.cache_dir()) / CACHE_FILE, warn)


def cache_info(folder: Path | None = None) -> str:
    path = (folder or paths.cache_dir()) / CACHE_FILE
    if not path.exists():
        return f"cache: {path}\nentries: 0 (no cache yet)"
    cache = open_cache(folder=folder)
    size = sum(os.path.getsize(f"{path}{s}") for s in ("", "-wal") if os.path.exists(f"{path}{s}"))
    text = f"cache: {path}\nentries: {cache.count()}\nsize: {size / 1e6:.1f} MB\npipeline version: {pipeline_version()}"
    cache.close()
    return text


def clear_cache(folder: Path | None = None) -> str:
    path = (folder or paths.cache_dir()) / CACHE_FILE
    if not path.exists():
        return f"cache: {path} is already empty"
    cache = open_cache(folder=folder)
    removed = cache.clear()
    cache._execute("VACUUM", ())
    cache.close()
    return f"cache: removed {removed} entries from {path}"
