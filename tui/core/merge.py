"""Two analyses of the same article made into one: the single rule for combining results.

An article is analysed in parts (a summary first, its entities later, another
algorithm on request) by the interface's workers, the cache and the batch
indexer. Each part is an ``Analysis`` of the same text; this module says how
they add up, so the interface, the service and the indexer cannot disagree.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from tui.core.model import Analysis


def merge(old: Analysis | None, new: Analysis) -> Analysis:
    """``new`` with every summary ``old`` has that ``new`` lacks, and ``old``'s entities when
    ``new`` has none (entities found by the newer analysis win).

    Returns ``new`` itself when ``old`` adds nothing, so callers can tell nothing was added.
    """
    if old is None:
        return new
    missing = {name: summary for name, summary in old.summaries.items() if name not in new.summaries}
    keep_entities = new.entities is None and old.entities is not None
    if not missing and not keep_entities:
        return new
    return replace(
        new,
        summaries={**missing, **new.summaries} if missing else new.summaries,
        entities=old.entities if keep_entities else new.entities,
        groups=old.groups if keep_entities else new.groups,
    )


def adds_to(held: Analysis | None, new: Analysis) -> bool:
    """Whether ``new`` holds something ``held`` lacks: a summary by another algorithm, or entities."""
    if held is None:
        return True
    return bool(set(new.summaries) - set(held.summaries)) or (new.entities is not None and held.entities is None)


def complete(summaries: Collection[str], has_entities: bool, algorithm: str) -> bool:
    """Whether an analysis holding summaries by ``summaries`` (and entities, if ``has_entities``)
    holds everything a full analysis makes for ``algorithm``: the one rule for "this article is
    done", used by the cache's rows, the indexer and the interface."""
    return has_entities and algorithm in summaries
