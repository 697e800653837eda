"""underthesea's word_tokenize and ner against tui.core.fast_tokenize: same output? how much faster?

    python bench/tokenize_speed.py [FOLDER] [--limit N] [--no-ner]

Splits each .txt file of FOLDER into paragraphs (blocks between blank lines)
and each paragraph into sentences with underthesea.sent_tokenize, then runs
both implementations on every sentence. Prints the number of sentences whose
outputs differ (should be 0) and, per article, the median and p95 time of
each implementation and their ratio. Figures only, no pass/fail on time.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import underthesea

from tui.core import fast_tokenize

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "bench" / "corpus-2k"
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def sentences_of(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    paragraphs = (p.strip() for p in PARAGRAPH_BREAK.split(text))
    return [s for p in paragraphs if p for s in underthesea.sent_tokenize(p)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Comparison:
    """Per-article times of a reference and a fast function, and their disagreements."""

    def __init__(self, name: str, reference: Callable, fast: Callable) -> None:
        self.name, self.reference, self.fast = name, reference, fast
        self.times: dict[str, list[float]] = {"underthesea": [], "fast": []}
        self.sentences = 0
        self.mismatches: list[str] = []

    def run(self, sentences: list[str]) -> None:
        expected, reference_time = timed(self.reference, sentences)
        actual, fast_time = timed(self.fast, sentences)
        self.times["underthesea"].append(reference_time)
        self.times["fast"].append(fast_time)
        self.sentences += len(sentences)
        self.mismatches += [s for s, e, a in zip(sentences, expected, actual) if e != a]

    def report(self) -> None:
        print(f"\n{self.name}: {len(self.mismatches)} mismatches in {self.sentences} sentences")
        for sentence in self.mismatches[:5]:
            print(f"  differs: {sentence[:100]!r}")
        print(f"  {'per article (ms)':<28}{'median':>9}{'p95':>9}{'total s':>10}")
        rows = {}
        for label, values in self.times.items():
            rows[label] = (statistics.median(values) * 1e3, percentile(values, 0.95) * 1e3, sum(values))
            print(f"  {label:<28}{rows[label][0]:>9.2f}{rows[label][1]:>9.2f}{rows[label][2]:>10.1f}")
        ratios = [r / f for r, f in zip(rows["underthesea"], rows["fast"])]
        print(f"  {'ratio underthesea / fast':<28}{ratios[0]:>9.2f}{ratios[1]:>9.2f}{ratios[2]:>10.2f}")


def timed(function: Callable, sentences: list[str]) -> tuple[list, float]:
    start = time.perf_counter()
    outputs = [function(s) for s in sentences]
    return outputs, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (sorted by name)")
    parser.add_argument("--no-ner", action="store_true", help="compare word_tokenize only")
    args = parser.parse_args()
    files = sorted(Path(args.folder).glob("*.txt"))
    files = files[: args.limit] if args.limit else files
    if not files:
        sys.exit(f"no .txt files in {args.folder}")

    comparisons = [Comparison("word_tokenize", underthesea.word_tokenize, fast_tokenize.word_tokenize)]
    if not args.no_ner:
        comparisons.append(Comparison("ner", underthesea.ner, fast_tokenize.ner))
    for c in comparisons:  # model loading is a start-up cost, not a per-article one
        c.reference("Xin chào Việt Nam."), c.fast("Xin chào Việt Nam.")

    for i, path in enumerate(files, 1):
        sentences = sentences_of(path)
        for c in comparisons:
            c.run(sentences)
        if i % 200 == 0:
            print(f"{i}/{len(files)} articles", file=sys.stderr, flush=True)

    print(f"{args.folder}: {len(files)} articles, {comparisons[0].sentences} sentences")
    for c in comparisons:
        c.report()


if __name__ == "__main__":
    main()
