"""`F`: the figures of the listed articles (``tui.core.figures``); enter opens the article at one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.app.bindings import FIGURES_BINDINGS
from tui.app.corpus_state import date_label
from tui.app.widgets.row_table import RowTable
from tui.core.figures import Figure
from tui.core.safe_text import one_line

VALUE_WIDTH = 14
UNIT_WIDTH = 10
COUNTS_WIDTH = 20
DATE_WIDTH = 11


def _cell(text: str, width: int) -> Content:
    return Content(one_line(" ".join(text.split()))).truncate(width, ellipsis=True, pad=True)


def value_text(figure: Figure) -> str:
    """The value with its multiplier applied, written as Vietnamese text writes numbers
    (``2,5 triệu`` → ``2.500.000``, ``0,5`` stays ``0,5``); a range as written."""
    if figure.value is None:
        return figure.text
    return f"{figure.value:,.2f}".translate(_VIETNAMESE_MARKS).rstrip("0").rstrip(",")


_VIETNAMESE_MARKS = str.maketrans({",": ".", ".": ","})


class FiguresScreen(Screen[Figure | None]):
    """Value and unit, what it counts, the article's date and title; gives the chosen figure."""

    BINDINGS: ClassVar[list[BindingType]] = FIGURES_BINDINGS

    DEFAULT_CSS = """
    FiguresScreen {
        & #figures-title { height: 1; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
        & #figures-columns { height: 1; padding: 0 1; }
        & RowTable { padding: 0 1; }
        & #figures-clause { height: 3; padding: 0 1; border-top: solid $foreground-muted; }
    }
    """

    def __init__(self, figures: Sequence[Figure], title_of: Callable[[str], str], note: str = "") -> None:
        """``note``: what the table leaves out (articles not analysed yet), for its title line."""
        super().__init__()
        self.figures = list(figures)
        self.title_of = title_of
        self.note = note

    def figure_row(self, figure: Figure, width: int) -> Content:
        return Content.assemble(
            _cell(value_text(figure), VALUE_WIDTH).stylize("bold"),
            " ",
            _cell(figure.unit, UNIT_WIDTH),
            " ",
            _cell(figure.counts or "—", COUNTS_WIDTH),
            " ",
            (f"{date_label(figure.date):<{DATE_WIDTH}}", "dim"),
            one_line(" ".join(self.title_of(figure.path).split())),
        )

    def compose(self) -> ComposeResult:
        articles = len({f.path for f in self.figures})
        title = f"{len(self.figures):,} figures in {articles:,} articles" + (f" │ {self.note}" if self.note else "")
        yield Static(Content(title), id="figures-title")
        yield Static(
            Content.assemble(
                _cell("value", VALUE_WIDTH),
                " ",
                _cell("unit", UNIT_WIDTH),
                " ",
                _cell("counts", COUNTS_WIDTH),
                " ",
                f"{'date':<{DATE_WIDTH}}",
                "article",
            ).stylize("bold underline"),
            id="figures-columns",
        )
        yield RowTable(self.figure_row, id="figures-table")
        yield Static(id="figures-clause")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table: RowTable[Figure] = self.query_one(RowTable)
        table.set_rows(self.figures)
        table.focus()
        if not self.figures:
            self.query_one("#figures-clause", Static).update(Content("No figures in the listed articles."))

    @on(RowTable.Moved)
    def _moved(self, message: RowTable.Moved) -> None:
        figure = message.row
        if isinstance(figure, Figure):
            clause = one_line(" ".join(figure.clause.split()))
            self.query_one("#figures-clause", Static).update(Content(f"“{figure.text}”: {clause}"))

    def action_choose(self) -> None:
        self.query_one(RowTable).action_choose()

    @on(RowTable.Chosen)
    def _chosen(self, message: RowTable.Chosen) -> None:
        if isinstance(message.row, Figure):
            self.dismiss(message.row)

    def action_close(self) -> None:
        self.dismiss(None)
