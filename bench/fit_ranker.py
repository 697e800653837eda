"""Refit the default ranker's weights (tui/data/ranker_weights.json) from articles with abstracts.

Fit only on the training file (never on the set you report on). Each article
goes through the real pipeline (headline + blank line + body, cleaning,
sentence splitting, the page-matter filter) and each story sentence gets the
ranker's features. The target of an article is a distribution over its
sentences, ``softmax(gain / temperature)`` with ``gain`` = ROUGE-1 F1 + ROUGE-2
F1 of the sentence against the abstract (lowercase syllables); the weights
minimise the cross-entropy between that and ``softmax(features . weights)``
(a listwise loss) with an L2 penalty, by full-batch Adam on standardised
features.

The salience lexicon (``tui/data/ranker_salience.json``) is built first from
the same articles: for each syllable seen in at least ``MIN_ARTICLES`` bodies
(the ``MAX_SYLLABLES`` most frequent), the smoothed log-odds that it is also
in the article's abstract, minus that of the average syllable. A training
article's salience features use the lexicon without its own article
(leave-one-out), so the weights learn how salience behaves on unseen articles,
not on abstracts the lexicon has already read.

The temperature and the penalty are chosen on the last fifth of the training
file (fit on the first four fifths, best mean ROUGE-1 at the reference's
length), then the weights are refitted on all of it. Two models are fitted:
``title`` and ``no_title`` (the same articles with their headline removed,
for documents that have none).

    python bench/fit_ranker.py [TRAIN] [--limit N] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summaries import _f1, _ngrams, matched_count, prepared, rouge, syllables  # noqa: E402

from tui.core.ranker import (  # noqa: E402
    FEATURES,
    SALIENCE_PATH,
    TITLE_FEATURES,
    WEIGHTS_PATH,
    feature_matrix,
)
from tui.core.ranker import (  # noqa: E402
    syllables as word_syllables,
)
from tui.core.sentence_filter import junk_reasons  # noqa: E402
from tui.core.stopwords import load_stopwords  # noqa: E402
from tui.core.summarize import sumy_document  # noqa: E402
from tui.core.tokenize import SumyTokenizer  # noqa: E402

TRAIN = Path("/work/shared/eval/summarization/train.jsonl")
TEMPERATURES = (0.005, 0.01, 0.02, 0.05)
PENALTIES = (1e-3, 1e-2)
MIN_ARTICLES = 20
MAX_SYLLABLES = 6000
SMOOTHING = 20.0


def story_of(document, sentences) -> list:
    reasons = junk_reasons(document, sentences)
    return [s for s, r in zip(sentences, reasons) if r is None] or list(sentences)


class Lexicon:
    """Per syllable: in how many bodies it occurs, and in how many of those the abstract has it too."""

    def __init__(self, bodies: list[set[str]], references: list[set[str]]) -> None:
        self.seen: Counter = Counter()
        self.hit: Counter = Counter()
        for body, reference in zip(bodies, references):
            self.seen.update(body)
            self.hit.update(body & reference)
        kept = [t for t, n in self.seen.most_common(MAX_SYLLABLES) if n >= MIN_ARTICLES]
        self.kept = set(kept)
        self.prior = sum(self.hit.values()) / max(sum(self.seen.values()), 1)
        self.base = math.log(self.prior / (1 - self.prior))

    def value(self, seen: int, hit: int) -> float:
        a, p = SMOOTHING, self.prior
        return math.log((hit + a * p) / (seen - hit + a * (1 - p))) - self.base

    def shipped(self) -> dict[str, float]:
        return {t: round(self.value(self.seen[t], self.hit[t]), 3) for t in sorted(self.kept)}

    def without(self, body: set[str], reference: set[str]) -> dict[str, float]:
        """The lexicon as if this article (its body and abstract) had not been counted."""
        return {t: round(self.value(self.seen[t] - 1, self.hit[t] - (t in reference)), 3) for t in body & self.kept}


class Article:
    """Features of one article's story sentences and what ROUGE needs to judge a pick."""

    def __init__(
        self, row: dict, document, sentences, title: bool, stop_words: frozenset[str], lexicon: Lexicon
    ) -> None:
        if not title:
            document = replace(document, title=None)
        story = story_of(document, sentences)
        tokenizer = SumyTokenizer(story)
        model = sumy_document(document, story, tokenizer)
        body = {t for s in story for t in word_syllables(tokenizer.to_words(s.text))}
        salience = lexicon.without(body, set(syllables(row["reference"])))
        self.x, _ = feature_matrix(model, stop_words, salience)
        self.reference = syllables(row["reference"])
        self.tokens = [syllables(s.text) for s in story]
        self.count = matched_count(sentences, row["reference"])
        self.gain = np.array([_r1_r2(t, self.reference) for t in self.tokens])

    def r1(self, scores: np.ndarray, count: int) -> float:
        picks = sorted(np.argsort(-scores, kind="stable")[:count])
        candidate = [t for i in picks for t in self.tokens[i]]
        return rouge(candidate, self.reference)[0]


