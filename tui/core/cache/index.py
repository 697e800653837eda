"""The file index: each file's size and modification time with the hash of its bytes.

Like git's index, a file whose size and modification time are those it had when
it was last hashed keeps that hash, so a warm start stats files instead of
reading them all.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.core.loader import LoadError, content_hash, read_bytes, size_limit

# A file's remembered hash is trusted only when the file was last modified this long
# before it was hashed: a write within the same timestamp tick would otherwise go unseen.
_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Seen:
    """A file as it was when its bytes were hashed."""

    size: int
    mtime_ns: int
    hashed_ns: int
    hash: str

    def row(self, path: str) -> tuple[str, int, int, int, str]:
        return (path, self.size, self.mtime_ns, self.hashed_ns, self.hash)


class FileIndex:
    """Hashes of files by path; ``load`` reads the stored rows on first use."""

    def __init__(self, load: Callable[[], Iterable[tuple[str, int, int, int, str]]]) -> None:
        self._load = load
        self._seen: dict[str, Seen] | None = None
        self._new: list[tuple[str, Seen]] = []

    def content_hash(self, path: str, max_bytes: int) -> str | None:
        """The hash of the file's bytes, None when it cannot be read or is over its size limit
        (``max_bytes``, the configured one: ``loader.size_limit`` allows more for Word and PDF)."""
        try:
            stat = os.stat(path)
            if stat.st_size > size_limit(path, max_bytes):
                return None
            seen = self._remembered().get(os.path.abspath(path))
            if (
                seen is not None
                and seen.size == stat.st_size
                and seen.mtime_ns == stat.st_mtime_ns
                and stat.st_mtime_ns < seen.hashed_ns - _RACY_NS
            ):
                return seen.hash
            hashed_ns = time.time_ns()
            digest = content_hash(read_bytes(path, max_bytes))  # a FIFO swapped in is refused, never waited on
        except (OSError, LoadError):
            return None
        self._new.append((os.path.abspath(path), Seen(stat.st_size, stat.st_mtime_ns, hashed_ns, digest)))
        return digest

    def known_hash(self, path: str) -> str | None:
        """The hash last found for ``path`` (without looking at the file)."""
        path = os.path.abspath(path)
        for new_path, seen in reversed(self._new):
            if new_path == path:
                return seen.hash
        found = self._remembered().get(path)
        return found.hash if found is not None else None

    def take_new(self) -> list[tuple[str, int, int, int, str]]:
        """The rows hashed since the last call, to store; they count as remembered from now on."""
        new, self._new = self._new, []
        if new:
            self._remembered().update(new)
        return [seen.row(path) for path, seen in new]

    def forget(self) -> None:
        self._seen, self._new = None, []

    def _remembered(self) -> dict[str, Seen]:
        if self._seen is None:
            self._seen = {
                path: Seen(size, mtime_ns, hashed_ns, digest)
                for path, size, mtime_ns, hashed_ns, digest in self._load()
            }
        return self._seen
