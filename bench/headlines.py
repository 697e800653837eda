"""Score headline, date and author on any folder of articles that has a ``gold.jsonl``.

Each line of ``gold.jsonl``: ``{"file", "title", "date", "author"}`` (``date`` as
``YYYY-MM-DD``; ``null`` where the article has none), optionally ``"outside"``: strings
that are on the page but not in the article (menus, related links, footers), which
no summary sentence may contain. Every file goes through the app's own pipeline
(load, clean, split, the default summarizer with three sentences).

``title_near`` counts titles at least 90% similar (difflib ratio): OCR'd text misreads a
letter here and there. Titles and authors are compared after NFC, case folding and collapsing white space;
an author counts as right when the gold name is the found one or is contained in it.

    python bench/headlines.py FOLDER [--show-errors]
    python bench/headlines.py --survey FOLDER [--show N]

``--survey`` needs no gold: for every ``.txt``/``.md`` file below FOLDER it counts how many
get a headline, a date, an author, an empty body or a note from the cleaner, prints the time
of ``clean`` alone (median and p95 per file, after a warm-up) and N of the authors found.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.core.clean import clean
from tui.core.loader import LoadError, load_text
from tui.core.pipeline import analyse, load_document

_NEAR = 0.9  # OCR misreads a letter here and there: "near" titles differ by at most this much


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip().casefold()


def score(folder: Path, show_errors: bool = False) -> dict[str, tuple[int, int]]:
    """(right, counted) per field; also empty summaries and summaries reaching outside the body."""
    rows = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    tally = {
        "title": [0, 0],
        "title_near": [0, 0],
        "date": [0, 0],
        "author": [0, 0],
        "summary_not_empty": [0, 0],
        "summary_in_body": [0, 0],
    }
    for row in rows:
        path = folder / row["file"]
        if path.suffix not in {".txt", ".md"}:
            continue
        try:
            analysis = analyse(load_document(str(path)), entities=False)
        except LoadError as exc:
            print(f"{row['file']}: {exc}")
            continue
        doc = analysis.document
        found = {
            "title": _norm(doc.title) == _norm(row.get("title")),
            "title_near": SequenceMatcher(None, _norm(doc.title), _norm(row.get("title"))).ratio() >= _NEAR,
            "date": (doc.date.isoformat() if doc.date else None) == row.get("date"),
            "author": _author_ok(doc.author, row.get("author")),
        }
        summary = next(iter(analysis.summaries.values()))
        chosen = [analysis.sentences[i].text for i in summary.selected]
        outside = [s for s in row.get("outside", []) if any(_norm(s) in _norm(c) for c in chosen)]
        found["summary_not_empty"] = bool(chosen)
        found["summary_in_body"] = not outside
        for field, ok in found.items():
            tally[field][0] += int(ok)
            tally[field][1] += 1
            if show_errors and not ok:
                got = {"title": doc.title, "title_near": doc.title, "date": doc.date, "author": doc.author}.get(
                    field, outside or chosen
                )
                print(f"  {row['file']} {field}: got {got!r}, gold {row.get(field)!r}")
    return {field: (right, total) for field, (right, total) in tally.items()}


def _author_ok(found: str | None, gold: str | None) -> bool:
    if gold is None:
        return found is None
    return found is not None and _norm(gold) in _norm(found)


def survey(folder: Path, show: int) -> None:
    """Counts over a folder without gold, and the time ``clean`` takes per file."""
    texts = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix in {".txt", ".md"}):
        try:
            texts.append((path.name, load_text(str(path)).text))
        except LoadError as exc:
            print(exc)
    for name, text in texts[:50]:
        clean(name, text)  # warm-up: imports and regular expressions
    counts = {"title": 0, "date": 0, "author": 0, "empty body": 0, "note": 0}
    seconds: list[float] = []
    authors: list[tuple[str, str]] = []
    for name, text in texts:
        start = time.perf_counter()
        doc = clean(name, text)
        seconds.append(time.perf_counter() - start)
        counts["title"] += doc.title is not None
        counts["date"] += doc.date is not None
        counts["author"] += doc.author is not None
        counts["empty body"] += not doc.paragraphs
        counts["note"] += bool(doc.notes)
        if doc.author:
            authors.append((name, doc.author))
    seconds.sort()
    print(f"{folder}: {len(texts)} files; " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if seconds:
        p95 = seconds[int(0.95 * (len(seconds) - 1))]
        print(f"clean(): median {1000 * statistics.median(seconds):.2f} ms, p95 {1000 * p95:.2f} ms per file")
    for name, author in random.Random(0).sample(authors, min(show, len(authors))):
        print(f"  {name}: {author}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--survey", action="store_true", help="no gold: counts, timing and a sample of authors")
    parser.add_argument("--show", type=int, default=20, help="authors to print with --survey")
    args = parser.parse_args(argv)
    if args.survey:
        survey(args.folder, args.show)
        return
    results = score(args.folder, args.show_errors)
    print(f"{args.folder}")
    print("| field | right | of | % |\n|---|---|---|---|")
    for field, (right, total) in results.items():
        print(f"| {field} | {right} | {total} | {100 * right / total if total else 0:.0f} |")


if __name__ == "__main__":
    main()
