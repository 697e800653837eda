"""`d`: the list's date range, two small inputs (since, until); enter applies, escape leaves it as it was."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.app.list_view_state import DATE_EXAMPLE, DateError, DateRange, parse_bound


def _shown(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date is not None else ""


class DateRangeScreen(ModalScreen[DateRange | None]):
    """Gives the range typed (both empty: no range), or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", id="close-dates", tooltip="Close without changing the range"),
    ]

    DEFAULT_CSS = """
    DateRangeScreen {
        align: center middle;
        & > Vertical {
            width: 50;
            height: auto;
            border: round $foreground-muted;
            background: $surface;
            padding: 0 1;
        }
        & Input { height: 1; border: none; padding: 0 1; }
        & #date-error { color: $text-error; }
    }
    """

    def __init__(self, current: DateRange) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Articles dated from (since)")
            yield Input(_shown(self.current.since), placeholder="15/03/2024 or empty", id="since")
            yield Label("to (until, included)")
            yield Input(_shown(self.current.until), placeholder="30/06/2024 or empty", id="until")
            yield Static(Content(f"enter applies · empty: no limit · esc closes · {DATE_EXAMPLE}"), id="date-error")

    def on_mount(self) -> None:
        self.query_one("#since", Input).focus()

    @on(Input.Submitted, "#since")
    def _since_done(self) -> None:
        self.query_one("#until", Input).focus()

    @on(Input.Submitted, "#until")
    def _apply(self) -> None:
        try:
            since = parse_bound(self.query_one("#since", Input).value, "since")
            until = parse_bound(self.query_one("#until", Input).value, "until")
        except DateError as exc:
            self.query_one("#date-error", Static).update(Content(str(exc)))  # typed text: never markup
            return
        if since is not None and until is not None and since > until:
            self.query_one("#date-error", Static).update(Content("since is after until: no article can be in it"))
            return
        self.dismiss(DateRange(since, until))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
