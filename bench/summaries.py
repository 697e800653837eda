"""Score every summarizer of the app against reference abstracts.

Input: a JSON Lines file of ``{id, title, text, reference}``. Each article is fed
to the real pipeline as a user's file would look (``title``, a blank line,
``text``), split into sentences once, then summarised by every algorithm.

ROUGE-1/2/L F1 x 100 on lowercase syllables
(``re.findall(r"\\w+", NFC(s).replace("_", " ").lower())``), not rouge-score's
tokenizer, which keeps only ``[a-z0-9]`` and cuts Vietnamese syllables apart.

Two summary lengths:

* ``matched``: the number of sentences closest to the reference's length. By
  default (``--length mean``) one count per article, the same for every method:
  ``max(1, round(reference syllables / mean syllables per body sentence))``.
  With ``--length closest`` each method gets the count ``k`` whose own ``k``
  best sentences hold the syllable total closest to the reference's (ties to
  the smaller ``k``; the oracle's along its greedy order). The first is what
  the tables report; the second reads the issue's wording literally and lets a
  method that prefers short sentences take more of them;
* ``k=3``: three sentences.

``oracle`` is the greedy extractive upper bound (adds the sentence that most
raises R1+R2 F1 until k sentences). ``ms`` is the time of ``summarize`` alone
(tokenisation excluded; it is shared by all methods; one warm-up call per
algorithm first, so imports are not counted), median and mean per article. Timings come from one process on a shared machine and are noisy.

    python bench/summaries.py [FILE] [--limit N] [--algorithms a,b,c]
"""  # noqa: E501

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tui.core.model import Document, Sentence  # noqa: E402
from tui.core.pipeline import Options, document_from_text, summarize_with  # noqa: E402
from tui.core.summarize import ALGORITHMS  # noqa: E402
from tui.core.tokenize import split_sentences  # noqa: E402

DEV = Path("/work/shared/eval/summarization/dev.jsonl")
_WORD = re.compile(r"\w+")


def syllables(text: str) -> list[str]:
    """The scoring units: lowercase ``\\w+`` runs after NFC, underscores as spaces."""
    return _WORD.findall(unicodedata.normalize("NFC", text).replace("_", " ").lower())


def _f1(overlap: int, candidate: int, reference: int) -> float:
    if overlap == 0 or candidate == 0 or reference == 0:
        return 0.0
    p, r = overlap / candidate, overlap / reference
    return 2 * p * r / (p + r)


