"""Which articles the reader has opened or flagged, kept between sessions in the XDG data folder.

Plain Python (no Textual). The file is JSON holding resolved paths, written
atomically (a private temporary file renamed over the old one) and readable by
the user alone. A file that cannot be understood is moved aside, never deleted,
and reading starts empty with one warning.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TypeGuard

from tui import paths

log = logging.getLogger(__name__)

FILE_NAME = "read.json"
VERSION = 2  # 2 adds the flagged articles
VERSIONS = (1, 2)  # a version 1 file (read articles only) is read as it is


def default_file() -> Path:
    return paths.data_dir() / FILE_NAME


def _key(path: str) -> str:
    return os.path.realpath(path)


class _Resolver:
    """``os.path.realpath`` for the files of a few folders: each folder resolved once.

    ``realpath`` looks at every component of every path (100,000 files: seconds); a file
    that is not a link resolves to its folder's real path and its own name, so only the
    folder is resolved, and a file's own link is followed when it is one (one ``lstat``).
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        folder, name = os.path.split(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        if not name or name in (".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        return os.path.join(real, name)


class ReadMarks:
    """The articles read and the articles flagged; ``mark``, ``flag`` and ``save`` keep them on disk."""

    def __init__(self, file: Path, read: set[str] | None = None, flagged: set[str] | None = None) -> None:
        self.file = file
        self._read: set[str] = set(read or ())
        self._flagged: set[str] = set(flagged or ())
        self._dirty = False

    @classmethod
    def load(cls, file: Path | None = None) -> tuple[ReadMarks, str | None]:
        """The marks in ``file`` (default: the data folder's) and a warning when it could not be read."""
        file = file or default_file()
        try:
            raw = file.read_bytes()
        except FileNotFoundError:
            return cls(file), None
        except OSError as exc:
            return cls(file), f"{file}: cannot read the read articles ({exc.strerror}); starting empty"
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("version") not in VERSIONS:
                raise ValueError("not a read-articles file of this version")
            read = data.get("read")
            flagged = data.get("flagged", [])
            if not _paths(read) or not _paths(flagged):
                raise ValueError("its list of paths is damaged")
        except (UnicodeDecodeError, ValueError) as exc:
            aside = file.with_name(f"{file.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                os.replace(file, aside)
            except OSError as move_error:
                log.warning("cannot move %s aside: %s", file, move_error)
                return cls(file), f"{file}: cannot be understood ({exc}); starting empty"
            return cls(file), f"{file}: cannot be understood ({exc}); moved to {aside.name}, starting empty"
        return cls(file, set(read), set(flagged)), None

    def is_read(self, path: str) -> bool:
        return _key(path) in self._read

    def read_among(self, paths: Iterable[str]) -> list[bool]:
        """``is_read`` of each of ``paths``, for a whole list at once (nothing to look at when none is read)."""
        return _among(paths, self._read)

    def flagged_among(self, paths: Iterable[str]) -> list[bool]:
        """``is_flagged`` of each of ``paths``, for a whole list at once."""
        return _among(paths, self._flagged)

    def mark(self, path: str) -> bool:
        """Mark ``path`` read; True when it was not before."""
        key = _key(path)
        if key in self._read:
            return False
        self._read.add(key)
        self._dirty = True
        return True

    def is_flagged(self, path: str) -> bool:
        return _key(path) in self._flagged

    def flag(self, path: str, flagged: bool) -> None:
        """Flag ``path`` (or take its flag away)."""
        key = _key(path)
        if (key in self._flagged) is not flagged:
            (self._flagged.add if flagged else self._flagged.discard)(key)
            self._dirty = True

    def save(self) -> str | None:
        """Write the marks if they changed; a one-line message when that failed."""
        if not self._dirty:
            return None
        data = json.dumps(
            {"version": VERSION, "read": sorted(self._read), "flagged": sorted(self._flagged)}, ensure_ascii=False
        )
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, prefix=f".{self.file.name}.")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:  # mkstemp makes it 0600
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temporary, self.file)
            except BaseException:
                os.unlink(temporary)  # our own temporary file, never the user's
                raise
        except OSError as exc:
            return f"{self.file}: cannot save the read articles ({exc.strerror})"
        self._dirty = False
        return None


def _among(paths: Iterable[str], keys: set[str]) -> list[bool]:
    if not keys:
        return [False for _ in paths]
    resolve = _Resolver()
    return [resolve(path) in keys for path in paths]


def _paths(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(p, str) for p in value)
