"""Who may use a cache folder: it holds the full text of the articles read, and what
it holds is read back, so it must be the user's own and closed to everyone else.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
# Group or others may write: someone else could plant or alter entries.
_OPEN_TO_OTHERS = stat.S_IWGRP | stat.S_IWOTH


def prepare_folder(folder: Path) -> str | None:
    """Create ``folder`` (mode 0700) or check it; the reason it must not be used, or None."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
        info = folder.stat()
    except OSError as exc:
        return f"cannot create the folder ({exc.strerror or exc})"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    reason = _foreign(info)
    if reason is None and stat.S_IMODE(info.st_mode) & ~FOLDER_MODE:
        _tighten(folder, FOLDER_MODE)  # made by an older version, 0755: others could list it
    return reason


def prepare_file(path: Path) -> str | None:
    """Create ``path`` empty with mode 0600 (SQLite gives its -wal and -shm files the same mode),
    or check an existing one; the reason it must not be used, or None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    except OSError:
        if path.is_symlink():
            return "it is a symbolic link"
        return None  # a read-only folder without the file, or an unreadable file: SQLite says which
    try:
        info = os.fstat(fd)
    finally:
        os.close(fd)
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file"
    reason = _foreign(info)
    if reason is None:
        for suffix in ("", "-wal", "-shm"):
            _tighten(Path(f"{path}{suffix}"), FILE_MODE)
    return reason


def _foreign(info: os.stat_result) -> str | None:
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"it belongs to another user (uid {info.st_uid})"
    if info.st_mode & _OPEN_TO_OTHERS:
        return f"others may write to it (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def _tighten(path: Path, mode: int) -> None:
    """Drop group and other permissions from our own file or folder (best effort: a read-only
    file system keeps what it has, and the check above already refused writable ones)."""
    try:
        info = path.lstat()
        if not stat.S_ISLNK(info.st_mode) and stat.S_IMODE(info.st_mode) & ~mode:
            os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
    except OSError:
        pass
