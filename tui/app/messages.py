"""Messages shared between the widgets and the screen: small dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.app.jobs import Outcome
    from tui.core.model import EntityGroup


@dataclass
class ArticleOpened(Message):
    """The reader opened the article at ``path`` (enter on the list)."""

    path: str


@dataclass
class AnalysisDone(Message):
    """A worker process finished a job (posted from an executor thread)."""

    outcome: Outcome


@dataclass
class PageRead(Message):
    """A worker is reading page ``page`` of ``pages`` of ``path`` by OCR (posted from a thread)."""

    path: str
    page: int
    pages: int


@dataclass
class EntityChosen(Message):
    """The reader chose an entity in the panel: highlight its mentions."""

    group: EntityGroup


@dataclass
class MarksChanged(Message):
    """The highlighted mentions or find hits changed, or the current one moved."""

    label: str
    current: int  # 0-based; -1 when nothing is current
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, MarksChanged)


@dataclass
class ListCursorMoved(Message):
    """The list's cursor is on row ``position`` (1-based) of ``total`` shown."""

    position: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ListCursorMoved)
