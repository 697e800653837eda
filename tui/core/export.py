"""What leaves the app: summaries as plain text, Markdown or JSON, and saved summary files.

Pure functions over an Analysis, shared by the interface (`c`, `C`, `s`) and
the command line (`summarize`, `entities`). The texts pass through
``safe_text.visible`` on the way out: an article's control characters arrive as
visible symbols in a terminal, a clipboard or a saved file. The JSON objects keep
the text as it is (offsets index it); ``safe_text.json_line`` writes them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from tui.core.lines import SENTENCE_END
from tui.core.model import Analysis, Document, EntityGroup, Summary
from tui.core.safe_text import json_line, one_line, visible
from tui.core.summarize import select

# Entity types in panel order, with their headings.
GROUP_TITLES: dict[str, str] = {
    "PER": "People",
    "ORG": "Organisations",
    "LOC": "Places",
    "DATE": "Dates",
    "DOC": "Documents",
    "NUM": "Figures",
}


def summary_sentences(analysis: Analysis, algorithm: str, count: int) -> list[str]:
    summary = analysis.summaries.get(algorithm)
    if summary is None:
        return []
    by_index = {s.index: s for s in analysis.sentences}
    return [" ".join(by_index[i].text.split()) for i in select(summary.scores, count) if i in by_index]


def algorithm_label(analysis: Analysis | None, algorithm: str) -> str:
    """``lexrank→ranker`` when a guard ran another algorithm than the one asked for, else ``ranker``."""
    summary = analysis.summaries.get(algorithm) if analysis is not None else None
    if summary is None or summary.ran == algorithm:
        return algorithm
    return f"{algorithm}→{summary.ran}"


def summary_label(analysis: Analysis, algorithm: str, count: int) -> str:
    """``ranker · 3 sentences``: the algorithm that ran and the sentences the summary really has."""
    summary = analysis.summaries.get(algorithm)
    method = summary.ran if summary is not None else algorithm
    real = len(summary_sentences(analysis, algorithm, count))
    return f"{method} · {real} sentence{'s' if real != 1 else ''}"


def summary_text(analysis: Analysis, algorithm: str, count: int) -> str:
    """The summary exactly as `c` copies it: the chosen sentences, in order, as one paragraph.

    A chosen lead or heading without final punctuation gets a full stop before the next sentence,
    which would otherwise read as its continuation (``…Nguyễn Văn An Cử tri Trần…``)."""
    chosen = summary_sentences(analysis, algorithm, count)
    return " ".join(s if n == len(chosen) - 1 or SENTENCE_END.search(s) else s + "." for n, s in enumerate(chosen))


def date_text(analysis: Analysis) -> str:
    return analysis.document.date_label()


def key_groups(groups: Iterable[EntityGroup] | None, per_type: int = 5) -> dict[str, list[EntityGroup]]:
    """The most mentioned entities of each type, in panel order."""
    out: dict[str, list[EntityGroup]] = {}
    if not groups:
        return out
    for kind in GROUP_TITLES:
        chosen = sorted((g for g in groups if g.type == kind), key=lambda g: (-g.count, g.name))
        if chosen:
            out[kind] = chosen[:per_type]
    return out


def md_escape(text: str) -> str:
    """Escape the characters Markdown would read as formatting (every Markdown output uses it)."""
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)


def markdown(analysis: Analysis, algorithm: str, count: int, per_type: int = 5) -> str:
    """The summary as Markdown: title, date, source path, summary and key entities."""
    document = analysis.document
    title = document.title or one_line(Path(document.path).name)
    lines = [f"## {md_escape(title)}", ""]
    meta = []
    if date := date_text(analysis):
        meta.append(f"**Date:** {md_escape(date)}")
    if document.author:
        meta.append(f"**Author:** {md_escape(document.author)}")
    meta.append(f"**Source:** `{one_line(document.path).replace('`', '')}`")
    lines += [line + "  " for line in meta[:-1]] + [meta[-1], ""]
    lines += [f"**Summary** ({summary_label(analysis, algorithm, count).replace(' · ', ', ')}):", ""]
    lines += [md_escape(summary_text(analysis, algorithm, count)), ""]
    groups = key_groups(analysis.groups, per_type)
    if groups:
        lines += ["**Key entities:**", ""]
        for kind, chosen in groups.items():
            names = []
            for group in chosen:
                name = md_escape(group.name)
                if group.role:
                    name += f" ({md_escape(group.role)})"
                names.append(name)
            lines.append(f"- {GROUP_TITLES[kind]}: " + "; ".join(names))
        lines.append("")
    return visible("\n".join(lines).rstrip() + "\n")


def summary_file_name(source: str) -> str:
    stem = Path(source).stem or "article"
    stem = re.sub(r"[^\w.-]+", "_", stem)[:80]
    return f"{stem}.summary.md"


def choose_save_dir(preferred: Path, protected: Sequence[str], fallback: Path) -> Path:
    """``preferred``, unless saving there would put files among the articles being read.

    ``protected`` holds the article files and folders the user opened: a summary
    written into one of their folders would sit next to the articles (and be
    listed as an article next time), so ``fallback`` is used instead.
    """
    target = preferred.expanduser().resolve()
    for item in protected:
        path = Path(item).expanduser().resolve()
        folder = path if os.path.isdir(path) else path.parent  # isdir: False for what cannot be entered
        if target == folder or folder in target.parents:
            return fallback
    return target


def save_summary(text: str, source: str, directory: Path, protected: Iterable[str] = ()) -> Path:
    """Write ``text`` to a new file in ``directory``; never overwrites anything."""
    return save_new_file(text.encode("utf-8"), summary_file_name(source), directory, protected)


def save_new_file(data: bytes, name: str, directory: Path, protected: Iterable[str] = ()) -> Path:
    """Write ``data`` to a new file ``name`` in ``directory`` (``name-2.md`` and on when it is
    taken); never overwrites anything, never writes over one of the ``protected`` files."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    taken = {str(Path(p).resolve()) for p in protected}
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    number = 1
    while True:
        if str(target.resolve()) not in taken:
            try:
                with open(target, "xb") as handle:  # "x": fails if the file exists
                    handle.write(data)
                return target
            except FileExistsError:
                pass
        number += 1
        target = directory / f"{stem}-{number}{dot}{suffix}"


