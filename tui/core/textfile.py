"""Bytes into text: the one-line LoadError, decoding, NFC and the tests for binary data.

The base of reading: the loader and every format's reader (``readers/``) use it, so it
imports neither of them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from tui.core.safe_text import one_line

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
