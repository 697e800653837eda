"""Entities grouped by type, with roles, context and mention counts; enter highlights one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.messages import EntityChosen
from tui.core.export import GROUP_TITLES
from tui.core.model import EntityGroup
from tui.core.safe_text import one_line


def entity_prompt(group: EntityGroup, reachable: int | None = None) -> Content:
    """Name and count; ``reachable``: the mentions `n`/`N` can reach in the shown text, when
    some are outside it (headline, caption, byline): those are counted apart."""
    parts: list[Content | str | tuple[str, str]] = [one_line(group.name)]
    if reachable is None or reachable >= group.count:
        parts.append((f" ×{group.count}", "dim"))
    else:
        parts += [(f" ×{reachable}", "dim"), (f" +{group.count - reachable} outside the text", "dim italic")]
    extra = group.role if group.type == "PER" else group.context if group.type == "NUM" else None
    if extra:
        parts += ["\n", (one_line(f"  {' '.join(extra.split())}"), "italic")]
    return Content.assemble(*parts)


class EntityPanel(OptionList):
    """People, organisations, places, dates, documents and figures of the opened article."""

    HELP = "Enter highlights every mention of the entity in the article; n/N jump between them."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="cursor-down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor-up"),
        Binding("g", "first", "First", show=False, id="first"),
        Binding("G", "last", "Last", show=False, id="last"),
        Binding("enter", "select", "Highlight", id="open"),
    ]

    DEFAULT_CSS = """
    EntityPanel { height: 1fr; scrollbar-gutter: stable; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.groups: dict[str, EntityGroup] = {}
        self.border_title = "Entities"

    def show_message(self, message: str) -> None:
        self.groups = {}
        self.set_options([Option(Content.styled(one_line(message), "italic"), disabled=True)])

    def show_groups(self, groups: Sequence[EntityGroup], reachable: Callable[[EntityGroup], int] | None = None) -> None:
        """Group headers (not selectable) and one row per entity, most mentioned first;
        ``reachable`` counts a group's mentions in the shown text."""
        options: list[Option | None] = []
        self.groups = {}
        for kind, title in GROUP_TITLES.items():
            chosen = sorted((g for g in groups if g.type == kind), key=lambda g: (-g.count, g.name))
            if not chosen:
                continue
            options.append(Option(Content.styled(f"{title} ({len(chosen)})", "bold underline"), disabled=True))
            for number, group in enumerate(chosen):
                option_id = f"{kind}:{number}"
                self.groups[option_id] = group
                shown = reachable(group) if reachable is not None else None
                options.append(Option(entity_prompt(group, shown), id=option_id))
        if not options:
            self.show_message("No entities found in this article.")
            return
        self.set_options(options)
        for index in range(self.option_count):
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                break

    @on(OptionList.OptionSelected)
    def _choose(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        group = self.groups.get(event.option.id or "")
        if group is not None:
            self.post_message(EntityChosen(group))
