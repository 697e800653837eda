"""A persistent cache of analyses, keyed by file content and pipeline version.

It holds only derived data, never the user's files, and it can never stop the
app: every fault is reported through ``warn`` and becomes a miss or a skipped
write (see ``store``). Entries are typed MessagePack (see ``codec``): reading
one can never run code.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from tui import paths
from tui.core.cache.codec import DecodeError, decode, encode
from tui.core.cache.index import FileIndex
from tui.core.cache.keys import entry_key, stopwords_id
from tui.core.cache.store import Health, Store, Warn
from tui.core.merge import complete
from tui.core.model import Analysis
from tui.core.pipeline import Options, pipeline_version

log = logging.getLogger(__name__)
CACHE_FILE = "cache.sqlite"
_PUT = (
    "INSERT OR REPLACE INTO analyses (key, content_hash, stopwords, path, created, title, date, algorithms, "
    "entities, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _quiet(message: str) -> None:
    log.info("%s", message)


@dataclass(frozen=True)
class Header:
    """What a list row needs from a cached analysis, read without decoding it."""

    title: str | None
    date: str
    algorithms: frozenset[str]
    entities: bool

    def complete(self, algorithm: str) -> bool:
        """Whether the entry holds everything a full analysis makes: entities and this summary.
        (The interface stores a summary alone when the reader moves on before the entities.)"""
        return complete(self.algorithms, self.entities, algorithm)


@dataclass(frozen=True)
class Stored:
    """An entry as export copies it: the encoded analysis with what its key was made of."""

    key: str
    content_hash: str
    stopwords: str
    data: bytes


class Cache:
    """Analyses by key; every failure degrades to a miss (or a skipped write) with a warning.

    ``write_failures`` counts analyses that could not be stored, for ``index`` to report.
    """

    def __init__(
        self, path: Path, warn: Warn = _quiet, busy_seconds: float = 2.0, attempts: int = 3, read_only: bool = False
    ) -> None:
        self.path = path
        self._store = Store(path, warn, busy_seconds, attempts, read_only)
        self._index = FileIndex(lambda: self._store.rows("SELECT path, size, mtime_ns, hashed_ns, hash FROM files"))
        # The stopword lists of the keys made here: with a file's content hash they give an
        # entry's key parts, which export needs (a small set, not a table of every key).
        self._stopwords: set[str] = set()
        self.write_failures = 0

    @property
    def health(self) -> Health:
        return self._store.health

    def key(self, content_hash: str, options: Options) -> str:
        stopwords = stopwords_id(options)
        self._stopwords.add(stopwords)
        return entry_key(content_hash, pipeline_version(), stopwords)

    def file_key(self, path: str, options: Options) -> str | None:
        """The cache key of a file, None when it cannot be read or is over the size limit.
        Known files are not read again (``FileIndex``); ``flush`` stores the hashes made here."""
        digest = self._index.content_hash(path, options.max_file_bytes)
        return self.key(digest, options) if digest is not None else None

    def flush(self) -> None:
        """Store the file hashes made since the last flush (in one transaction)."""
        rows = self._index.take_new()
        if rows:
            self._store.write("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", rows)

    def get(self, key: str, path: str) -> Analysis | None:
        """The entry under ``key``, reported at ``path``; an entry that does not decode is a miss."""
        found = self._store.rows("SELECT data FROM analyses WHERE key = ?", (key,))
        if not found:
            return None
        try:
            analysis = decode(found[0][0])
        except DecodeError as exc:
            log.info("cache %s: entry %s does not decode (%s); analysing again", self.path, key, exc)
            return None
        return replace(analysis, document=replace(analysis.document, path=path))

    def put(self, key: str, analysis: Analysis, content_hash: str | None = None) -> bool:
        """Store ``analysis`` (without its words: only summarising again needs them). The file's
        ``content_hash``, when not given, is the one ``file_key`` found for its path."""
        content_hash = content_hash or self._index.known_hash(analysis.document.path)
        stopwords = next(
            (s for s in self._stopwords if content_hash and entry_key(content_hash, pipeline_version(), s) == key),
            None,
        )
        if stopwords is None:  # stored all the same; export leaves out an entry it cannot check
            content_hash = None
        return self.put_encoded(key, content_hash, stopwords, analysis, encode(analysis.without_words()))

    def put_encoded(
        self, key: str, content_hash: str | None, stopwords: str | None, analysis: Analysis, data: bytes
    ) -> bool:
        document = analysis.document
        row = (
            key,
            content_hash,
            stopwords,
            document.path,
            time.time(),
            document.title,
            document.date_label(),
            " ".join(sorted(analysis.summaries)),
            analysis.entities is not None,
            data,
        )
        if self._store.write(_PUT, [row]):
            return True
        self.write_failures += 1
        return False

    def stored(self, keys: Iterable[str] | None = None) -> list[Stored]:
        """Entries with their key's parts (all, or those of ``keys``), for export."""
        sql = "SELECT key, content_hash, stopwords, data FROM analyses WHERE content_hash IS NOT NULL"
        if keys is None:
            rows = self._store.rows(sql + " ORDER BY key")
        else:
            rows = [row for key in dict.fromkeys(keys) for row in self._store.rows(sql + " AND key = ?", (key,))]
        return [Stored(*row) for row in rows]

    def headers(self) -> dict[str, Header]:
        """Every entry's title, date and what it holds: enough to fill a long list at once."""
        rows = self._store.rows("SELECT key, title, date, algorithms, entities FROM analyses")
        return {
            key: Header(title, date or "", frozenset((algorithms or "").split()), bool(entities))
            for key, title, date, algorithms, entities in rows
        }

    def keys(self) -> set[str]:
        return {row[0] for row in self._store.rows("SELECT key FROM analyses")}

    def count(self) -> int:
        found = self._store.rows("SELECT COUNT(*) FROM analyses")
        return int(found[0][0]) if found else 0

    def clear(self) -> int:
        """Remove every entry (``cache clear``: the user asked); the number removed."""
        removed = self.count()
        if not self._store.write("DELETE FROM analyses", [()]) or not self._store.write("DELETE FROM files", [()]):
            return 0
        self._index.forget()
        self._store.vacuum()
        return removed

    def close(self) -> None:
        self.flush()
        self._store.close()


