"""How many summaries repeat themselves: the share with two sentences that say the same thing.

    python bench/redundancy.py [FOLDER] [--algorithm ranker] [--sentences 3] [--limit N] [--threshold 0.7]

A summary is flagged when, for two of its sentences, the shorter one shares more than
``--threshold`` of its distinct lowercase syllables with the other (the rough check a reader
applies: "this sentence says nothing the other did not"). Also counts summary sentences that run
over a line break (a headline-like line without a full stop glued to the next sentence), and
those that end without final punctuation before another summary sentence. Prints
the flagged share, and the first few flagged pairs' file names.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tui.core.lines import SENTENCE_END  # noqa: E402
from tui.core.loader import LoadError  # noqa: E402
from tui.core.pipeline import Options, analyse, load_document  # noqa: E402
from tui.core.summarize import select  # noqa: E402

CORPUS = ROOT.parent / "shared" / "bench" / "corpus-2k"
_WORD = re.compile(r"\w+")


def overlap(a: str, b: str) -> float:
    """The share of the shorter sentence's distinct syllables that the other also has."""
    x, y = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    small, large = (x, y) if len(x) <= len(y) else (y, x)
    return len(small & large) / len(small) if small else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--algorithm", default="ranker")
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--threshold", type=float, default=0.7)
    args = parser.parse_args(argv)
    options = Options(algorithm=args.algorithm, sentences=args.sentences)
    files = sorted(args.folder.rglob("*.txt"))[: args.limit or None]
    flagged: list[str] = []
    runs_over = 0
    unended = 0  # joined to the next one by `c` / `summarize`: export.summary_text adds a full stop
    started = time.perf_counter()
    for path in files:
        try:
            analysis = analyse(load_document(str(path), options), options, entities=False)
        except LoadError:
            continue
        summary = analysis.summaries[args.algorithm]
        chosen = [analysis.sentences[i].text for i in select(summary.scores, args.sentences)]
        runs_over += sum("\n" in text.strip() for text in chosen)
        unended += sum(not SENTENCE_END.search(text.strip()) for text in chosen[:-1])
        if any(overlap(a, b) > args.threshold for i, a in enumerate(chosen) for b in chosen[i + 1 :]):
            flagged.append(path.name)
    total = len(files)
    print(
        f"{args.algorithm}, {args.sentences} sentences, {total} articles ({time.perf_counter() - started:.0f} s): "
        f"{len(flagged)} summaries repeat themselves ({100 * len(flagged) / max(total, 1):.1f}%), "
        f"{runs_over} summary sentences run over a line break, "
        f"{unended} end without final punctuation before another"
    )
    for name in flagged[:10]:
        print(f"  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
