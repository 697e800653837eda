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
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.core.loader import LoadError
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    results = score(args.folder, args.show_errors)
    print(f"{args.folder}")
    print("| field | right | of | % |\n|---|---|---|---|")
    for field, (right, total) in results.items():
        print(f"| {field} | {right} | {total} | {100 * right / total if total else 0:.0f} |")


if __name__ == "__main__":
    main()
