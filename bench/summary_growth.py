"""How each summarizer's time grows with the length of a report.

Long documents are built from real articles: the dev articles' bodies are
concatenated (first headline kept) and split by the real pipeline, then cut
to 50/100/200/400 sentences. Each algorithm runs through ``summarize`` as the
app calls it; the table shows the best of ``--repeat`` runs in ms, the growth
ratio from each size to the next (2x sentences: ~2 for linear, ~4 for
quadratic) and the note a guard left, if any. Single process; the machine is
shared, so timings are noisy.

    python bench/summary_growth.py [FILE] [--sizes 50,100,200,400] [--algorithms a,b] [--sumy]

``--sumy`` also times sumy's own classes for the algorithms that have a fast
equivalent (slow: KL takes tens of seconds at 400 sentences).
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summaries import DEV, read_rows  # noqa: E402

from tui.core import summarize as summarize_module  # noqa: E402
from tui.core.pipeline import document_from_text  # noqa: E402
from tui.core.stopwords import load_stopwords  # noqa: E402
from tui.core.summarize import ALGORITHMS, summarize  # noqa: E402
from tui.core.tokenize import split_sentences  # noqa: E402


def long_document(path: Path, sentences: int):
    """A document of at least ``sentences`` body sentences from concatenated articles."""
    rows = read_rows(path)
    title = rows[0]["title"]
    bodies: list[str] = []
    approx = 0
    for row in rows:
        bodies.append(row["text"])
        approx += row["text"].count(". ")
        if approx > sentences * 1.3:
            break
    document = document_from_text(title + "\n\n" + "\n\n".join(bodies))
    return document, split_sentences(document)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEV)
    parser.add_argument("--sizes", default="50,100,200,400")
    parser.add_argument("--algorithms", default=",".join(ALGORITHMS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sumy", action="store_true", help="also time sumy's own classes")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    algorithms = [a for a in args.algorithms.split(",") if a]
    stop_words = load_stopwords()
    document, sentences = long_document(args.file, max(sizes))
    if len(sentences) < max(sizes):
        sys.exit(f"only {len(sentences)} sentences available")
    rows: list[tuple[str, list[float], str]] = []
    variants = [(name, False) for name in algorithms]
    if args.sumy:
        variants += [(name, True) for name in algorithms if name in summarize_module.FAST_CLASSES]
    for name, use_sumy in variants:
        times, note = [], ""
        for size in sizes:
            best = float("inf")
            for _ in range(args.repeat if not use_sumy else 1):
                started = time.perf_counter()
                if use_sumy:
                    with summarize_module.sumy_classes_only():
                        summary = summarize(document, sentences[:size], name, 3, stop_words)
                else:
                    summary = summarize(document, sentences[:size], name, 3, stop_words)
                best = min(best, time.perf_counter() - started)
            assert len(summary.scores) == size
            times.append(best * 1000)
            note = summary.note or note
        rows.append((name + (" (sumy)" if use_sumy else ""), times, note))
    print(f"ms per summary (best of {args.repeat}; noisy shared machine); x = growth from the previous size")
    print("| method | " + " | ".join(f"{s}" for s in sizes) + " | growth | note |")
    print("|---|" + "---|" * len(sizes) + "---|---|")
    for name, times, note in rows:
        growth = " ".join(f"x{b / a:.1f}" if a > 0 else "-" for a, b in pairwise(times))
        cells = " | ".join(f"{t:.1f}" for t in times)
        print(f"| {name} | {cells} | {growth} | {note} |")


if __name__ == "__main__":
    main()
