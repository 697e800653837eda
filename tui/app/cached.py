"""Analyses already in the persistent cache, read in the interface process.

Reading a cached analysis needs SQLite and msgspec, not the NLP stack, so the
interface can show cached articles at once instead of asking a worker. No
Textual here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from tui.app.articles import fold_many

if TYPE_CHECKING:
    from tui.core.cache import Header
    from tui.core.model import Analysis
    from tui.core.pipeline import Options


class CacheReader:
    """Look articles up by their content hash; every failure is a miss."""

    def __init__(self, options: Options, warn: Callable[[str], None] = lambda message: None) -> None:
        from tui.core.cache import open_cache

        self._cache = open_cache(warn)
        self._options = options

    def key(self, path: str) -> str | None:
        from tui.core.loader import utf8_name

        return self._cache.file_key(path, self._options) if utf8_name(path) else None

    def get(self, path: str) -> Analysis | None:
        key = self.key(path)
        return self._cache.get(key, path) if key is not None else None

    def scan(self, paths: Iterable[str]) -> Iterator[tuple[str, Header]]:
        """What the cache holds for each of ``paths``, in order, without decoding any analysis."""
        headers = self._cache.headers()
        if not headers:
            return
        for path in paths:
            key = self.key(path)
            if key is not None and key in headers:
                yield path, headers[key]
        self._cache.flush()  # the next start stats these files instead of reading them

    def close(self) -> None:
        self._cache.close()


class CacheScan(threading.Thread):
    """What the cache holds for the listed articles, read in a thread.

    ``run_app`` starts one before importing Textual, so on a warm start the
    rows are known by the time the list first paints; the reader screen
    runs one itself otherwise. Failures become ``warnings`` and an empty scan.
    """

    def __init__(self, options: Options, paths: Iterable[str]) -> None:
        super().__init__(name="cache-scan", daemon=True)
        self._options = options
        self._paths = list(paths)
        self.reader: CacheReader | None = None  # open, for the interface to look articles up
        self.found: list[tuple[str, Header]] = []
        self.folded: list[str] = []  # each found title folded for the filter, here rather than on a keystroke
        self.warnings: list[str] = []

    def run(self) -> None:
        try:
            reader = CacheReader(self._options, self.warnings.append)
            self.found = list(reader.scan(self._paths))
            self.folded = fold_many([header.title or "" for _, header in self.found])
        except Exception as exc:  # noqa: BLE001 - the cache is an optimisation
            self.warnings.append(f"cannot read the cache ({exc})")
            return
        self.reader = reader
