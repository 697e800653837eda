"""The article: header (title, date, author) and the cleaned text with highlights.

The text is a ``Content`` built from the plain string — never markup — so
``[Video]`` or ``[/b]`` in an article show as typed. Highlights never rely on
colour: key sentences are bold+reverse, the next-ranked ones underlined,
entity mentions italic, and the chosen entity's mentions or find hits bold,
underlined and reversed against their surroundings.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.widgets import Static

from tui.core.export import date_text
from tui.app.messages import MarksChanged
from tui.core.fold import find_all, fold

KEY_STYLE = "bold reverse"
NEXT_STYLE = "underline"
ENTITY_STYLE = "italic"
MARK_STYLE = "bold underline"


@dataclass(frozen=True)
class _Piece:
    """A paragraph of the document placed in the displayed text."""

    start: int  # in Document.text
    end: int
    shown_at: int  # in the displayed text


class ArticleView(VerticalScroll, can_focus=True):
    """The opened article. ``n``/``N`` move between the highlighted mentions or find hits."""

    HELP = ("Key sentences are **bold and reversed**, the next-ranked ones underlined, "
            "entity mentions in italics. `f` finds in the article, `n`/`N` jump between hits.")

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="cursor-down"),
        Binding("k", "scroll_up", "Up", show=False, id="cursor-up"),
        Binding("g", "scroll_home", "Top", show=False, id="first"),
        Binding("G", "scroll_end", "Bottom", show=False, id="last"),
        Binding("space", "page_down", "Page down", show=False, id="page-down", tooltip="Page down"),
    ]

    DEFAULT_CSS = """
    ArticleView {
        height: 1fr;
        padding: 0 1;
        & > #article-header { margin-bottom: 1; }
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = ""  # the displayed body text
        self._pieces: list[_Piece] = []
        self._starts: list[int] = []
        self._base: list[Span] = []
        self._key: list[tuple[int, int]] = []
        self.marks: list[tuple[int, int]] = []  # displayed offsets of mentions or hits
        self.mark_label = ""
        self.current = -1
        self.path: str | None = None

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="article-header")
        yield Static(id="article-body")

    # -- what is shown -------------------------------------------------------------------------

    def show_message(self, path: str | None, title: str, message: str, body: str = "") -> None:
        """A header and a plain body: while the article loads, or when it cannot be read."""
        self.path = path
        self._pieces, self._starts, self._base, self._key = [], [], [], []
        self.text = body
        self._clear_marks()
        header = Content.assemble((title, "bold"), "\n", (message, "italic"))
        self.query_one("#article-header", Static).update(header)
        self._render_body()

    def show_analysis(self, analysis, ranks: dict[int, int], count: int) -> None:  # type: ignore[no-untyped-def]
        """The analysed article; ``ranks`` maps sentence index → rank under the current algorithm."""
        document = analysis.document
        same_article = self.path == document.path
        self.path = document.path
        self._place(document)
        spans: list[Span] = []
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
        self.query_one("#article-header", Static).update(_header(analysis))
        if not same_article:
            self._clear_marks()
            self.scroll_home(animate=False)
        self._render_body()

    def _place(self, document) -> None:  # type: ignore[no-untyped-def]
        pieces: list[_Piece] = []
        parts: list[str] = []
        shown = 0
        spans = document.paragraphs or ()
        if not spans:
            pieces.append(_Piece(0, len(document.text), 0))
            parts.append(document.text)
        for span in spans:
            if parts:
                parts.append("\n\n")
                shown += 2
            pieces.append(_Piece(span.start, span.end, shown))
            parts.append(document.text[span.start:span.end])
            shown += span.end - span.start
        self._pieces = pieces
        self._starts = [p.start for p in pieces]
        self.text = "".join(parts)

    def to_display(self, start: int, end: int) -> Iterable[tuple[int, int]]:
        """Displayed ranges of the document range ``[start, end)`` (clipped to shown paragraphs)."""
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        for piece in self._pieces[first:]:
            if piece.start >= end:
                break
            a, b = max(start, piece.start), min(end, piece.end)
            if a < b:
                yield piece.shown_at + a - piece.start, piece.shown_at + b - piece.start

    def _render_body(self) -> None:
        spans = list(self._base)
        for number, (a, b) in enumerate(self.marks):
            inside_key = any(ka <= a < kb for ka, kb in self._key)
            style = MARK_STYLE + (" not reverse" if inside_key else " reverse")
            if number == self.current:
                style += " italic"
            spans.append(Span(a, b, style))
        self.query_one("#article-body", Static).update(Content(self.text, spans))

    def body_content(self) -> Content:
        """The body as rendered (tests read styles from it)."""
        return self.query_one("#article-body", Static).content  # type: ignore[return-value]

    # -- marks: an entity's mentions or find hits -----------------------------------------------

    def mark_document_ranges(self, ranges: Sequence[tuple[int, int]], label: str) -> None:
        marks = [r for start, end in ranges for r in self.to_display(start, end)]
        self._set_marks(sorted(set(marks)), label)

    def find(self, query: str) -> int:
        """Mark every occurrence of ``query`` (case and diacritics ignored); returns how many."""
        hits = list(find_all(self.text, query, fold(self.text))) if query.strip() else []
        self._set_marks(hits, f"“{query.strip()}”" if query.strip() else "")
        return len(hits)

    def _set_marks(self, marks: list[tuple[int, int]], label: str) -> None:
        self.marks, self.mark_label = marks, label
        self.current = -1
        self._render_body()
        self.post_message(MarksChanged(label, -1, len(marks)))

    def _clear_marks(self) -> None:
        if self.marks or self.mark_label:
            self.marks, self.mark_label, self.current = [], "", -1
            self.post_message(MarksChanged("", -1, 0))

    def jump(self, step: int) -> bool:
        """Move to the next (``step`` 1) or previous (-1) mark, wrapping round; False if none."""
        if not self.marks:
            return False
        if self.current < 0:
            self.current = 0 if step > 0 else len(self.marks) - 1
        else:
            self.current = (self.current + step) % len(self.marks)
        self._render_body()
        self.call_after_refresh(self._scroll_to_current)
        self.post_message(MarksChanged(self.mark_label, self.current, len(self.marks)))
        return True

    def line_of(self, offset: int) -> int:
        """The wrapped line (0-based, within the body) where the displayed ``offset`` falls."""
        body = self.query_one("#article-body", Static)
        width = max(1, body.size.width)
        return max(0, len(Content(self.text[:offset]).wrap(width)) - 1)

    def _scroll_to_current(self) -> None:
        if not 0 <= self.current < len(self.marks):
            return
        body = self.query_one("#article-body", Static)
        y = body.virtual_region.y + self.line_of(self.marks[self.current][0])
        self.scroll_to(y=max(0, y - self.size.height // 3), animate=False)


def _header(analysis) -> Content:  # type: ignore[no-untyped-def]
    document = analysis.document
    title = document.title or os.path.basename(document.path)
    meta = [part for part in (date_text(analysis), document.author) if part]
    meta.append(os.path.basename(document.path))
    parts: list[Content | str | tuple[str, str]] = [(title, "bold"), "\n", (" · ".join(meta), "dim")]
    if document.subtitle:
        parts += ["\n", (document.subtitle, "italic")]
    for note in document.notes:
        parts += ["\n", (f"Note: {note}", "italic")]
    return Content.assemble(*parts)
