"""Find article files and decode them into normalised text, refusing what is not an article."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.core.safe_text import one_line

ARTICLE_SUFFIXES = (".txt", ".md")
DEFAULT_MAX_BYTES = 5_000_000

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


class LoadError(Exception):
    """A file that cannot be read as an article; ``str()`` is the one-line reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return one_line(f"{self.path}: {self.reason}")  # file names may hold newlines and escapes

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Rebuilt from both fields, so it survives the trip back from a worker process.
        return (LoadError, (self.path, self.reason))


@dataclass(frozen=True)
class LoadedText:
    path: str
    text: str  # decoded and NFC-normalised: the frame of every offset
    encoding: str
    note: str | None = None  # set when a fallback decoding was used
    content_hash: str = ""


def find_articles(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str | LoadError]:
    """Yield article file paths (folders searched recursively, sorted) or a LoadError per bad path.

    A folder that cannot be opened is a LoadError of its own and the rest of the walk goes on;
    symbolic links to folders are followed, each folder listed once (a link loop ends there).
    """
    for raw in paths:
        path = os.fspath(raw)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            yield LoadError(path, "no such file or folder")
            continue
        except OSError as exc:
            yield LoadError(path, f"cannot open ({exc.strerror or exc})")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from sorted(_walk(path), key=_by_folder)
        elif stat.S_ISREG(info.st_mode):
            yield path
        else:
            yield LoadError(path, "not a regular file")


def _by_folder(item: str | LoadError) -> tuple[str, ...]:
    """Sort key: by path components, so a folder's files stay together ("a/b" before "a-b/c")."""
    return Path(item if isinstance(item, str) else item.path).parts


def _walk(root: str) -> Iterator[str | LoadError]:
    """Article files below ``root`` and a LoadError per folder that cannot be listed."""
    listed: set[tuple[int, int]] = set()  # (st_dev, st_ino) of the folders listed: loop protection
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in listed:
                continue  # reached again through a link
            listed.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError as exc:
            yield LoadError(folder, f"cannot list folder ({exc.strerror or exc})")
            continue
        for entry in entries:
            try:
                if entry.is_dir():  # follows links
                    folders.append(entry.path)
                elif Path(entry.name).suffix.lower() in ARTICLE_SUFFIXES:
                    if entry.is_file():
                        yield entry.path
                    elif entry.is_symlink() and not os.path.exists(entry.path):
                        yield LoadError(entry.path, "broken link")
                    else:  # a FIFO or device named like an article
                        yield LoadError(entry.path, "not a regular file")
            except OSError as exc:  # a link or entry that cannot be looked at
                yield LoadError(entry.path, f"cannot open ({exc.strerror or exc})")


def utf8_name(path: str) -> bool:
    """Whether ``path`` is valid UTF-8: other bytes (kept by Python as surrogate escapes) cannot
    be stored as SQLite text, so the cache skips such files rather than failing on them."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str, str | None]:
    """Return ``(text, encoding, note)``; raise LoadError for empty or binary data."""
    if not data.strip():
        raise LoadError(path, "empty file")
    if data.startswith(_UTF8_BOM):
        return _strict(data[3:], "utf-8", path), "utf-8-sig", None
    if data.startswith(_UTF16_BOMS):
        return _strict(data, "utf-16", path), "utf-16", None
    if b"\x00" in data:
        raise LoadError(path, "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise LoadError(path, "not UTF-8, UTF-16 or Windows-1258 text") from None
    if looks_binary(text):
        raise LoadError(path, "binary file (control characters)")
    return text, "windows-1258", "not valid UTF-8: decoded as Windows-1258 (legacy fallback)"


def load_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedText:
    """Read one file (never writing to it), decode it and normalise it to NFC."""
    data = read_bytes(path, max_bytes)
    text, encoding, note = decode(data, path)
    text = normalise(text)
    if looks_binary(text):
        raise LoadError(path, "binary file (control characters)")
    if not text.strip():
        raise LoadError(path, "empty file")
    return LoadedText(path, text, encoding, note, content_hash(data))


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The whole file, or a LoadError when it is not a regular file or is over ``max_bytes``."""
    return _read_regular(path, max_bytes, whole=True)


def read_start(path: str, limit: int) -> bytes:
    """The first ``limit`` bytes of a regular file (for titles and previews); LoadError otherwise."""
    return _read_regular(path, limit, whole=False)


def _read_regular(path: str, limit: int, whole: bool) -> bytes:
    """Open without blocking (a FIFO or device must not hang the reader), then check what was
    opened, not what the name pointed to a moment before: a file swapped for a FIFO is refused."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise LoadError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise LoadError(path, f"cannot read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(path, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(path, "not a regular file")
        if whole and info.st_size > limit:
            raise LoadError(path, _too_large(info.st_size, limit))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # one byte past the limit tells a file that grew since fstat
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise LoadError(path, f"cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        if whole:
            raise LoadError(path, _too_large(len(data), limit))
        data = data[:limit]
    return data


def _too_large(size: int, limit: int) -> str:
    return f"file too large ({size:,} bytes; the limit is {limit:,}, set by max_file_bytes in config.toml)"


# Invisible characters that split words for search and entities ("Jae-\u200bin"): zero width
# space, word joiner and a byte order mark inside the text. Joiners that shape emoji stay.
_INVISIBLE = "\u200b\u2060\ufeff"
_DROP_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE))


def normalise(text: str) -> str:
    """NFC, newlines as ``\n`` (CRLF and the old Mac CR alike), without invisible word-splitting
    characters: the form every step works on."""
    text = unicodedata.normalize("NFC", text)
    if "\r" in text:  # a lone CR would leave a headline and the body on one "line"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(ch in text for ch in _INVISIBLE):  # rare; translate costs ~40 ns a character
        text = text.translate(_DROP_INVISIBLE)
    return text


def looks_binary(text: str) -> bool:
    """More than 1% control characters (other than whitespace) in the first 20,000 characters."""
    return _control_ratio(text) > 0.01


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError(path, f"invalid {encoding} at byte {exc.start}") from None


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    """Share of control characters other than whitespace: high in binary data."""
    sample = text[:20_000]
    return len(_CONTROL.findall(sample)) / len(sample) if sample else 0.0
