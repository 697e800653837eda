"""Summaries as text a person pastes: plain, Markdown, or the JSON contract of the command line."""

from __future__ import annotations

from typing import Any

from tui.core.model import Analysis, Summary
from tui.core.summarize import select

GROUP_TITLES = {"PER": "People", "ORG": "Organisations", "LOC": "Places", "DATE": "Dates",
                "DOC": "Documents", "NUM": "Figures"}


def summary_sentences(analysis: Analysis, summary: Summary, count: int | None = None) -> list[str]:
    chosen = summary.selected if count is None else select(summary.scores, count)
    return [analysis.sentences[i].text for i in chosen]


def byline(analysis: Analysis) -> str:
    doc = analysis.document
    parts = [doc.date.isoformat() if doc.date else None, doc.author]
    return " · ".join(p for p in parts if p)


def as_text(analysis: Analysis, summary: Summary, count: int | None = None) -> str:
    """Headline, date and author, then the summary as one paragraph."""
    doc = analysis.document
    lines = [doc.title or doc.path]
    if byline(analysis):
        lines.append(byline(analysis))
    lines += ["", " ".join(summary_sentences(analysis, summary, count))]
    return "\n".join(lines) + "\n"


def as_markdown(analysis: Analysis, summary: Summary, count: int | None = None,
                key_entities: int = 5) -> str:
    """A Markdown block with the headline, date, source path, summary and key entities."""
    doc = analysis.document
    out = [f"## {doc.title or doc.path}", ""]
    meta = [f"**Date:** {doc.date.isoformat()}" if doc.date else None,
            f"**Author:** {doc.author}" if doc.author else None,
            f"**Source:** `{doc.path}`"]
    out += ["  \n".join(m for m in meta if m), ""]
    out += [f"- {s}" for s in summary_sentences(analysis, summary, count)]
    entity_lines = _key_entity_lines(analysis, key_entities)
    if entity_lines:
        out += ["", "**Key entities**", ""] + entity_lines
    return "\n".join(out) + "\n"


def _key_entity_lines(analysis: Analysis, per_type: int) -> list[str]:
    lines = []
    for kind, title in GROUP_TITLES.items():
        groups = sorted((g for g in analysis.groups or () if g.type == kind), key=lambda g: -g.count)
        if groups:
            names = ", ".join(g.name for g in groups[:per_type])
            lines.append(f"- {title}: {names}")
    return lines


def summary_json(analysis: Analysis, summary: Summary) -> dict[str, Any]:
    """One JSON object per article: the command line's contract (offsets index ``text``)."""
    doc = analysis.document
    return {
        "path": doc.path,
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date else None,
        "author": doc.author,
        "algorithm": summary.algorithm,
        "text": doc.text,
        "sentences": [
            {"start": s.start, "end": s.end, "score": sc.score, "rank": sc.rank}
            for s, sc in zip(analysis.sentences, summary.scores, strict=True)
        ],
        "summary": [
            {"start": analysis.sentences[i].start, "end": analysis.sentences[i].end,
             "text": analysis.sentences[i].text}
            for i in summary.selected
        ],
        "notes": [*doc.notes, *([summary.note] if summary.note else [])],
    }


def entities_json(analysis: Analysis) -> dict[str, Any]:
    doc = analysis.document
    return {
        "path": doc.path,
        "text": doc.text,
        "entities": [{"type": e.type, "start": e.start, "end": e.end, "text": e.text}
                     for e in analysis.entities or ()],
        "groups": [
            {"type": g.type, "name": g.name, "count": g.count, "role": g.role, "context": g.context,
             "mentions": [{"start": m.start, "end": m.end} for m in g.mentions]}
            for g in analysis.groups or ()
        ],
        "notes": list(doc.notes),
    }


def entities_text(analysis: Analysis) -> str:
    """Entities grouped by type, most mentioned first, with roles and figure contexts."""
    doc = analysis.document
    out = [doc.title or doc.path]
    for kind, title in GROUP_TITLES.items():
        groups = sorted((g for g in analysis.groups or () if g.type == kind), key=lambda g: (-g.count, g.name))
        if not groups:
            continue
        out += ["", f"{title}:"]
        for group in groups:
            detail = group.role or group.context
            out.append(f"  {group.name} ×{group.count}" + (f" — {detail}" if detail else ""))
    return "\n".join(out) + "\n"
