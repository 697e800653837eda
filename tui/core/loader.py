"""Find article files and decode them into normalised text, refusing what is not an article."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.model import Heading
from tui.core.readers import BINARY_FORMATS, SUFFIXES, Progress

ARTICLE_SUFFIXES = tuple(SUFFIXES)
DEFAULT_MAX_BYTES = 5_000_000
# Word and PDF files carry images and fonts beside their text: they may be this many times larger.
BINARY_SIZE_FACTOR = 10

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


class LoadError(Exception):
    """A file that cannot be read as an article; ``str()`` is the one-line reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Rebuilt from both fields, so it survives the trip back from a worker process.
        return (LoadError, (self.path, self.reason))


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
    """Yield article file paths (folders searched recursively, sorted) or a LoadError per bad path."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
            except OSError as exc:
                yield LoadError(str(path), f"cannot list folder ({exc.strerror or exc})")
                continue
            yield from (str(p) for p in found)
        elif path.is_file():
            yield str(path)
        elif path.exists():
            yield LoadError(str(path), "not a regular file")
        else:
            yield LoadError(str(path), "no such file or folder")


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
    if not text.strip():
        raise LoadError(path, "empty file")
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
    """The file's bytes; a LoadError when it is too large or cannot be read."""
    limit = size_limit(path, max_bytes)
    try:
        size = os.path.getsize(path)
        if size > limit:
            raise LoadError(
                path,
                f"file too large ({size:,} bytes; the limit is {limit:,}, set by max_file_bytes in config.toml)",
            )
        with open(path, "rb") as handle:
            return handle.read()
    except LoadError:
        raise
    except IsADirectoryError:
        raise LoadError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise LoadError(path, f"cannot read ({exc.strerror or exc})") from None


# Invisible characters that split words for search and entities ("Jae-\u200bin"): zero width
# space, word joiner and a byte order mark inside the text. Joiners that shape emoji stay.
_INVISIBLE = "\u200b\u2060\ufeff"
_DROP_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE))


def normalise(text: str) -> str:
    """NFC, without invisible word-splitting characters: the form every step works on."""
    text = unicodedata.normalize("NFC", text)
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
