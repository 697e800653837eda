"""A one-line input for the list filter (`/`) and find in article (`f`)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """Hidden until opened; escape clears and closes it, enter goes back to the pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="close-search", tooltip="Clear and close the filter or find box")
    ]

    DEFAULT_CSS = """
    SearchBar {
        display: none;
        border: none;
        height: 1;
        padding: 0 1;
        &:focus { border: none; }
        &.-open { display: block; }
    }
    """

    def open(self) -> None:
        self.add_class("-open")
        self.focus()

    def action_close(self) -> None:
        self.value = ""
        self.remove_class("-open")
        self.post_message(self.Closed(self))

    class Closed(Message):
        """The bar was closed with escape (its value is now empty)."""

        def __init__(self, bar: SearchBar) -> None:
            super().__init__()
            self.bar = bar

        @property
        def control(self) -> SearchBar:
            return self.bar

    @on(Input.Submitted)
    def _keep_open(self, event: Input.Submitted) -> None:
        if not self.value:
            self.remove_class("-open")
