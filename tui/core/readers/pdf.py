"""PDF files through pypdfium2 (BSD/Apache): the text layer re-flowed into paragraphs, or OCR.

A PDF's text layer is a set of positioned runs, not paragraphs. Runs on one baseline make
a line; a line starts a new paragraph after a vertical gap wider than the page's usual line
spacing, when it is indented, or when the line before it ended short with a full stop.
Wrapped lines join with a space, a word hyphenated at the line end joins without one.
Lines that repeat at the top or bottom of most pages (running heads, footers) and bare
page numbers are dropped. A PDF with no real text layer (a scan, or a scan carrying only
a digital-signature stamp) goes to OCR (``ocr.py``).
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tui.core.readers import SENTENCE_END, Extracted, Format, Progress, TextBuilder, join_wrapped
from tui.core.textfile import LoadError

log = logging.getLogger(__name__)

MAX_PAGES = 2_000
_EDGE_LINES = 2  # lines at the top and at the bottom of a page where running heads and numbers sit
_PAGE_NUMBER = re.compile(r"^[-–—(\[]?\s*(?:trang|page)?\s*\d{1,4}(?:\s*(?:/|của|of)\s*\d{1,4})?\s*[-–—)\]]?$", re.I)
# The stamp a signing tool puts on a scan ("Người ký: … Cơ quan: … Thời gian ký: …").
_SIGNATURE_STAMP = re.compile(
    r"^\s*(?:người\s*ký|ký\s*bởi|cơ\s*quan|email|thời\s*gian\s*ký|ngày\s*ký|signed\s*by|signature)\b", re.I
)
_MIN_LETTERS_PER_PAGE = 40  # fewer letters than this on average: the pages are images


@dataclass
class _Line:
    left: float
    right: float
    top: float
    bottom: float
    text: str


def read(path: str, data: bytes, progress: Progress | None = None, ocr: bool = True) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = "password-protected" if "password" in str(exc).lower() else f"not a readable PDF ({exc})"
        raise LoadError(path, reason) from None
    try:
        pages = len(pdf)
        if pages > MAX_PAGES:
            raise LoadError(path, f"PDF has {pages:,} pages (the limit is {MAX_PAGES:,})")
        metadata = _metadata(pdf)
        page_lines = [_page_lines(pdf[i]) for i in range(pages)]
        if _is_scan(page_lines):
            if not ocr:
                raise LoadError(path, "scanned PDF: its text needs OCR")
            from tui.core.readers.ocr import ocr_pdf

            text, notes = ocr_pdf(path, pdf, progress)
            builder = TextBuilder()
            builder.add(text)
            return Extracted(builder.text(), Format.PDF, "pdf+ocr", notes, metadata)
    finally:
        pdf.close()
    return Extracted(_flow(page_lines), Format.PDF, "pdf", (), metadata)


def _metadata(pdf: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception as exc:  # noqa: BLE001 - a damaged info dictionary: the pages may still be fine
        log.info("PDF metadata unreadable: %s", exc)
        return out
    for key in ("Title", "Author", "Subject"):
        if value := " ".join(str(info.get(key, "")).split()):
            out[key.lower()] = value
    if match := re.match(r"D:(\d{4})(\d{2})(\d{2})", str(info.get("CreationDate", ""))):
        out["created"] = "-".join(match.groups())
    return out


def _page_lines(page: Any) -> list[_Line]:
    """The page's text lines in pdfium's reading order, each with the box of its characters.

    The text comes from pdfium's own text run (which puts accents placed as separate glyphs
    back on their letters); one character of it is one index of the page's character boxes."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        lines: list[_Line] = []
        offset = 0
        for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            start, end = offset, offset + len(raw)
            offset = end + (2 if text[end : end + 2] == "\r\n" else 1)
            lines += _segments(textpage, raw, start)
    finally:
        textpage.close()
        page.close()
    return lines


