"""Score entity extraction against a gold JSONL file (one article per line).

Gold format: {"file", "text", "entities": [{"start", "end", "type", "text"}]}.
Each text is run through the pipeline as if it were a file: clean -> split_sentences
-> extract_entities. Prints per-type precision/recall/F1 for exact spans and for
overlapping spans (same type, any character overlap), plus micro totals.

    python bench/entities_eval.py [GOLD.jsonl] [--baseline underthesea] [--show-errors]
    python bench/entities_eval.py --speed [DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.core.clean import clean
from tui.core.entities import extract_entities
from tui.core.loader import load_text
from tui.core.model import ENTITY_TYPES, Document, Sentence
from tui.core.tokenize import split_sentences

DEFAULT_GOLD = "/work/shared/eval/entities/seeds_gold.jsonl"
DEFAULT_CORPUS = "/work/shared/bench/corpus-2k"
Span = tuple[str, int, int]


def ours(document: Document, sentences: Sequence[Sentence]) -> list[Span]:
    return [(e.type, e.start, e.end) for e in extract_entities(document, sentences)]


def underthesea_ner(document: Document, sentences: Sequence[Sentence]) -> list[Span]:
    """underthesea's bundled NER, per body sentence, its B-/I- PER/ORG/LOC tags mapped to spans."""
    from underthesea import ner

    from tui.core.tokenize import _align

    spans: list[Span] = []
    for sentence in sentences:
        rows = ner(sentence.text)
        pieces = _align(sentence.text, [row[0] for row in rows], sentence.start)
        current: list[object] | None = None
        for row, piece in zip(rows, pieces):
            tag = row[-1]
            kind = tag[2:] if len(tag) > 2 else ""
            if tag.startswith("B-") and kind in {"PER", "ORG", "LOC"}:
                if current:
                    spans.append(tuple(current))  # type: ignore[arg-type]
                current = [kind, piece.start, piece.end]
            elif tag.startswith("I-") and current and current[0] == kind:
                current[2] = piece.end
            else:
                if current:
                    spans.append(tuple(current))  # type: ignore[arg-type]
                current = None
        if current:
            spans.append(tuple(current))  # type: ignore[arg-type]
    return spans


def score(gold: Iterable[Span], pred: Iterable[Span]) -> dict[str, Counter[str]]:
    """Per-type counts: exact tp, overlap tp (gold side and predicted side), gold and predicted totals."""
    gold, pred = list(gold), list(pred)
    counts: dict[str, Counter[str]] = {t: Counter() for t in ENTITY_TYPES}
    pred_set = set(pred)
    for g in gold:
        c = counts[g[0]]
        c["gold"] += 1
        c["exact"] += g in pred_set
        c["overlap_gold"] += any(p[0] == g[0] and p[1] < g[2] and g[1] < p[2] for p in pred)
    gold_set = set(gold)
    for p in pred:
        c = counts.setdefault(p[0], Counter())
        c["pred"] += 1
        c["overlap_pred"] += any(g[0] == p[0] and g[1] < p[2] and p[1] < g[2] for g in gold_set)
    return counts


def prf(tp_p: int, pred: int, tp_r: int, gold: int) -> tuple[float, float, float]:
    p = tp_p / pred if pred else 0.0
    r = tp_r / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table(counts: dict[str, Counter[str]]) -> str:
    lines = [
        "| type | gold | pred | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    total: Counter[str] = Counter()
    for kind in [*ENTITY_TYPES, *sorted(set(counts) - set(ENTITY_TYPES))]:
        c = counts.get(kind, Counter())
        total.update(c)
        lines.append(_row(kind, c))
    lines.append(_row("**micro**", total))
    return "\n".join(lines)


def _row(name: str, c: Counter[str]) -> str:
    ep, er, ef = prf(c["exact"], c["pred"], c["exact"], c["gold"])
    op, orr, of = prf(c["overlap_pred"], c["pred"], c["overlap_gold"], c["gold"])
    return f"| {name} | {c['gold']} | {c['pred']} | {ep:.3f} | {er:.3f} | {ef:.3f} | {op:.3f} | {orr:.3f} | {of:.3f} |"


def evaluate(gold_path: str, baseline: str | None, show_errors: bool) -> dict[str, Counter[str]]:
    extractor = underthesea_ner if baseline == "underthesea" else ours
    totals: dict[str, Counter[str]] = {}
    for line in Path(gold_path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        text = item["text"]
        document = clean(item["file"], text)
        sentences = split_sentences(document)
        pred = extractor(document, sentences)
        gold = [(e["type"], e["start"], e["end"]) for e in item["entities"]]
        for kind, c in score(gold, pred).items():
            totals.setdefault(kind, Counter()).update(c)
        if show_errors:
            _print_errors(item["file"], text, gold, pred)
    return totals


def _print_errors(name: str, text: str, gold: list[Span], pred: list[Span]) -> None:
    print(f"== {name}")
    for t, s, e in sorted(set(gold) - set(pred), key=lambda x: x[1]):
        print(f"  missed {t:4} {text[s:e]!r} @{s}  …{text[max(0, s - 30) : s]!r}")
    for t, s, e in sorted(set(pred) - set(gold), key=lambda x: x[1]):
        print(f"  extra  {t:4} {text[s:e]!r} @{s}  …{text[max(0, s - 30) : s]!r}")


def speed(folder: str, limit: int | None) -> None:
    """Milliseconds per 1,000 characters per article: sentences + words + entities, and entities alone.

    Wall-clock and CPU time are both shown: on a shared machine the CPU time is the steadier figure.
    """
    files = sorted(Path(folder).glob("*.txt"))[:limit]
    warm = clean(str(files[0]), load_text(str(files[0])).text)
    extract_entities(warm, split_sentences(warm))  # load models and word lists once
    rates: dict[str, list[float]] = {}
    for path in files:
        text = load_text(str(path)).text
        document = clean(str(path), text)
        w0, c0 = time.perf_counter(), time.process_time()
        sentences = split_sentences(document)
        w1, c1 = time.perf_counter(), time.process_time()
        extract_entities(document, sentences)
        w2, c2 = time.perf_counter(), time.process_time()
        scale = 1e6 / len(text)
        for key, value in (
            ("wall, whole step", w2 - w0),
            ("wall, entities alone", w2 - w1),
            ("cpu, whole step", c2 - c0),
            ("cpu, entities alone", c2 - c1),
        ):
            rates.setdefault(key, []).append(value * scale)
    print(f"{len(files)} articles, ms per 1,000 characters (whole step = sentences + words + entities):")
    for name, values in rates.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        print(f"  {name}: median {statistics.median(values):.1f}, p95 {p95:.1f}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", nargs="?", default=DEFAULT_GOLD)
    parser.add_argument("--baseline", choices=["underthesea"])
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--speed", nargs="?", const=DEFAULT_CORPUS, metavar="DIR")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    if args.speed:
        speed(args.speed, args.limit)
        return
    print(table(evaluate(args.gold, args.baseline, args.show_errors)))


if __name__ == "__main__":
    main()
