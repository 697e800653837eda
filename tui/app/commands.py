"""Command palette providers: jump to any article, or list the articles of any entity, by a fuzzy name.

Names are matched folded (``tui.core.fold``: lower case, no diacritics, one
character per character), so ``ha noi`` finds ``Hà Nội`` and the matched letters
are highlighted in place in the name as written.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol

from textual.command import Hit, Provider
from textual.content import Content

from tui.app.corpus_state import TYPE_LABELS
from tui.core.fold import fold
from tui.core.safe_text import one_line

if TYPE_CHECKING:
    from tui.app.library import Library
    from tui.core.corpus import CorpusEntity

ARTICLE_HITS = 40  # more would be a list to scroll, not a jump
ENTITY_HITS = 40
YIELD_EVERY = 500  # titles scored between returns to the event loop


class CorpusScreenLike(Protocol):
    """What the providers need of the reading screen (no import of the screen: no cycle)."""

    library: Library

    def open_listed(self, path: str) -> None: ...
    def choose_entity(self, entity: CorpusEntity) -> None: ...
    def fill_corpus(self) -> None: ...


def _screen(provider: Provider) -> CorpusScreenLike | None:
    screen = provider.screen
    return screen if hasattr(screen, "library") and hasattr(screen, "open_listed") else None  # type: ignore[return-value]


def _highlighted(name: str, score_text: Callable[[str], Content]) -> Content:
    """``name`` with the letters the matcher matched in its folded form styled."""
    shown = Content(name)
    for span in score_text(fold(name)).spans:
        shown = shown.stylize(span.style, span.start, span.end)
    return shown


class ArticleCommands(Provider):
    """Open any article by its title, diacritics optional."""

    async def search(self, query: str) -> AsyncIterator[Hit]:
        screen = _screen(self)
        if screen is None or not query.strip():
            return
        matcher = self.matcher(fold(query))
        scored = []
        for n, entry in enumerate(screen.library.entries):
            if n % YIELD_EVERY == YIELD_EVERY - 1:
                await asyncio.sleep(0)  # a long list: keys and paints go on while it is scored
            score = matcher.match(entry.loose_title)  # folded once per entry, kept
            if score > 0:
                scored.append((score, n, entry))
        scored.sort(key=lambda item: (-item[0], item[1]))
        for score, _, entry in scored[:ARTICLE_HITS]:
            title = one_line(" ".join(entry.title.split()))
            path = entry.path
            yield Hit(
                score,
                _highlighted(title, matcher.highlight),
                partial(screen.open_listed, path),
                text=title,
                help=f"Open the article · {one_line(os.path.basename(os.path.dirname(path)))}",
            )


class EntityCommands(Provider):
    """List the articles of any entity of the corpus by its name, diacritics optional."""

    async def search(self, query: str) -> AsyncIterator[Hit]:
        screen = _screen(self)
        if screen is None or not query.strip():
            return
        from tui.core.corpus import search

        screen.fill_corpus()
        rows = await asyncio.to_thread(screen.library.corpus.rows)  # made once, off the interface's thread
        matcher = self.matcher(fold(query))
        for rank, entity in enumerate(search(rows.entities, query)[:ENTITY_HITS]):
            name = one_line(entity.name)
            yield Hit(
                1.0 - rank / (ENTITY_HITS + 1),  # the corpus search's order: exact, prefix, word, inside
                _highlighted(name, matcher.highlight),
                partial(screen.choose_entity, entity),
                text=name,
                help=f"{TYPE_LABELS.get(entity.type, entity.type)} · list its {entity.articles:,} articles",
            )
