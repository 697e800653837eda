"""Word wrap by terminal cells, as character ranges: the article view draws the lines it gives.

No Textual here (Rich only measures cells), so the rule is tested on its own.
"""

from __future__ import annotations

import functools
import re

from rich.cells import cell_len

_WORD = re.compile(r"\s*\S+\s*")


@functools.cache
def _char_cells(ch: str) -> int:
    return cell_len(ch)


def wrap_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text`` at ``width`` cells: each line's ``[start, end)`` in ``text``.

    Lines break after the spaces that follow a word (``end`` includes them,
    drawing strips them); a word wider than a line is cut. Each newline ends
    a line, so an empty line is ``(i, i)``.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        if all(_char_cells(ch) == 1 for ch in set(paragraph)):
            _wrap_single_cells(paragraph, offset, width, lines)
        else:
            _wrap_any_cells(paragraph, offset, width, lines)
        offset += len(paragraph) + 1
    return lines


def _wrap_single_cells(paragraph: str, offset: int, width: int, lines: list[tuple[int, int]]) -> None:
    """The common case (Vietnamese in NFC is one cell a character): string searches, no counting."""
    pos, used = 0, len(paragraph.rstrip())
    while used - pos > width:
        space = paragraph.rfind(" ", pos + 1, pos + width + 1)
        if space <= pos:  # no space to break at: cut the word
            end = pos + width
        else:
            end = space + 1
            while end < used and paragraph[end] == " ":
                end += 1
        lines.append((offset + pos, offset + end))
        pos = end
    lines.append((offset + pos, offset + len(paragraph)))


def _wrap_any_cells(paragraph: str, offset: int, width: int, lines: list[tuple[int, int]]) -> None:
    """Wide or zero-width characters: count cells word by word."""
    line_start, used = 0, 0
    for word in _WORD.finditer(paragraph):
        start, end = word.span()
        cells = cell_len(paragraph[start:end].rstrip())
        if used and used + cells > width:
            lines.append((offset + line_start, offset + start))
            line_start, used = start, 0
        while cells > width:  # a run longer than the line: cut it
            cut, filled = start, 0
            while cut < end and (filled + _char_cells(paragraph[cut]) <= width or cut == start):
                filled += _char_cells(paragraph[cut])
                cut += 1
            lines.append((offset + line_start, offset + cut))
            line_start = start = cut
            cells = cell_len(paragraph[start:end].rstrip())
        used += cell_len(paragraph[start:end])
    lines.append((offset + line_start, offset + len(paragraph)))
