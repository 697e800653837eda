"""The article: header (title, date, author) and the cleaned text with highlights.

The text is a ``Content`` built from the plain string — never markup — so
``[Video]`` or ``[/b]`` in an article show as typed. Highlights never rely on
colour: key sentences are bold+reverse, the next-ranked ones underlined,
entity mentions italic, the chosen entity's mentions or find hits bold and
underlined, and the current one of them also reversed against its surroundings. Headings the
cleaner kept out of the body are shown bold between the paragraphs, so the outline can reach them.
"""

from __future__ import annotations

import bisect
import operator
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle

from tui.app.messages import MarksChanged
from tui.app.wrapping import wrap_ranges
from tui.core.export import date_text
from tui.core.fold import find_all, fold
from tui.core.outline import shown_spans
from tui.core.safe_text import one_line, visible

if TYPE_CHECKING:
    from tui.core.model import Analysis, Document

KEY_STYLE = "bold reverse"
NEXT_STYLE = "underline"
ENTITY_STYLE = "italic"
MARK_STYLE = "bold underline"
HEADING_STYLE = "bold"


@dataclass(frozen=True)
class _Piece:
    """A paragraph of the document placed in the displayed text."""

    start: int  # in Document.text
    end: int
    shown_at: int  # in the displayed text


class ArticleView(ScrollView, can_focus=True):
    """The opened article. ``n``/``N`` move between the highlighted mentions or find hits.

    A line-API widget: the text is wrapped once per width into line ranges,
    and only the lines on screen are styled and drawn. Changing highlights
    (length, marks, find) restyles the visible lines without re-wrapping, and
    a 40,000-character article opens as fast as a short one.
    """

    HELP = (
        "Key sentences are **bold and reversed**, the next-ranked ones underlined, "
        "entity mentions in italics. `f` finds in the article, `n`/`N` jump between hits."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="cursor-down"),
        Binding("k", "scroll_up", "Up", show=False, id="cursor-up"),
        Binding("g", "scroll_home", "Top", show=False, id="first"),
        Binding("G", "scroll_end", "Bottom", show=False, id="last"),
        Binding("space", "page_down", "Page down", show=False, id="page-down", tooltip="Page down"),
    ]

    DEFAULT_CSS = """
    ArticleView {
        height: 1fr;
        min-height: 3;
        padding: 0 1;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = ""  # the displayed body text
        self._header = Content("")
        self._pieces: list[_Piece] = []
        self._starts: list[int] = []
        self._base: list[Span] = []
        self._key: list[tuple[int, int]] = []
        self._spans: list[Span] = []  # base spans and marks, sorted by start
        self._longest_span = 0
        self.marks: list[tuple[int, int]] = []  # displayed offsets of mentions or hits
        self.mark_label, self.current = "", -1
        self.path: str | None = None
        self._width = 0  # the width the lines below were wrapped for
        self._header_lines: list[Content] = []
        self._body_lines: list[tuple[int, int]] = []  # [start, end) of each wrapped body line
        self._strips: dict[int, Strip] = {}  # drawn lines, until the width, highlights or styles change
        self._styles: tuple[VisualStyle, Style] = (VisualStyle(), Style())

    # -- what is shown -------------------------------------------------------------------------

    def show_message(self, path: str | None, title: str, message: str, body: str = "") -> None:
        """A header and a plain body: while the article loads, or when it cannot be read."""
        self.path = path
        self._pieces, self._starts, self._base, self._key = [], [], [], []
        self.text = visible(body)
        self._clear_marks()
        self._header = Content.assemble((one_line(title), "bold"), "\n", (visible(message), "italic"))
        self._rewrap()
        self._restyle()

    def show_analysis(self, analysis: Analysis, ranks: dict[int, int], count: int) -> None:
        """The analysed article; ``ranks`` maps sentence index → rank under the current algorithm."""
        document = analysis.document
        same_article = self.path == document.path
        self.path = document.path
        old_text = self.text
        spans = [Span(a, b, HEADING_STYLE) for a, b in self._place(document)]
        key: list[tuple[int, int]] = []
        for sentence in analysis.sentences:
            rank = ranks.get(sentence.index)
            if rank is None or rank > 2 * count:
                continue
            for a, b in self.to_display(sentence.start, sentence.end):
                if rank <= count:
                    key.append((a, b))
                else:
                    spans.append(Span(a, b, NEXT_STYLE))
        spans += [Span(a, b, KEY_STYLE) for a, b in key]
        for entity in analysis.entities or ():
            spans += [Span(a, b, ENTITY_STYLE) for a, b in self.to_display(entity.start, entity.end)]
        self._base, self._key = spans, sorted(key)
        header = _header(analysis)
        if not same_article:
            self._clear_marks()
        if not same_article or header != self._header or old_text != self.text:
            self._header = header
            self._rewrap()
        if not same_article:
            self.scroll_home(animate=False, immediate=True)
        self._restyle()

    def _place(self, document: Document) -> list[tuple[int, int]]:
        """Lay out the paragraphs and headings; returns the headings' displayed ranges."""
        pieces: list[_Piece] = []
        parts: list[str] = []
        shown = 0
        spans, headings = shown_spans(document)
        for span in spans:
            if parts:
                parts.append("\n\n")
                shown += 2
            pieces.append(_Piece(span.start, span.end, shown))
            parts.append(document.text[span.start : span.end])
            shown += span.end - span.start
        self._pieces = pieces
        self._starts = [p.start for p in pieces]
        self.text = visible("".join(parts))  # one character for one: the offsets stay valid
        return [shown for h in headings for shown in self.to_display(h.start, h.end)]

    def to_display(self, start: int, end: int) -> Iterable[tuple[int, int]]:
        """Displayed ranges of the document range ``[start, end)`` (clipped to shown paragraphs)."""
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        for piece in self._pieces[first:]:
            if piece.start >= end:
                break
            a, b = max(start, piece.start), min(end, piece.end)
            if a < b:
                yield piece.shown_at + a - piece.start, piece.shown_at + b - piece.start

    def scroll_to_document(self, start: int) -> bool:
        """Bring the text at document offset ``start`` (or the first shown after it) to the top."""
        shown = next(iter(self.to_display(start, len(self.text) + start + 1)), None)
        if shown is None:
            return False
        self.scroll_to(y=len(self._header_lines) + self.line_of(shown[0]), animate=False)
        return True

    def body_content(self) -> Content:
        """The body with its highlights (tests read styles from it)."""
        return Content(self.text, self._spans)

    def header_content(self) -> Content:
        return self._header

    # -- lines: wrapped once per width, drawn on demand -----------------------------------------

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        self._width = width
        if width <= 0:  # not laid out yet: on_resize wraps
            self._header_lines, self._body_lines = [], []
        else:
            self._header_lines = [*self._header.wrap(width), Content("")]
            self._body_lines = wrap_ranges(self.text, width)
        self.virtual_size = Size(width, len(self._header_lines) + len(self._body_lines))
        self._strips.clear()
        self.refresh()

    def _restyle(self) -> None:
        spans = list(self._base)
        for number, (a, b) in enumerate(self.marks):
            style = MARK_STYLE
            if number == self.current:
                # the current hit flips reverse against its surroundings; the others are only
                # underlined, so the two differ without colour (NO_COLOR, 16-colour terminals)
                inside_key = any(ka <= a < kb for ka, kb in self._key)
                style += " not reverse" if inside_key else " reverse"
            spans.append(Span(a, b, style))
        spans.sort(key=_span_start)
        self._spans = spans
        self._longest_span = max((span.end - span.start for span in spans), default=0)
        self._strips.clear()
        self.refresh()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width == self._width:
            return
        top = self.scroll_offset.y - len(self._header_lines)
        anchor = self._body_lines[top][0] if 0 <= top < len(self._body_lines) else None
        self._rewrap()
        if anchor is not None:  # keep the same text at the top
            self.scroll_to(y=len(self._header_lines) + self.line_of(anchor), animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        strip = self._strips.get(row)
        if strip is None:
            if not self._strips:  # first line of a new drawing: the widget's styles, once per drawing
                self._styles = (self.visual_style, self.rich_style)
            visual_style, rich_style = self._styles
            content = self._line_content(row)
            strip = Strip(content.render_segments(visual_style), content.cell_length)
            strip = strip.extend_cell_length(width, rich_style).crop(0, width)
            self._strips[row] = strip
        return strip.apply_offsets(0, row)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # drawn with the old colours

    def _line_content(self, row: int) -> Content:
        if row < len(self._header_lines):
            return self._header_lines[row]
        index = row - len(self._header_lines)
        if index >= len(self._body_lines):
            return Content("")
        start, end = self._body_lines[index]
        text = self.text[start:end].rstrip()
        end = start + len(text)
        # only spans starting less than the longest span's length before the line can reach it
        first = bisect.bisect_left(self._spans, start - self._longest_span, key=_span_start)
        last = bisect.bisect_left(self._spans, end, key=_span_start)
        spans = [
            Span(max(a, start) - start, min(b, end) - start, style)
            for a, b, style in self._spans[first:last]
            if b > start
        ]
        return Content(text, spans)

    # -- marks: an entity's mentions or find hits -----------------------------------------------

    def mark_document_ranges(self, ranges: Sequence[tuple[int, int]], label: str) -> None:
        self._set_marks(self._shown_ranges(ranges), label)

    def reachable(self, ranges: Sequence[tuple[int, int]]) -> int:
        """How many marks ``mark_document_ranges`` would make: what `n`/`N` can reach."""
        return len(self._shown_ranges(ranges))

    def _shown_ranges(self, ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        return sorted({r for start, end in ranges for r in self.to_display(start, end)})

    def find(self, query: str) -> int:
        """Mark every occurrence of ``query`` (case and diacritics ignored); returns how many."""
        hits = list(find_all(self.text, query, fold(self.text))) if query.strip() else []
        self._set_marks(hits, f"“{query.strip()}”" if query.strip() else "")
        return len(hits)

    def _set_marks(self, marks: list[tuple[int, int]], label: str) -> None:
        self.marks, self.mark_label = marks, label
        self.current = -1
        self._restyle()
        self.post_message(MarksChanged(label, -1, len(marks)))

    def _clear_marks(self) -> None:
        if self.marks or self.mark_label:
            self.marks, self.mark_label, self.current = [], "", -1
            self.post_message(MarksChanged("", -1, 0))

    def jump(self, step: int) -> bool:
        """Move to the next (``step`` 1) or previous (-1) mark, wrapping round; False if none."""
        if not self.marks:
            return False
        first = 0 if step > 0 else len(self.marks) - 1
        self.current = first if self.current < 0 else (self.current + step) % len(self.marks)
        self._restyle()
        self._scroll_to_current()
        self.post_message(MarksChanged(self.mark_label, self.current, len(self.marks)))
        return True

    def line_of(self, offset: int) -> int:
        """The wrapped line (0-based, within the body) where the displayed ``offset`` falls."""
        return max(0, bisect.bisect_right(self._body_lines, offset, key=_line_start) - 1)

    def _scroll_to_current(self) -> None:
        if not 0 <= self.current < len(self.marks):
            return
        y = len(self._header_lines) + self.line_of(self.marks[self.current][0])
        self.scroll_to(y=max(0, y - self.size.height // 3), animate=False, immediate=True)


_span_start = operator.attrgetter("start")
_line_start = operator.itemgetter(0)


def _header(analysis: Analysis) -> Content:
    document = analysis.document
    title = document.title or os.path.basename(document.path)
    meta = [part for part in (date_text(analysis), document.author) if part]
    meta.append(os.path.basename(document.path))
    parts: list[Content | str | tuple[str, str]] = [
        (one_line(title), "bold"),
        "\n",
        (one_line(" · ".join(meta)), "dim"),
    ]
    if document.subtitle:
        parts += ["\n", (one_line(document.subtitle), "italic")]
    for note in document.notes:
        parts += ["\n", (one_line(f"Note: {note}"), "italic")]
    return Content.assemble(*parts)
