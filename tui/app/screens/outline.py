"""`t`: the outline of the open article, its headings with each section's key sentences; enter
jumps the article to the heading."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.library import Library
from tui.app.widgets.article_view import ArticleView
from tui.core.outline import Section, headings_of, sections

BEST_CHARACTERS = 70  # of the section's best sentence, shown under its heading


def section_prompt(section: Section) -> Content:
    """``I. KẾT QUẢ · 2 key sentences`` over the start of the section's best sentence; plain text only."""
    indent = "  " * (section.heading.level - 1)
    key = section.key_sentences
    count = f" · {key} key sentence{'s' if key != 1 else ''}" if key else ""
    parts: list[str | tuple[str, str]] = [indent, (" ".join(section.heading.text.split()), "bold"), (count, "italic")]
    if section.best is not None:
        best = " ".join(section.best.text.split())
        best = best if len(best) <= BEST_CHARACTERS else best[: BEST_CHARACTERS - 1] + "…"
        parts += ["\n", indent + "  ", (best, "dim")]
    return Content.assemble(*parts)


class OutlineScreen(ModalScreen[int | None]):
    """The headings; enter gives the chosen heading's document offset, escape nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,t", "dismiss_none", "Close", id="close-outline", tooltip="Close the outline"),
    ]

    DEFAULT_CSS = """
    OutlineScreen {
        align: center middle;
        & > OptionList {
            width: 90%;
            max-width: 100;
            height: 80%;
            border: round $foreground-muted;
            background: $surface;
        }
    }
    """

    def __init__(self, parts: Sequence[Section]) -> None:
        super().__init__()
        self.parts = list(parts)

    def compose(self) -> ComposeResult:
        options = OptionList(*(Option(section_prompt(s), id=str(n)) for n, s in enumerate(self.parts)))
        options.border_title = "Outline (enter jumps, escape closes)"
        yield options

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.parts[int(event.option.id or 0)].heading.start)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class Outlines(Screen[None]):
    """The reader screen's `t`; ``ReaderScreen`` holds the library and the summary's choices."""

    library: Library
    algorithm: str
    count: int

    def action_outline(self) -> None:
        analysis = self.library.analysis(self.library.current)
        if analysis is None:
            self.notify("Open an article first (enter in the list).", severity="warning")
            return
        headings = headings_of(analysis.document)
        if not headings:
            self.notify("This article has no headings (numbered sections, Markdown or Word headings).")
            return
        summary = analysis.summaries.get(self.algorithm)
        ranks = {s.index: s.rank for s in summary.scores} if summary is not None else {}
        self.app.push_screen(
            OutlineScreen(sections(headings, analysis.sentences, ranks, self.count)), self._go_to_heading
        )

    def _go_to_heading(self, start: int | None) -> None:
        if start is not None:
            article = self.query_one(ArticleView)
            article.scroll_to_document(start)
            article.focus()
