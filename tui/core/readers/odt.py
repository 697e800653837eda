"""OpenDocument text (.odt): paragraphs, headings, tables and metadata from its XML.

Read with zipfile and defusedxml (no entity expansion, no DTD, no network), after the
container's inflated size is checked. Notes (footnotes) and annotations stay out of
the text, as a Word file's do.
"""

from __future__ import annotations

from typing import Any

from tui.core.readers import Extracted, Format, Progress, TextBuilder, table_blocks
from tui.core.readers.container import open_zip, parse_xml, read_part
from tui.core.textfile import LoadError

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_SKIP = {f"{_TEXT}note", f"{_OFFICE}annotation", f"{_TEXT}tracked-changes"}


def read(path: str, data: bytes, progress: Progress | None = None) -> Extracted:
    with open_zip(path, data, "OpenDocument") as archive:
        content = read_part(path, archive, "content.xml", "OpenDocument")
        meta = read_part(path, archive, "meta.xml", "OpenDocument")
    if content is None:
        raise LoadError(path, "not an OpenDocument text file (no content.xml)")
    root: Any = parse_xml(path, content, "OpenDocument")
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise LoadError(path, "not an OpenDocument text file (no text body)")
    builder = TextBuilder()
    _blocks(body, builder)
    metadata = _metadata(path, meta) if meta else {}
    return Extracted(builder.text(), Format.ODT, "odt", (), metadata, tuple(builder.headings))


def _blocks(element: Any, builder: TextBuilder) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{_TEXT}h":
            level = child.get(f"{_TEXT}outline-level", "1")
            builder.add(_inline(child), int(level) if level.isdigit() else 1)
        elif tag == f"{_TEXT}p":
            builder.add(_inline(child))
        elif tag == f"{_TABLE}table":
            rows = [[_cell_lines(cell) for cell in row] for row in child.iter(f"{_TABLE}table-row")]
            for block in table_blocks([[cell for cell in row if cell] for row in rows]):
                builder.add(block)
        elif tag not in _SKIP:
            _blocks(child, builder)  # lists, sections, list items


def _cell_lines(cell: Any) -> list[str]:
    lines = (line for p in cell.iter(f"{_TEXT}p") for line in _inline(p).split("\n"))
    return [" ".join(line.split()) for line in lines if line.strip()]


def _inline(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == f"{_TEXT}s":
            count = child.get(f"{_TEXT}c", "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, 100))  # a huge count is an attack
        elif tag == f"{_TEXT}tab":
            parts.append("\t")
        elif tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif tag not in _SKIP:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _metadata(path: str, data: bytes) -> dict[str, str]:
    root: Any = parse_xml(path, data, "OpenDocument")
    meta = root.find(f"{_OFFICE}meta")
    if meta is None:
        return {}
    out: dict[str, str] = {}
    for key, tag in (("title", f"{_DC}title"), ("author", f"{_META}initial-creator"), ("subject", f"{_DC}subject")):
        if (value := meta.findtext(tag)) and value.strip():
            out[key] = " ".join(value.split())
    if created := meta.findtext(f"{_META}creation-date"):
        out["created"] = created[:10]
    return out
