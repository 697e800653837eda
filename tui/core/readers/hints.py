"""What a reader's metadata tells the cleaner: a stated title, date or author wins over a guess.

Only sane values count. A web page's or Markdown file's metadata is the author's own
statement. A Word, OpenDocument or PDF file's properties are often the template's or the
typist's account (``Un-named``, ``Microsoft Word - bao cao.doc``, a scanner's timestamp),
so there a title or an author counts only when the document's text says it too and the
cleaner found nothing fuller (a template's ``QUYẾT ĐỊNH`` never replaces ``Quyết định về việc
…``), and the file's creation date is kept in metadata but never taken for the document's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from tui.core.model import Document, Heading, Removed, Span

# Formats whose metadata the page or file's author wrote, rather than a program.
_STATED = frozenset({"html", "markdown"})
_GENERIC_TITLES = frozenset({"untitled", "document", "new document", "no title", "tài liệu", "văn bản", "title"})
_GENERIC_AUTHORS = frozenset(
    {"admin", "administrator", "user", "owner", "un-named", "unnamed", "unknown", "author", "windows user",
     "microsoft office user", "microsoft", "pc", "guest", "default", "anonymous", "người dùng", "máy tính"}
)  # fmt: skip
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|odt|rtf|txt|html?)\s*$|^microsoft\s+word\s*-", re.IGNORECASE)
_TITLE_MAX_WORDS = 40
_LONG_LINE_WORDS = 12  # a displaced headline guess longer than this was body text


def apply_hints(
    document: Document, format: str, metadata: Mapping[str, str], headings: tuple[Heading, ...]
) -> Document:
    """``document`` with the reader's format, metadata and headings, and its stated title/date/author."""
    stated = format in _STATED
    changes: dict[str, Any] = {
        "format": format,
        "metadata": {**metadata, **document.metadata},
        "headings": headings or document.headings,
    }
    title = sane_title(metadata.get("title"))
    if title and _fold(title) == _fold(metadata.get("site", "")):
        title = None  # a page whose only stated title is the site's name
    if title and _title_wins(document, title, stated):
        changes.update(_retitle(document, title))
    if stated and (date := sane_date(metadata.get("date"))):
        changes.update(date=date, date_text=metadata["date"])
    author = sane_author(metadata.get("author"))
    if author and (stated or (document.author is None and _fold(author) in _fold(document.text))):
        span = _find_line(document.text, author)
        changes.update(author=author, author_span=span)
    return replace(document, **changes)


def _title_wins(document: Document, title: str, stated: bool) -> bool:
    guess = document.title or ""
    if _fold(title) == _fold(guess):
        return False
    if stated:
        return True
    return _find_line(document.text, title) is not None and len(title.split()) >= len(guess.split())


def sane_title(value: str | None) -> str | None:
    if not value:
        return None
    title = " ".join(value.split())
    words = title.split()
    letters = sum(ch.isalpha() for ch in title)
    if not 1 <= len(words) <= _TITLE_MAX_WORDS or letters < 4 or letters < sum(ch.isdigit() for ch in title):
        return None
    if _FILE_NAME.search(title) or title.casefold() in _GENERIC_TITLES:
        return None
    return title


def sane_author(value: str | None) -> str | None:
    if not value:
        return None
    author = " ".join(value.split())
    if not 1 <= len(author.split()) <= 8 or re.search(r"[\d@/\\]|https?:", author):
        return None
    if author.casefold() in _GENERIC_AUTHORS or not any(ch.isupper() for ch in author):
        return None
    return author


def sane_date(value: str | None) -> dt.date | None:
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not match:
        return None
    try:
        date = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
    return date if 1900 <= date.year <= dt.date.today().year + 1 else None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _find_line(text: str, wanted: str) -> Span | None:
    """The first line of ``text`` that is ``wanted``, or holds it and little else."""
    target = _fold(wanted)
    offset = 0
    for raw in text.split("\n"):
        line = _fold(raw)
        if line == target or (target in line and len(line) <= 2 * len(target)):
            start = offset + len(raw) - len(raw.lstrip())
            return Span(start, start + len(raw.strip()))
        offset += len(raw) + 1
    return None


def _retitle(document: Document, title: str) -> dict[str, Any]:
    """The stated title, its line taken out of the body, the cleaner's guess put back or set aside."""
    span = _find_line(document.text, title)
    paragraphs = [p for p in document.paragraphs if span is None or not _overlaps(p, span)]
    removed = [r for r in document.removed if span is None or not _overlaps(Span(r.start, r.end), span)]
    old = document.title_span
    if old is not None and (span is None or not _overlaps(old, span)):
        guess = document.text[old.start : old.end]
        if len(guess.split()) > _LONG_LINE_WORDS:
            paragraphs.append(old)
        else:
            removed.append(Removed(old.start, old.end, "kicker"))
    return {
        "title": " ".join(document.text[span.start : span.end].split()) if span else title,
        "title_span": span,
        "paragraphs": tuple(sorted(paragraphs, key=lambda p: p.start)),
        "removed": tuple(sorted(removed, key=lambda r: r.start)),
    }


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