def cache_path(folder: Path | None = None) -> Path:
    return (folder or paths.cache_dir()) / CACHE_FILE


def open_cache(warn: Warn = _quiet, folder: Path | None = None) -> Cache:
    return Cache(cache_path(folder), warn)


def cache_info(folder: Path | None = None) -> str:
    """Where the cache is, its entries and size; opened read-only, so it reports a read-only cache too."""
    path = cache_path(folder)
    if not path.exists():
        return f"cache: {path}\nentries: 0 (no cache yet)"
    problems: list[str] = []
    cache = Cache(path, problems.append, read_only=True)
    entries = cache.count()
    cache.close()
    size = sum(os.path.getsize(f"{path}{s}") for s in ("", "-wal") if os.path.exists(f"{path}{s}"))
    lines = [
        f"cache: {path}",
        f"entries: {entries}",
        f"size: {size / 1e6:.1f} MB",
        f"pipeline version: {pipeline_version()}",
    ]
    moved = sorted(p for p in path.parent.glob(f"{CACHE_FILE}.moved-*") if not p.name.endswith(("-wal", "-shm")))
    lines += [f"moved aside (unused; yours to keep or delete): {p.name}" for p in moved]
    return "\n".join(lines + [f"note: {problem}" for problem in problems])


def clear_cache(folder: Path | None = None) -> str:
    path = cache_path(folder)
    if not path.exists():
        return f"cache: {path} is already empty"
    problems: list[str] = []
    cache = Cache(path, problems.append)
    removed = cache.clear()
    cache.close()
    return "\n".join([f"cache: removed {removed} entries from {path}", *problems])
