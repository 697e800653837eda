"""Markdown: rendered to plain text (the offset frame), with its headings and front matter.

The frame is the rendered text, not the Markdown source: ``#``, ``**`` and link targets
would otherwise reach titles, sentences and summaries. Each block becomes a paragraph
(soft line breaks inside a paragraph are joined with a space), list items one line each,
table rows one line each with cells separated by `` | ``, code blocks kept verbatim.
The title is the first level-1 heading (else the first heading of any level that comes
before any paragraph); ``title``, ``date`` and ``author`` from a ``---`` front matter block
win over it.
"""

from __future__ import annotations

import re
from typing import Any

from tui.core.readers import Extracted, Format, Progress, TextBuilder
from tui.core.readers.text import decode_text
from tui.core.textfile import LoadError

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEY = re.compile(r"^(title|date|author|authors)\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)


def read(path: str, data: bytes, progress: Progress | None = None) -> Extracted:
    from markdown_it import MarkdownIt

    source, encoding, note = decode_text(path, data)
    metadata: dict[str, str] = {}
    if match := _FRONT_MATTER.match(source):
        for key, value in _FRONT_KEY.findall(match.group(1)):
            metadata["author" if key.lower() == "authors" else key.lower()] = value.strip("\"' ")
        source = source[match.end() :]
    try:
        tokens = MarkdownIt("commonmark").enable("table").parse(source)
    except Exception as exc:  # noqa: BLE001 - markdown-it raises plain exceptions on pathological nesting
        raise LoadError(path, f"cannot parse Markdown ({exc.__class__.__name__})") from None
    builder = TextBuilder()
    _render(tokens, builder)
    title = _title(builder)
    if title and "title" not in metadata:
        metadata["title"] = title
    notes = (note,) if note else ()
    return Extracted(builder.text(), Format.MARKDOWN, encoding, notes, metadata, tuple(builder.headings))


def _render(tokens: list[Any], builder: TextBuilder) -> None:
    heading: int | None = None
    row: list[str] | None = None  # the cells of the table row being read
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading = int(token.tag[1:])
        elif kind == "heading_close":
            heading = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            builder.add(" | ".join(cell for cell in row if cell))
            row = None
        elif kind == "inline":
            text = _inline(token.children or [])
            if row is not None:
                row.append(" ".join(text.split()))
            else:
                builder.add(text, heading)
        elif kind in ("fence", "code_block"):
            builder.add(token.content)


def _inline(children: list[Any]) -> str:
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
        # Images are skipped: their alt text is a caption, not the document's words.
    return "".join(out)


def _title(builder: TextBuilder) -> str | None:
    headings = builder.headings
    top = [h for h in headings if h.level == 1]
    if top:
        return top[0].text
    if headings and headings[0].start == 0:
        return headings[0].text
    return None
