"""The article catalogue the list shows: built from file names and first lines, no NLP.

Plain Python (no Textual): the list must paint before the analysis stack is
imported, so an entry starts from the file's first line and is refined when
the analysis arrives.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from tui.core.fold import fold_loose
from tui.core.loader import LoadError, find_articles, looks_binary, normalise, read_start
from tui.core.readers import BINARY_FORMATS, SUFFIXES


class Status(Enum):
    """An article's row: what is known of it. ``tui.app.library`` alone moves an entry from one to another."""

    PENDING = "pending"  # not analysed in full yet (its summary may be known)
    DONE = "done"  # analysed in full: summary and entities, in memory or in the cache
    FAILED = "failed"  # the file cannot be read or analysed (``Entry.reason`` says why)


_FIRST_BYTES = 600
_SEPARATOR = "\0"
_FIRST_BYTES_STRUCTURED = 32_768  # a web page's <title> may follow kilobytes of <head>


@dataclass(slots=True)
class Entry:
    """One row of the list (slots: 100,000 rows take a third less memory and time to make)."""

    path: str
    title: str
    date: str = ""
    state: Status = Status.PENDING
    reason: str = ""
    needs_title: bool = False  # the title is the file name until the first line is read
    read: bool = False  # opened in this or an earlier session
    flagged: bool = False  # flagged by the reader (``m``), kept between sessions with the read ones
    _loose_title: str | None = field(default=None, repr=False)
    folder: str = field(init=False, default="", repr=False, compare=False)  # the list's order by folder

    def __post_init__(self) -> None:
        # made once (a keystroke of the filter sorts up to 100,000 rows by it); one string per folder
        self.folder = sys.intern(os.path.dirname(self.path))

    @property
    def loose_title(self) -> str:
        """The title folded for the filter; made on first use (``fold_titles`` folds many at once)."""
        if self._loose_title is None:
            self._loose_title = fold_loose(self.title)
        return self._loose_title

    @staticmethod
    def fold_titles(entries: Sequence[Entry]) -> list[Entry]:
        """Fold every title not folded yet in one call; the entries folded now: new, or retitled since."""
        todo = [entry for entry in entries if entry._loose_title is None]
        if not todo:
            return todo
        titles = [entry.title for entry in todo]
        for entry, title, loose in zip(todo, titles, fold_many(titles), strict=True):
            entry._loose_title = loose
            if entry.title is not title:  # retitled meanwhile (the filter's reading thread folds too)
                entry._loose_title = None
        return todo

    @staticmethod
    def loose_titles(entries: Sequence[Entry]) -> list[str]:
        """Every entry's folded title, folding those not folded yet in one call."""
        titles = [entry._loose_title for entry in entries]  # the field, not the property: 100,000 rows
        if None in titles:
            Entry.fold_titles(entries)
            titles = [entry._loose_title for entry in entries]
        return titles  # type: ignore[return-value]  # every one folded now

    def set_title(self, title: str, loose: str | None = None) -> None:
        """``loose``: the title already folded (``fold_many``, in the thread that read it)."""
        self.title = title
        self._loose_title = loose
        self.needs_title = False


_FOLD_TOGETHER = 2_000  # titles folded in one call: few calls, and no copy of every title at once


def fold_many(titles: list[str]) -> list[str]:
    """``fold_loose`` of each of ``titles``, a few thousand per call (100,000 titles one by one
    take seconds; all in one call, the copies of their joined text took 80 MB at once).

    NUL separates them: ``fold_loose`` neither drops it nor moves a mark across it.
    """
    folded: list[str] = []
    for start in range(0, len(titles), _FOLD_TOGETHER):
        part = titles[start : start + _FOLD_TOGETHER]
        done = fold_loose(_SEPARATOR.join(part)).split(_SEPARATOR)
        if len(done) != len(part):  # a title holding the separator itself
            done = [fold_loose(title) for title in part]
        folded.extend(done)
    return folded


def first_line(path: str) -> str:
    """The headline as the cleaner finds it in the start of the file, or the file name.

    Cheap enough for the list's first paint: the cleaner is regular expressions,
    no NLP, and only the first few kilobytes are read.
    """
    from tui.core.clean import clean
    from tui.core.readers.preview import head_text, head_title, is_binary, needs_reader

    if is_binary(path):
        return os.path.basename(path)  # Word and PDF files show their name until analysed
    try:
        data = read_start(path, _FIRST_BYTES if not needs_reader(path) else _FIRST_BYTES_STRUCTURED)
    except LoadError:
        return os.path.basename(path)
    if needs_reader(path):
        # Markdown and web pages show their heading.
        stated = head_title(path, data)
        return " ".join(stated.split())[:200] if stated else os.path.basename(path)
    if b"\x00" in data and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        return os.path.basename(path)  # binary: its "first line" would be noise
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    text = head_text(path, data) if encoding == "utf-8-sig" else None  # TCVN3/VNI/Windows-1258
    text = normalise(text if text is not None else data.decode(encoding, errors="ignore"))
    if looks_binary(text):
        return os.path.basename(path)  # its "first line" would be noise
    title = clean(path, text).title
    return " ".join(title.split())[:200] if title else os.path.basename(path)


_INDEX_BYTES = 2_000_000
_INDEX_MAX_STRUCTURED = 20_000_000  # a larger Word/PDF file is left out of the filter's text


def raw_start(path: str, limit: int = 20_000) -> str:
    """The start of the file as it is, shown while the analysis runs (a FIFO or device is not read).

    Nothing for Word, PDF and OpenDocument files: their bytes are not text a reader could use."""
    if SUFFIXES.get(os.path.splitext(path)[1].lower()) in BINARY_FORMATS:
        return ""
    try:
        return read_start(path, limit).decode("utf-8", errors="replace")
    except LoadError:
        return ""


READ_TITLES_UP_TO = 300  # longer lists paint with file names; first lines follow


def build_entries(paths: Iterable[str], read_titles: int = READ_TITLES_UP_TO) -> list[Entry]:
    """An entry per article under ``paths``; paths that cannot be opened become failed entries.

    Titles are the files' first lines when there are at most ``read_titles``
    articles, their names otherwise (``needs_title``), so a long list paints at once.
    """
    found = list(find_articles(paths))
    first_lines = len(found) <= read_titles
    return [make_entry(item, first_lines) for item in found]


def make_entry(item: str | LoadError, first_line_title: bool = False) -> Entry:
    """The entry of one item ``find_articles`` gave: titled by its first line, or by its name
    until that line is read."""
    if isinstance(item, LoadError):
        return Entry(
            item.path, os.path.basename(item.path.rstrip("/")) or item.path, state=Status.FAILED, reason=item.reason
        )
    if first_line_title:
        return Entry(item, first_line(item))
    return Entry(item, item.rpartition(os.sep)[2], needs_title=True)  # (``os.path.basename`` is Python)


def read_loose_text(path: str) -> str:
    """The file's text folded for the filter ('' when it cannot be read); Word, PDF, web pages and
    Markdown through their readers, so markup and binary content are not searched."""
    from tui.core.readers.preview import extracted_text, needs_reader

    structured = needs_reader(path)
    try:
        data = read_start(path, _INDEX_MAX_STRUCTURED + 1 if structured else _INDEX_BYTES)
    except LoadError:
        return ""
    if structured:
        return fold_loose(extracted_text(path, data)) if len(data) <= _INDEX_MAX_STRUCTURED else ""
    return fold_loose(data.decode("utf-8", errors="ignore"))