def plain_text(analysis: Analysis, algorithm: str, count: int) -> str:
    """Headline, then date and author, then the summary as one paragraph: ready to paste."""
    document = analysis.document
    lines = [document.title or one_line(Path(document.path).name)]
    meta = " · ".join(part for part in (date_text(analysis), document.author) if part)
    if meta:
        lines.append(meta)
    lines += ["", summary_text(analysis, algorithm, count)]
    return visible("\n".join(lines) + "\n")


def summary_json(analysis: Analysis, summary: Summary, count: int) -> dict[str, Any]:
    """One JSON object per article: the command line's contract (offsets index ``text``)."""
    doc = analysis.document
    return {
        "path": doc.path,
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date else None,
        "author": doc.author,
        **document_fields(doc),
        "algorithm": summary.algorithm,
        "method": summary.ran,
        "text": doc.text,
        "sentences": [
            {"start": s.start, "end": s.end, "score": sc.score, "rank": sc.rank}
            for s, sc in zip(analysis.sentences, summary.scores, strict=True)
        ],
        "summary": [
            {"start": analysis.sentences[i].start, "end": analysis.sentences[i].end, "text": analysis.sentences[i].text}
            for i in select(summary.scores, count)  # by rank: a cached summary may have been made for another length
        ],
        "notes": [*doc.notes, *([summary.note] if summary.note else [])],
    }


def document_fields(doc: Document) -> dict[str, Any]:
    """The reader's share of the contract: format, what the file states, and its headings' spans."""
    return {
        "format": doc.format,
        "metadata": dict(doc.metadata),
        "headings": [{"start": h.start, "end": h.end, "level": h.level, "text": h.text} for h in doc.headings],
    }


def entities_json_parts(analysis: Analysis, batch: int = 1_000) -> Iterator[str]:
    """The ``entities --format json`` line in parts that join into one JSON object: the path, the
    document's fields, its text, entities, groups and notes. A 5 MB report names hundreds of
    thousands of entities: built whole, their objects and the line took tens of megabytes."""
    doc = analysis.document
    head = json_line({"path": doc.path, **document_fields(doc), "text": doc.text})
    yield head[:-1] + ', "entities": ['
    yield from _json_items(
        ({"type": e.type, "start": e.start, "end": e.end, "text": e.text} for e in analysis.entities or ()), batch
    )
    yield '], "groups": ['
    groups = (
        {
            "type": g.type,
            "name": g.name,
            "count": g.count,
            "role": g.role,
            "context": g.context,
            "mentions": [{"start": m.start, "end": m.end} for m in g.mentions],
        }
        for g in analysis.groups or ()
    )
    yield from _json_items(groups, batch)
    yield '], "notes": ' + json_line(list(doc.notes)) + "}"


def _json_items(items: Iterable[dict[str, Any]], batch: int) -> Iterator[str]:
    """The items of a JSON array, ``batch`` at a time, separated as ``json.dumps`` does."""
    items = iter(items)
    separator = ""
    while chunk := list(islice(items, batch)):
        yield separator + json_line(chunk)[1:-1]  # one dump a batch: "[a, b]" without its brackets
        separator = ", "


def entities_text(analysis: Analysis) -> str:
    """Entities grouped by type, most mentioned first, with roles and figure contexts."""
    doc = analysis.document
    out = [doc.title or one_line(doc.path)]
    for kind, title in GROUP_TITLES.items():
        groups = sorted((g for g in analysis.groups or () if g.type == kind), key=lambda g: (-g.count, g.name))
        if not groups:
            continue
        out += ["", f"{title}:"]
        for group in groups:
            detail = group.role or group.context
            out.append(f"  {group.name} ×{group.count}" + (f" — {detail}" if detail else ""))
    return visible("\n".join(out) + "\n")