def _segments(textpage: Any, raw: str, start: int) -> list[_Line]:
    """One line of text, split where a wide gap separates two columns set on the same row
    (an official document's number and its place-and-date line)."""
    pieces: list[tuple[int, int]] = []  # [first, last] character indexes of each piece
    first = last = None
    for index, char in enumerate(raw, start):
        if char.isspace():
            continue
        if first is None or last is None:
            first = index
        elif index - last > 1 and _gap(textpage, last, index):
            pieces.append((first, last))
            first = index
        last = index
    if first is not None and last is not None:
        pieces.append((first, last))
    out = []
    for a, b in pieces:
        left, bottom, _, top = textpage.get_charbox(a, loose=True)
        _, last_bottom, right, last_top = textpage.get_charbox(b, loose=True)
        content = " ".join(raw[a - start : b - start + 1].split())
        out.append(_Line(left, right, max(top, last_top), min(bottom, last_bottom), content))
    return out


def _gap(textpage: Any, before: int, after: int) -> bool:
    """Whether the space between two characters is wider than three line heights."""
    _, bottom, right, top = textpage.get_charbox(before, loose=True)
    next_left = textpage.get_charbox(after, loose=True)[0]
    return next_left - right > 3 * max(top - bottom, 1.0)


def _is_scan(page_lines: list[list[_Line]]) -> bool:
    """No text layer to speak of, or one holding only a signing stamp."""
    if not page_lines:
        return False
    letters = sum(
        sum(ch.isalpha() for ch in line.text)
        for lines in page_lines
        for line in lines
        if not _SIGNATURE_STAMP.match(line.text)
    )
    return letters < _MIN_LETTERS_PER_PAGE * len(page_lines)


def _flow(page_lines: list[list[_Line]]) -> str:
    furniture = _running_lines(page_lines)
    builder = TextBuilder()
    paragraph: list[str] = []
    for lines in page_lines:
        kept = [
            line
            for i, line in enumerate(lines)
            if not (_at_edge(i, len(lines)) and (_key(line.text) in furniture or _PAGE_NUMBER.match(line.text)))
        ]
        spacing = _line_spacing(kept)
        left = min((line.left for line in kept), default=0.0)
        right = max((line.right for line in kept), default=0.0)
        previous: _Line | None = None
        for line in kept:
            if previous is not None and _breaks(previous, line, spacing, left, right):
                builder.add(_join(paragraph))
                paragraph = []
            paragraph.append(line.text)
            previous = line
        # A paragraph may run on to the next page: it continues unless the page ended a sentence.
        if paragraph and paragraph[-1].rstrip().endswith(SENTENCE_END):
            builder.add(_join(paragraph))
            paragraph = []
    builder.add(_join(paragraph))
    return builder.text()


def _running_lines(page_lines: list[list[_Line]]) -> set[str]:
    """Lines (digits ignored) at a page's top or bottom that repeat on at least half the pages."""
    if len(page_lines) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in page_lines:
        counts.update({_key(line.text) for i, line in enumerate(lines) if _at_edge(i, len(lines))})
    needed = max(2, len(page_lines) // 2)
    return {key for key, count in counts.items() if count >= needed}


def _at_edge(index: int, count: int) -> bool:
    return index < _EDGE_LINES or index >= count - _EDGE_LINES


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _line_spacing(lines: list[_Line]) -> float:
    steps = [a.bottom - b.bottom for a, b in itertools.pairwise(lines) if a.bottom > b.bottom]
    return statistics.median(steps) if steps else 0.0


def _breaks(previous: _Line, line: _Line, spacing: float, left: float, right: float) -> bool:
    height = max(previous.top - previous.bottom, 1.0)
    step = previous.bottom - line.bottom
    if step <= 0 or (spacing and step > 1.4 * spacing) or step > 2.5 * height:
        return True
    if line.left - left > 1.5 * height and previous.left - left < 0.5 * height:
        return True  # an indented first line
    ended = previous.text.rstrip().endswith(SENTENCE_END)
    return ended and right - previous.right > 4 * height


def _join(lines: list[str]) -> str:
    return functools.reduce(join_wrapped, lines) if lines else ""
