"""`p`: who and what appears across the corpus; enter lists the articles that name the chosen one.

The rows are ``tui.app.corpus_state.Corpus.rows()``, made in a worker thread:
the screen paints at once with what is known and again whenever more articles
have been analysed or read from the cache (checked a few times a second).
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from tui.app.bindings import CORPUS_BINDINGS
from tui.app.corpus_state import CORPUS_TYPES, TYPE_LABELS, Corpus, CorpusRows, Filling, date_label, roles_line
from tui.app.widgets.row_table import RowTable
from tui.core.corpus import CorpusEntity
from tui.core.safe_text import one_line

CHECK_EVERY = 0.3  # seconds between looks at the corpus for new articles
# While the cache is read, the table is made again only once the corpus has grown by half (and
# not within this many seconds): a few tables, not one per look, while articles stream in.
REBUILD_WHILE_READING = 1.5
GROWTH_WHILE_READING = 1.5
SEARCH_AFTER = 0.1  # seconds of no typing before the rows are searched
TYPE_WIDTH = 7
COUNTS = f"{'arts':>5} {'ment':>5}  "


def _cell(text: str, width: int) -> Content:
    return Content(one_line(" ".join(text.split()))).truncate(width, ellipsis=True, pad=True)


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def name_width(width: int) -> int:
    return max(12, min(40, (width - TYPE_WIDTH - len(COUNTS)) // 2))


def entity_row(entity: CorpusEntity, width: int) -> Content:
    """``person  Trương Thị Mai    3    7  Chủ tịch … (12/01/2024)``: plain text, never markup."""
    return Content.assemble(
        (f"{TYPE_LABELS.get(entity.type, entity.type):<{TYPE_WIDTH}}", "dim"),
        _cell(entity.name, name_width(width)).stylize("bold"),
        f" {entity.articles:>5} {entity.mentions:>5}  ",
        (one_line(roles_line(entity)), "italic"),
    )


def header_row(width: int) -> Content:
    return Content.assemble(
        f"{'type':<{TYPE_WIDTH}}", _cell("name", name_width(width)), f" {COUNTS}", "roles (by date)"
    ).stylize("bold underline")


class CorpusScreen(Screen[CorpusEntity | None]):
    """The corpus's entities; gives the chosen one (None on escape)."""

    BINDINGS: ClassVar[list[BindingType]] = CORPUS_BINDINGS

    DEFAULT_CSS = """
    CorpusScreen {
        & #corpus-title { height: 1; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
        & #corpus-search { height: 1; border: none; padding: 0 1; }
        & #corpus-columns { height: 1; padding: 0 1; }
        & RowTable { padding: 0 1; }
        & #corpus-detail {
            height: 5; padding: 0 1; border-top: solid $foreground-muted; text-wrap: nowrap; text-overflow: ellipsis;
        }
    }
    """

    def __init__(self, corpus: Corpus, title_of: Callable[[str], str]) -> None:
        super().__init__()
        self.corpus = corpus
        self.title_of = title_of
        self.kind: str | None = None  # one type shown, or all
        self.shown: CorpusRows | None = None
        self._shown_version = -1
        self._building = False
        self._built_at = 0.0
        self._title = ""
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="corpus-title")
        yield Input(
            placeholder="type a name (diacritics optional) · ↑↓ · enter lists its articles · ^t type · tab table",
            id="corpus-search",
        )
        yield Static(id="corpus-columns")
        yield RowTable(entity_row, id="corpus-table")
        yield Static(id="corpus-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#corpus-search", Input).focus()  # typing searches at once
        self._show_title()
        self._check()
        self.set_interval(CHECK_EVERY, self._check)

    def on_resize(self) -> None:
        self.query_one("#corpus-columns", Static).update(header_row(self.query_one(RowTable).size.width or 78))

    # -- rows ---------------------------------------------------------------------------------------

    def _check(self) -> None:
        """More articles known since the rows were made: make them again (in a worker)."""
        shown = self.shown
        reading = self.corpus.filling is Filling.READING and shown is not None and shown.articles > 0
        if (
            self._building
            or self.corpus.version == self._shown_version
            or (
                reading
                and shown is not None
                and (
                    monotonic() - self._built_at < REBUILD_WHILE_READING
                    or len(self.corpus) < shown.articles * GROWTH_WHILE_READING
                )
            )
        ):
            self._show_title()
            return
        version, ready = self.corpus.version, self.corpus.ready()
        if ready is not None:  # made already (in the background): shown at once
            self._built(ready, version)
            return
        self._building = True
        self._build(version)

    @work(thread=True, exclusive=True, group="corpus-rows")
    def _build(self, version: int) -> None:
        rows = self.corpus.rows()
        self.app.call_from_thread(self._built, rows, version)

    def _built(self, rows: CorpusRows, version: int) -> None:
        self._building = False
        self._built_at = monotonic()
        self._shown_version = version
        self.shown = rows
        self.apply_search(keep=True)

    def apply_search(self, keep: bool = False) -> None:
        """Rows for the query and type; ``keep``: the cursor stays on its entity (more articles
        arrived), else it goes to the best match."""
        if self.shown is None:
            return
        table: RowTable[CorpusEntity] = self.query_one(RowTable)
        current = table.current if keep else None
        query = self.query_one("#corpus-search", Input).value
        rows = self.shown.matching(query, self.kind)
        table.set_rows(rows, keep=(lambda e: e.key == current.key and e.type == current.type) if current else None)
        self._show_title()

    def _show_title(self) -> None:
        shown = self.shown
        parts = [f"{len(self.corpus):,} articles with entities"]
        if shown is not None:
            listed = len(self.query_one(RowTable).rows)
            parts.append(
                f"{listed:,} of {len(shown.entities):,} entities"
                if listed != len(shown.entities)
                else f"{listed:,} entities"
            )
        else:
            parts.append("gathering…")
        if self.corpus.filling is Filling.READING:
            parts.append(f"reading the cache {self.corpus.read:,}/{self.corpus.to_read:,}…")
        if self.kind is not None:
            parts.append(f"type: {TYPE_LABELS[self.kind]}")
        title = " │ ".join(parts)
        if title != self._title:  # looked at a few times a second: repainted only when it changed
            self._title = title
            self.query_one("#corpus-title", Static).update(Content(title))

    @on(RowTable.Moved)
    def _moved(self, message: RowTable.Moved) -> None:
        entity = message.row
        detail = self.query_one("#corpus-detail", Static)
        if not isinstance(entity, CorpusEntity):
            detail.update(Content("No entity matches." if self.shown is not None else "Gathering the entities…"))
            return
        lines = [
            f"{entity.name} · {TYPE_LABELS.get(entity.type, entity.type)} · "
            f"{plural(entity.articles, 'article')}, {plural(entity.mentions, 'mention')}"
        ]
        for role in entity.roles[:2]:
            when = date_label(role.date)
            lines.append(f"  {role.role} — {when + ' — ' if when else ''}{self.title_of(role.path)}")
        shown = [self.title_of(p) for p in entity.paths[:3]]
        more = f" and {entity.articles - len(shown)} more" if entity.articles > len(shown) else ""
        lines.append("in: " + "; ".join(shown) + more)
        detail.update(Content("\n".join(one_line(" ".join(line.split())) for line in lines)))

    # -- keys ---------------------------------------------------------------------------------------

    @on(Input.Changed, "#corpus-search")
    def _search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_AFTER, self.apply_search)

    @on(Input.Submitted, "#corpus-search")
    def _search_submitted(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self.apply_search()
        self.action_choose()

    def action_move(self, step: int) -> None:
        self.query_one(RowTable).action_cursor(step)

    def action_move_page(self, step: int) -> None:
        self.query_one(RowTable).action_page(step)

    def action_search(self) -> None:
        self.query_one("#corpus-search", Input).focus()

    def action_cycle_type(self) -> None:
        kinds: list[str | None] = [None, *CORPUS_TYPES]
        self.kind = kinds[(kinds.index(self.kind) + 1) % len(kinds)]
        self.apply_search()

    def action_choose(self) -> None:
        self.query_one(RowTable).action_choose()

    @on(RowTable.Chosen)
    def _chosen(self, message: RowTable.Chosen) -> None:
        if isinstance(message.row, CorpusEntity):
            self.dismiss(message.row)

    def action_close(self) -> None:
        self.dismiss(None)
