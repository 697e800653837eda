"""One reader per file format, each turning a file's bytes into the text every offset indexes.

A reader is a plain function ``read(path, data, progress) -> Extracted``. The text it
returns is NFC-normalised (``loader.normalise``) and holds the document's own words only:
page headers and footers, Word headers/footers/footnotes and Markdown markup stay out of it.
``metadata`` is what the file itself states (an HTML page's title, date and author from its
markup; a Word file's core properties), ``headings`` the headings its structure marks.

Readers for binary formats import their library only when called, so opening a folder of
text files costs nothing extra.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from tui.core.model import Heading

# ``loader`` imports this package for its suffixes, so loader names are imported where used.

# ``(page, pages)``: called before each page of a long read (OCR), so a caller can show progress.
Progress = Callable[[int, int], None]


class Format(Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"
    DOC = "doc"
    ODT = "odt"


SUFFIXES: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".docx": Format.DOCX,
    ".pdf": Format.PDF,
    ".doc": Format.DOC,
    ".odt": Format.ODT,
}
BINARY_FORMATS = frozenset({Format.DOCX, Format.PDF, Format.DOC, Format.ODT})


@dataclass(frozen=True)
class Extracted:
    text: str  # NFC: the frame of every offset
    format: Format
    encoding: str  # the text encoding, or the container ("docx", "pdf", "pdf+ocr", …)
    notes: tuple[str, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)  # title, author, date, created, … as the file states
    headings: tuple[Heading, ...] = ()


_TAB_COLUMNS = re.compile(r"\t[ \t]*\t")
# A line ending with one of these may end its paragraph; any other wrapped line continues.
SENTENCE_END = (".", ":", ";", "!", "?")
_HYPHENATED = re.compile(r"[^\W\d_]-$")


def join_wrapped(previous: str, line: str) -> str:
    """Two lines of one paragraph, joined with a space; a word hyphenated at the line's end
    (rare for Vietnamese syllables, common in loanwords: ``Inter-`` + ``net``) loses its hyphen."""
    if _HYPHENATED.search(previous) and line[:1].islower():
        return previous[:-1] + line
    return f"{previous} {line}"


def table_blocks(rows: list[list[list[str]]]) -> list[str]:
    """Blocks for a table given as rows of cells of lines. A data table gives one line a row,
    cells separated by `` | ``; a layout table (some cell holds several lines: an official
    document's issuer and motto, its recipients and signature block) one block a cell, each
    line kept, so those lines keep their shape."""
    if any(len(cell) > 1 for row in rows for cell in row):
        return ["\n".join(cell) for row in rows for cell in row]
    return [" | ".join(" ".join(cell) for cell in row) for row in rows]


class TextBuilder:
    """Blocks of text joined by blank lines, with the offsets of the headings among them."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.headings: list[Heading] = []

    def add(self, block: str, heading: int | None = None) -> None:
        from tui.core.textfile import normalise

        # Lines are stripped and runs of spaces kept: offsets index exactly what is stored.
        # Two tabs or more set columns apart (``Số: 12/QĐ-UBND<tab><tab>Hà Nội, ngày …``): separate lines.
        block = _TAB_COLUMNS.sub("\n", normalise(block).replace("\r", "\n"))
        lines = [line.strip() for line in block.split("\n")]
        text = "\n".join(line for line in lines if line)
        if not text:
            return
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        if heading is not None:
            self.headings.append(Heading(self._length, self._length + len(text), heading, plain(text)))
        self._parts.append(text)
        self._length += len(text)

    def text(self) -> str:
        return "".join(self._parts) + ("\n" if self._parts else "")


def sniff(path: str, data: bytes) -> Format | None:
    """The format from the file's first bytes, else from its suffix; None when neither is known."""
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF-"):
        return Format.PDF
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: Word 97-2003
        return Format.DOC
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or Path(path).suffix.lower() == ".docx":
            return Format.DOCX
        if b"opendocument.text" in data[:200]:
            return Format.ODT
    if head[:15].lower().startswith((b"<!doctype html", b"<html")):
        return Format.HTML  # also a page saved as ".doc", as some portals publish them
    return SUFFIXES.get(Path(path).suffix.lower())


_MODULES = {
    Format.TEXT: "text",
    Format.MARKDOWN: "markdown",
    Format.HTML: "html",
    Format.DOCX: "docx",
    Format.PDF: "pdf",
    Format.DOC: "doc",
    Format.ODT: "odt",
}


def extract(path: str, data: bytes, progress: Progress | None = None, *, ocr: bool = True) -> Extracted:
    """Read ``data`` (the bytes of ``path``) with the reader for its format; LoadError on failure.

    ``ocr=False``: a scanned PDF is refused instead of read page by page (for quick previews)."""
    from tui.core.textfile import LoadError

    if data[:5] == b"{\\rtf":
        raise LoadError(path, "RTF file: not supported (save it as .docx or .odt)")
    kind = sniff(path, data) or Format.TEXT  # a file named on the command line is read as text
    module = importlib.import_module(f"tui.core.readers.{_MODULES[kind]}")
    if kind is Format.PDF:
        extracted = module.read(path, data, progress, ocr=ocr)
    else:
        reader: Callable[[str, bytes, Progress | None], Extracted] = module.read
        extracted = reader(path, data, progress)
    if not extracted.text.strip():
        # A text file holding only blanks (or a byte order mark) is empty, as the loader says.
        reason = "empty file" if kind is Format.TEXT else f"no text found in this {kind.value} file"
        raise LoadError(path, reason)
    metadata = {key: value for key, value in ((k, plain(v)) for k, v in extracted.metadata.items()) if value}
    return replace(extracted, metadata=metadata)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069]")


def plain(value: str) -> str:
    """A metadata or heading value as one line of plain characters: controls (an escape sequence's
    ESC, bidirectional overrides) become spaces, runs of spaces one."""
    return " ".join(_CONTROL.sub(" ", value).split())
