"""Cheap looks at a file for the article list: a headline from its first bytes, text for the filter.

The list paints before any analysis, so a headline here must cost a millisecond or two:
Markdown is parsed from its first kilobytes, a web page gives its ``<title>``, and Word
or PDF files give none (the list shows the file name until the analysis arrives).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from tui.core.readers import BINARY_FORMATS, SUFFIXES, Format, extract, plain, sniff

_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
# The headline without the site's name, where the page gives it for sharing.
_OG_TITLE = re.compile(
    r"<meta\s[^>]*?property=[\"']og:title[\"'][^>]*?content=[\"']([^\"']*)|"
    r"<meta\s[^>]*?content=[\"']([^\"']*)[\"'][^>]*?property=[\"']og:title",
    re.IGNORECASE,
)


def preview_format(path: str) -> Format:
    return SUFFIXES.get(Path(path).suffix.lower(), Format.TEXT)


def head_title(path: str, head: bytes) -> str | None:
    """A Markdown file's first heading or a web page's ``<title>`` from the file's first bytes."""
    kind = sniff(path, head)
    if kind is Format.MARKDOWN:
        from tui.core.readers.markdown import read

        whole_lines = head[: head.rfind(b"\n") + 1] or head  # never a character cut in two
        from tui.core.clean import clean

        try:
            extracted = read(path, whole_lines)
        except Exception:  # noqa: BLE001 - a preview; the analysis reports real errors
            return None
        return extracted.metadata.get("title") or clean(path, extracted.text).title
    if kind is Format.HTML:
        from tui.core.readers.html import decode_html

        page = decode_html(head)
        if (match := _OG_TITLE.search(page)) and (stated := plain(html.unescape(match.group(1) or match.group(2)))):
            return stated
        match = _HTML_TITLE.search(page)
        return plain(html.unescape(match.group(1))) or None if match else None
    return None


def head_text(path: str, head: bytes) -> str | None:
    """The first bytes of a text file that is not UTF-8, decoded as its reader would (legacy
    encodings converted); None for UTF-8, which the caller decodes itself."""
    from tui.core.readers.text import decode_text
    from tui.core.textfile import LoadError

    whole_lines = head[: head.rfind(b"\n") + 1] or head  # never a character cut in two
    try:
        whole_lines.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    try:
        return decode_text(path, whole_lines)[0]
    except LoadError:
        return None


def extracted_text(path: str, data: bytes) -> str:
    """The text a reader extracts, for formats whose bytes are not their text ('' when unreadable).

    Scanned PDFs give '' here: OCR is too slow for a filter index."""
    from tui.core.textfile import LoadError

    try:
        return extract(path, data, ocr=False).text
    except LoadError:
        return ""


def is_binary(path: str) -> bool:
    """Word, PDF and OpenDocument files: no headline without reading the whole file."""
    return preview_format(path) in BINARY_FORMATS


def needs_reader(path: str) -> bool:
    """Whether the file's raw bytes are not its text (Word, PDF, OpenDocument, HTML, Markdown)."""
    kind = preview_format(path)
    return kind in BINARY_FORMATS or kind in (Format.HTML, Format.MARKDOWN)