def _r1_r2(candidate: list[str], reference: list[str]) -> float:
    """ROUGE-1 F1 + ROUGE-2 F1 (no LCS: the fit needs only these)."""
    total = 0.0
    for n in (1, 2):
        c, r = _ngrams(candidate, n), _ngrams(reference, n)
        total += _f1(sum((c & r).values()), sum(c.values()), sum(r.values()))
    return total


def fit(articles: list[Article], columns: list[int], temperature: float, penalty: float, steps: int = 400) -> dict:
    x = np.concatenate([a.x[:, columns] for a in articles])
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std < 1e-9] = 1.0
    x = (x - mean) / std
    group = np.concatenate([np.full(len(a.x), i) for i, a in enumerate(articles)])
    starts = np.concatenate([[0], np.cumsum([len(a.x) for a in articles])[:-1]])
    gains = np.concatenate([a.gain for a in articles])
    target = _group_softmax(gains / temperature, group, starts)
    weights = np.zeros(x.shape[1])
    m, v = np.zeros_like(weights), np.zeros_like(weights)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        p = _group_softmax(x @ weights, group, starts)
        grad = x.T @ (p - target) / len(articles) + penalty * weights
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad**2
        weights -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    names = [FEATURES[c] for c in columns]
    return {"features": names, "mean": mean.tolist(), "std": std.tolist(), "weights": weights.tolist()}


def _group_softmax(values: np.ndarray, group: np.ndarray, starts: np.ndarray) -> np.ndarray:
    top = np.maximum.reduceat(values, starts)[group]
    e = np.exp(values - top)
    return e / np.add.reduceat(e, starts)[group]


def evaluate(articles: list[Article], model: dict, columns: list[int]) -> tuple[float, float]:
    """Mean ROUGE-1 F1 x 100 at the reference's length and at 3 sentences."""
    w, mean, std = (np.array(model[k]) for k in ("weights", "mean", "std"))
    matched, three = [], []
    for a in articles:
        scores = ((a.x[:, columns] - mean) / std) @ w
        matched.append(a.r1(scores, a.count))
        three.append(a.r1(scores, 3))
    return 100 * float(np.mean(matched)), 100 * float(np.mean(three))


def _round(model: dict) -> dict:
    return {k: ([round(x, 6) for x in v] if isinstance(v, list) and k != "features" else v) for k, v in model.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=TRAIN)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cache", type=Path, default=None, help="directory to keep split articles in")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args()
    stop_words = load_stopwords()
    started = time.perf_counter()
    items = prepared(args.file, args.limit, args.cache)
    print(f"{len(items)} articles split in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    out: dict = {
        "about": "Weights of tui.core.ranker, fitted by bench/fit_ranker.py; features are standardised by mean/std.",
        "fitted_on": f"{args.file.name} ({len(items)} articles)",
    }
    items = [(row, d, s) for row, d, s in items if s]
    bodies = []
    for _, d, s in items:
        story = story_of(d, s)
        tokenizer = SumyTokenizer(story)
        bodies.append({t for x in story for t in word_syllables(tokenizer.to_words(x.text))})
    lexicon = Lexicon(bodies, [set(syllables(row["reference"])) for row, _, _ in items])
    salience = lexicon.shipped()
    print(f"salience lexicon: {len(salience)} syllables, prior {lexicon.prior:.3f}", file=sys.stderr)
    for variant, title in (("title", True), ("no_title", False)):
        articles = [Article(row, d, s, title, stop_words, lexicon) for row, d, s in items]
        columns = [i for i, f in enumerate(FEATURES) if title or f not in TITLE_FEATURES]
        cut = len(articles) * 4 // 5
        best: tuple[float, float, float] | None = None
        for temperature in TEMPERATURES:
            for penalty in PENALTIES:
                model = fit(articles[:cut], columns, temperature, penalty)
                r1, r1_3 = evaluate(articles[cut:], model, columns)
                print(f"{variant} T={temperature} L2={penalty}: held-out R1 {r1:.2f}, R1@3 {r1_3:.2f}", file=sys.stderr)
                if best is None or r1 + r1_3 > best[0]:
                    best = (r1 + r1_3, temperature, penalty)
        assert best is not None, "TEMPERATURES and PENALTIES are not empty"
        _, temperature, penalty = best
        model = fit(articles, columns, temperature, penalty)
        model["temperature"], model["penalty"] = temperature, penalty
        out[variant] = _round(model)
        print(f"{variant}: chose T={temperature} L2={penalty}", file=sys.stderr)
        for name, weight in sorted(zip(model["features"], model["weights"]), key=lambda p: -abs(p[1])):
            print(f"  {name:22s} {weight:+.3f}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    lexicon_out = args.out.with_name(SALIENCE_PATH.name)
    lexicon_out.write_text(
        json.dumps(
            {
                "about": "Syllable salience of tui.core.ranker, built by bench/fit_ranker.py: smoothed log-odds that a "
                "syllable in an article's body is also in its abstract, minus the average syllable's.",
                "fitted_on": out["fitted_on"],
                "prior": round(lexicon.prior, 4),
                "smoothing": SMOOTHING,
                "min_articles": MIN_ARTICLES,
                "syllables": salience,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out} and {lexicon_out}", file=sys.stderr)


if __name__ == "__main__":
    main()
