"""Word files (.docx) through python-docx: body paragraphs and tables in order, heading styles,
core properties, and runs typed in TCVN3 (``.Vn*``) or VNI (``VNI-*``) fonts converted.

Headers, footers, footnotes and comments live in other parts of the file and never enter
the text. Data tables become one line a row, cells separated by `` | `` (merged cells once);
layout tables (an official document's header and signature block) one block a cell.
python-docx parses XML with entity resolution off; the zip container is checked first.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from tui.core.readers import Extracted, Format, Progress, TextBuilder, table_blocks
from tui.core.readers.container import open_zip
from tui.core.readers.legacy import Legacy, decode, decode_font_run, detect
from tui.core.readers.text import latin1_heavy
from tui.core.textfile import LoadError

log = logging.getLogger(__name__)

_HEADING_STYLE = re.compile(r"^(?:heading|tiêu\s*đề)\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(path: str, data: bytes, progress: Progress | None = None) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    open_zip(path, data, "Word").close()
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise LoadError(path, f"not a readable Word file ({exc.__class__.__name__}: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - lxml and zipfile errors from a damaged part
        raise LoadError(path, f"broken Word file ({exc.__class__.__name__}: {exc})") from None
    reader = _Reader(document)
    blocks: list[tuple[str, int | None]] = []
    title_style: str | None = None
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            blocks += [(text, None) for text in table_blocks([_row_cells(row, reader) for row in block.rows])]
            continue
        text = reader.paragraph_text(block)
        level = reader.heading_level(block)
        if level == 0:
            title_style = title_style or " ".join(text.split())
            level = 1
        blocks.append((text, level))
    notes = [f"converted from {kind.value} (text set in its fonts)" for kind in sorted(reader.legacy, key=str)]
    whole = "\n".join(text for text, _ in blocks)
    if not reader.legacy and latin1_heavy(whole) and (found := detect(whole, whole)):
        # Legacy text whose font names were lost: converted block by block, so headings keep their offsets.
        kind = found[1]
        blocks = [(decode(text, kind), level) for text, level in blocks]
        title_style = decode(title_style, kind) if title_style else None
        notes.append(f"converted from {kind.value}")
    builder = TextBuilder()
    for text, level in blocks:
        builder.add(text, level)
    text = builder.text()
    metadata = _core_properties(document)
    if title_style:
        metadata["title"] = title_style
    return Extracted(text, Format.DOCX, "docx", tuple(notes), metadata, tuple(builder.headings))


class _Reader:
    """Paragraph text with legacy-font runs converted; fonts resolved through the style chain."""

    def __init__(self, document: Any) -> None:
        self.legacy: set[Legacy] = set()
        self._default_font = _default_font(document)
        # Style id → (font, heading level): python-docx finds a style by scanning every style.
        self._styles: dict[str | None, tuple[str | None, int | None]] = {}

    def _style(self, paragraph: Any) -> tuple[str | None, int | None]:
        style_id = paragraph._p.style
        if style_id not in self._styles:
            try:
                style = paragraph.style
            except (KeyError, ValueError):
                style = None
            self._styles[style_id] = (_style_font(style) or self._default_font, _style_level(style))
        return self._styles[style_id]

    def heading_level(self, paragraph: Any) -> int | None:
        """1-9 for a heading style or outline level, 0 for the Title style, None for body text."""
        level = self._style(paragraph)[1]
        if level is not None:
            return level
        outline = paragraph._p.find(f"{_W}pPr/{_W}outlineLvl")
        if outline is not None and (value := outline.get(f"{_W}val", "")).isdigit() and int(value) < 9:
            return int(value) + 1
        return None

    def paragraph_text(self, paragraph: Any) -> str:
        from docx.text.run import Run

        style_font = self._style(paragraph)[0]
        parts = []
        for element in paragraph._p.iter(f"{_W}r"):
            run = Run(element, paragraph)
            text, kind = decode_font_run(run.text, _run_font(element) or style_font)
            if kind is not None:
                self.legacy.add(kind)
            parts.append(text)
        return "".join(parts)


def _row_cells(row: Any, reader: _Reader) -> list[list[str]]:
    """Each cell's non-empty lines (a merged cell once)."""
    cells: list[list[str]] = []
    seen: set[int] = set()
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
            continue
        seen.add(id(cell._tc))
        # A cell's lines: its paragraphs, and the lines within them (line breaks, Shift+Enter).
        lines = [" ".join(line.split()) for p in cell.paragraphs for line in reader.paragraph_text(p).split("\n")]
        if lines := [line for line in lines if line]:
            cells.append(lines)
    return cells


def _style_level(style: Any) -> int | None:
    """The heading level a style (or the style it is based on) gives; 0 for Title."""
    while style is not None:
        name = (style.name or "").strip()
        if name.lower() == "title":
            return 0
        if match := _HEADING_STYLE.match(name):
            return int(match.group(1))
        style = style.base_style
    return None


def _run_font(element: Any) -> str | None:
    fonts = element.find(f"{_W}rPr/{_W}rFonts")
    if fonts is None:
        return None
    # Word draws characters beyond ASCII (where legacy fonts put Vietnamese letters) in hAnsi.
    return fonts.get(f"{_W}hAnsi") or fonts.get(f"{_W}ascii")


def _style_font(style: Any) -> str | None:
    while style is not None:
        fonts = style.element.find(f"{_W}rPr/{_W}rFonts")
        if fonts is not None and (name := fonts.get(f"{_W}hAnsi") or fonts.get(f"{_W}ascii")):
            return str(name)
        style = style.base_style
    return None


def _default_font(document: Any) -> str | None:
    fonts = document.styles.element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
    if fonts is None:
        return None
    name = fonts.get(f"{_W}hAnsi") or fonts.get(f"{_W}ascii")
    return str(name) if name else None


def _core_properties(document: Any) -> dict[str, str]:
    """Title, author and dates the file carries (Word fills them from the template or the account)."""
    out: dict[str, str] = {}
    try:
        props = document.core_properties
        values = {"title": props.title, "author": props.author, "subject": props.subject}
        created, modified = props.created, props.modified
    except (ValueError, KeyError) as exc:  # a malformed date or part: the body is still worth reading
        log.info("core properties unreadable: %s", exc)
        return out
    for key, value in values.items():
        if value and value.strip():
            out[key] = " ".join(value.split())
    if created is not None:
        out["created"] = created.date().isoformat()
    if modified is not None:
        out["modified"] = modified.date().isoformat()
    return out