def _ngrams(tokens: Sequence[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    if not a or not b:
        return 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge(candidate: Sequence[str], reference: Sequence[str]) -> tuple[float, float, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F1 (0..1) of two syllable lists."""
    scores = []
    for n in (1, 2):
        c, r = _ngrams(candidate, n), _ngrams(reference, n)
        scores.append(_f1(sum((c & r).values()), sum(c.values()), sum(r.values())))
    scores.append(_f1(_lcs(candidate, reference), len(candidate), len(reference)))
    return scores[0], scores[1], scores[2]


def matched_count(sentences: Sequence[Sentence], reference: str) -> int:
    """The number of sentences whose mean length is closest to the reference's."""
    lengths = [len(syllables(s.text)) for s in sentences]
    mean = sum(lengths) / len(lengths) if lengths else 1.0
    return max(1, min(len(sentences), round(len(syllables(reference)) / max(mean, 1.0))))


def closest_count(lengths: Sequence[int], reference: str) -> int:
    """The ``k`` whose first ``k`` of ``lengths`` (in rank order) sum closest to the reference's syllables."""
    target = len(syllables(reference))
    best, total = (float("inf"), 1), 0
    for k, length in enumerate(lengths, 1):
        total += length
        best = min(best, (abs(total - target), k))
    return best[1]


def oracle_order(sentences: Sequence[Sentence], reference: str, count: int) -> list[int]:
    """Greedy extractive oracle: add the sentence that most raises R1+R2 F1, ``count`` times (in pick order)."""
    ref = syllables(reference)
    ref1, ref2 = _ngrams(ref, 1), _ngrams(ref, 2)
    tokens = [syllables(s.text) for s in sentences]
    chosen: list[int] = []
    best_value = -1.0
    for _ in range(min(count, len(sentences))):
        best = None
        for i in range(len(sentences)):
            if i in chosen:
                continue
            cand = [t for j in sorted([*chosen, i]) for t in tokens[j]]
            c1, c2 = _ngrams(cand, 1), _ngrams(cand, 2)
            value = _f1(sum((c1 & ref1).values()), len(cand), len(ref)) + _f1(
                sum((c2 & ref2).values()), max(len(cand) - 1, 0), max(len(ref) - 1, 0)
            )
            if best is None or value > best[0]:
                best = (value, i)
        if best is None or (chosen and best[0] <= best_value):
            break
        best_value = best[0]
        chosen.append(best[1])
    return chosen


def oracle_selection(sentences: Sequence[Sentence], reference: str, count: int) -> tuple[int, ...]:
    """The greedy oracle's ``count`` sentences in document order."""
    return tuple(sorted(oracle_order(sentences, reference, count)))


def read_rows(path: Path, limit: int | None = None) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
                if limit and len(rows) >= limit:
                    break
    return rows


def article_text(row: dict) -> str:
    """The article as a user's file would hold it: headline, blank line, body."""
    title = (row.get("title") or "").strip()
    return f"{title}\n\n{row['text']}" if title else row["text"]


def prepare(row: dict) -> tuple[Document, tuple[Sentence, ...]]:
    document = document_from_text(article_text(row), path=row.get("id", "<text>"))
    return document, split_sentences(document)


def _code_version() -> str:
    """Changes when cleaning or sentence splitting changes, so cached splits are rebuilt."""
    digest = hashlib.blake2b(digest_size=8)
    for name in ("clean.py", "tokenize.py", "model.py"):
        digest.update((ROOT / "tui" / "core" / name).read_bytes())
    return digest.hexdigest()


def prepared(
    path: Path, limit: int | None = None, cache: Path | None = None
) -> list[tuple[dict, Document, tuple[Sentence, ...]]]:
    """Rows with their documents and sentences, cached on disk when ``cache`` is a directory."""
    rows = read_rows(path, limit)
    file = None
    if cache is not None:
        key = hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest()
        file = cache / f"{path.stem}-{key}-{_code_version()}.pkl"
        if file.exists():
            stored = pickle.loads(file.read_bytes())
            if len(stored) >= len(rows):
                return [(row, *stored[i]) for i, row in enumerate(rows)]
    out = [(row, *prepare(row)) for row in rows]
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(pickle.dumps([(d, s) for _, d, s in out]))
    return out


def evaluate(
    items: Iterable[tuple[dict, Document, tuple[Sentence, ...]]], algorithms: Sequence[str], length: str = "mean"
) -> dict[str, dict[str, list[float]]]:
    """Per algorithm: lists of R1/R2/RL at matched length (``length`` rule) and at k=3, and ms per article."""
    results: dict[str, dict[str, list[float]]] = {
        a: {key: [] for key in ("r1", "r2", "rl", "r1@3", "r2@3", "rl@3", "ms")} for a in algorithms
    }
    options = Options(sentences=3)
    items = list(items)
    warm = next(((d, s) for _, d, s in items if s), None)
    if warm is not None:  # imports and loaded weights are not part of the time per article
        for algorithm in algorithms:
            if algorithm != "oracle":
                summarize_with(warm[0], warm[1], algorithm, options)
    for row, document, sentences in items:
        if not sentences:
            continue
        reference = syllables(row["reference"])
        count = matched_count(sentences, row["reference"])
        for algorithm in algorithms:
            started = time.perf_counter()
            if algorithm == "oracle":
                limit = len(sentences) if length == "closest" else count
                order = oracle_order(sentences, row["reference"], limit)
                three = oracle_selection(sentences, row["reference"], 3)
            else:
                summary = summarize_with(document, sentences, algorithm, options)
                order = [s.index for s in sorted(summary.scores, key=lambda s: s.rank)]
                three = tuple(sorted(order[:3]))
            elapsed = (time.perf_counter() - started) * 1000
            if length == "closest":
                count = closest_count([len(syllables(sentences[i].text)) for i in order], row["reference"])
            picks = {count: tuple(sorted(order[:count])), 3: three}
            got = results[algorithm]
            got["ms"].append(elapsed)
            for k, suffix in ((count, ""), (3, "@3")):
                candidate = [t for i in picks[k] for t in syllables(sentences[i].text)]
                r1, r2, rl = rouge(candidate, reference)
                got["r1" + suffix].append(100 * r1)
                got["r2" + suffix].append(100 * r2)
                got["rl" + suffix].append(100 * rl)
    return results


def table(results: dict[str, dict[str, list[float]]]) -> str:
    def mean(values: list[float]) -> float:
        return sum(values) / len(values) if values else float("nan")

    lines = [
        "| method | R1 | R2 | RL | R1@3 | R2@3 | RL@3 | ms median | ms mean |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, got in results.items():
        ms = got["ms"]
        lines.append(
            f"| {name} | {mean(got['r1']):.1f} | {mean(got['r2']):.1f} | {mean(got['rl']):.1f} | "
            f"{mean(got['r1@3']):.1f} | {mean(got['r2@3']):.1f} | {mean(got['rl@3']):.1f} | "
            f"{statistics.median(ms) if ms else float('nan'):.1f} | {mean(ms):.1f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEV)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument(
        "--algorithms",
        default=",".join((*ALGORITHMS, "oracle")),
        help="comma-separated names (default: every algorithm and the oracle)",
    )
    parser.add_argument("--cache", type=Path, default=None, help="directory to keep split articles in")
    parser.add_argument(
        "--length",
        choices=("mean", "closest"),
        default="mean",
        help="matched length: one count per article from the mean sentence length (default), "
        "or per method the count whose sentences' total is closest to the reference's",
    )
    args = parser.parse_args(argv)
    algorithms = [a.strip() for a in args.algorithms.split(",") if a.strip()]
    unknown = [a for a in algorithms if a not in (*ALGORITHMS, "oracle")]
    if unknown:
        parser.error(f"unknown algorithm(s): {', '.join(unknown)}")
    started = time.perf_counter()
    items = prepared(args.file, args.limit, args.cache)
    prepared_s = time.perf_counter() - started
    results = evaluate(items, algorithms, args.length)
    print(
        f"{args.file.name}: {len(items)} articles, matched length by {args.length!r} "
        f"(load+clean+split {prepared_s:.1f} s; timings are noisy)"
    )
    print(table(results))


if __name__ == "__main__":
    main()
