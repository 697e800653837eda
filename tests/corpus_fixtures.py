"""Analyses made by hand for the corpus tests: short invented Vietnamese articles, their groups given.

Building them without the NLP pipeline keeps these tests fast and independent of extraction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from tui.core.model import Analysis, Document, Entity, EntityGroup, Sentence, SentenceScore, Summary

GroupSpec = tuple[str, tuple[str, ...], str | None]  # type, mention texts (each found in order), role


def article(
    path: str,
    body: str,
    groups: Sequence[GroupSpec],
    date: dt.date | None = None,
    title: str | None = None,
    author: str | None = None,
) -> Analysis:
    """An analysis of ``body``: sentences split at full stops, one group per spec, a lead summary."""
    sentences: list[Sentence] = []
    for m in re.finditer(r"[^.]+\.?", body):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        if m.group().strip():
            sentences.append(Sentence(len(sentences), start, m.end(), body[start : m.end()], 0))
    made = []
    for kind, texts, role in groups:
        mentions, at = [], 0
        for text in texts:
            start = body.index(text, at)
            mentions.append(Entity(kind, start, start + len(text), text))
            at = start + 1
        name = " ".join(max(texts, key=lambda t: len(t.split())).split())  # as grouping names a group
        made.append(EntityGroup(kind, name, tuple(mentions), role))
    scores = tuple(SentenceScore(s.index, 1.0 / (s.index + 1), s.index + 1) for s in sentences)
    summary = Summary("lead", scores, tuple(s.index for s in sentences[:2]), method="lead")
    document = Document(path, body, "utf-8", title=title, date=date, author=author)
    return Analysis(document, tuple(sentences), {"lead": summary}, None, tuple(made))
