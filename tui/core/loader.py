"""Find article files and read each with the reader for its format, refusing what is not an article."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.model import Heading
from tui.core.readers import BINARY_FORMATS, SUFFIXES, Progress
from tui.core.textfile import LoadError, content_hash, decode, looks_binary, normalise

# Callers find the reading basics here too (one definition, in ``textfile``).
__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "LoadError",
    "LoadedText",
    "content_hash",
    "decode",
    "find_articles",
    "load_bytes",
    "load_text",
    "looks_binary",
    "normalise",
    "read_bytes",
    "read_start",
    "size_limit",
    "utf8_name",
]

ARTICLE_SUFFIXES = tuple(SUFFIXES)
DEFAULT_MAX_BYTES = 5_000_000
# Word and PDF files carry images and fonts beside their text: they may be this many times larger.
BINARY_SIZE_FACTOR = 10


@dataclass(frozen=True)
class LoadedText:
    path: str
    text: str  # decoded and NFC-normalised: the frame of every offset
    encoding: str
    note: str | None = None  # what the reader wants said: a fallback decoding, a conversion, OCR
    content_hash: str = ""
    format: str = "text"  # the reader: text, markdown, html, docx, pdf, doc, odt
    metadata: dict[str, str] = field(default_factory=dict)  # what the file itself states
    headings: tuple[Heading, ...] = ()


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
            yield from _walk(path)
        elif stat.S_ISREG(info.st_mode):
            yield path
        else:
            yield LoadError(path, "not a regular file")


def _walk(root: str) -> Iterator[str | LoadError]:
    """Article files below ``root`` and a LoadError per folder that cannot be listed, in order.

    The order is by path components ("a/b" before "a-b/c"), as sorting whole paths by their
    parts would give, but each folder is sorted on its own when it is reached: the first files
    come after listing a folder or two, not the whole tree (a list of 100,000 articles can
    show its first rows at once). A folder reached again through a link is skipped where it is
    met the second time in that order.
    """
    listed: set[tuple[int, int]] = set()  # (st_dev, st_ino) of the folders listed: loop protection
    stack = [_listing(root, listed)]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, _Folder):
            stack.append(_listing(item.path, listed))
        else:
            yield item


@dataclass(frozen=True, slots=True)
class _Folder:
    """A folder met in a listing: walked at its place in the order."""

    path: str


def _listing(folder: str, listed: set[tuple[int, int]]) -> Iterator[str | LoadError | _Folder]:
    """One folder's entries sorted by name: article files, odd entries named like one, folders."""
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in listed:
            return  # reached again through a link
        listed.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield LoadError(folder, f"cannot list folder ({exc.strerror or exc})")
        return
    for entry in entries:
        try:
            if entry.is_dir():  # follows links
                yield _Folder(entry.path)
            elif os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES:  # Path() costs 3 µs
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


def load_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None) -> LoadedText:
    """Read one file (never writing to it) with the reader for its format; NFC text and metadata.

    ``progress(page, pages)`` is called during long reads (OCR of a scanned PDF)."""
    return load_bytes(path, read_bytes(path, max_bytes), progress)


def load_bytes(path: str, data: bytes, progress: Progress | None = None) -> LoadedText:
    """``load_text`` for bytes already read (a caller that looked them up in the cache first)."""
    from tui.core.readers import extract

    extracted = extract(path, data, progress)
    text = extracted.text
    if looks_binary(text):
        raise LoadError(path, "binary file (control characters)")
    # An empty text is refused by ``extract`` itself, with the reason of its format.
    return LoadedText(
        path,
        text,
        extracted.encoding,
        "; ".join(extracted.notes) or None,
        content_hash(data),
        extracted.format.value,
        extracted.metadata,
        extracted.headings,
    )


def size_limit(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """The largest file ``path`` may be: ``max_bytes``, or BINARY_SIZE_FACTOR times it for Word/PDF files."""
    return max_bytes * BINARY_SIZE_FACTOR if SUFFIXES.get(Path(path).suffix.lower()) in BINARY_FORMATS else max_bytes


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The whole file, or a LoadError when it is not a regular file or is over its size limit
    (``max_bytes``, more for Word and PDF files: ``size_limit``)."""
    return _read_regular(path, size_limit(path, max_bytes), whole=True)


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
