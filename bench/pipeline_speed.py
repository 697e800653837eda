"""Time per article for `summarize` and `entities` work, and the cache, on a folder of articles.

    python bench/pipeline_speed.py [FOLDER] [--limit N]

Prints median and p95 per article (ms) for: tokenisation (load, clean,
sentences, words), the default summary, entities, and a cached read.
Single process; figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.core.cache import cache_key, open_cache
from tui.core.loader import load_text
from tui.core.model import Analysis
from tui.core.pipeline import Options, add_entities, load_document, summarize_with
from tui.core.summarize import DEFAULT_ALGORITHM
from tui.core.tokenize import split_sentences

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "bench" / "corpus-2k"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    files = sorted(Path(args.folder).glob("*.txt"))
    files = files[: args.limit] if args.limit else files
    options = Options(algorithm=DEFAULT_ALGORITHM)
    # Warm up: imports and model loading are start-up costs, not per-article ones.
    warm = load_document(str(files[0]), options)
    add_entities(Analysis(warm, split_sentences(warm)))

    times: dict[str, list[float]] = {
        "tokens": [],
        "summary": [],
        "entities": [],
        "summarize": [],
        "summarize+entities": [],
        "cached read": [],
    }
    per_kchar: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        cache = open_cache(folder=Path(folder))
        for path in files:
            t0 = time.perf_counter()
            document = load_document(str(path), options)
            sentences = split_sentences(document)
            t1 = time.perf_counter()
            summary = summarize_with(document, sentences, options.algorithm, options)
            t2 = time.perf_counter()
            analysis = add_entities(Analysis(document, sentences, {options.algorithm: summary}))
            t3 = time.perf_counter()
            key = cache_key(load_text(str(path)).content_hash, options)
            cache.put(key, analysis)
            t4 = time.perf_counter()
            cache.get(cache_key(load_text(str(path)).content_hash, options), str(path))
            t5 = time.perf_counter()
            times["tokens"].append(t1 - t0)
            times["summary"].append(t2 - t1)
            times["entities"].append(t3 - t2)
            times["summarize"].append(t2 - t0)
            times["summarize+entities"].append(t3 - t0)
            times["cached read"].append(t5 - t4)
            per_kchar.append((t3 - t2 + t1 - t0) / max(len(document.text), 1) * 1000)
        cache.close()
    print(f"{len(files)} articles from {args.folder}; default algorithm: {options.algorithm}")
    print(f"{'step':<20}{'median ms':>11}{'p95 ms':>9}{'total s':>9}")
    for step, values in times.items():
        print(
            f"{step:<20}{statistics.median(values) * 1000:>11.1f}{percentile(values, 0.95) * 1000:>9.1f}"
            f"{sum(values):>9.1f}"
        )
    print(
        f"entities incl. tokens per 1,000 chars: median {statistics.median(per_kchar) * 1000:.1f} ms, "
        f"p95 {percentile(per_kchar, 0.95) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
