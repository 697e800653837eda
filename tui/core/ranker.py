"""The default summarizer: a linear ranker over cheap sentence features, fitted on news with abstracts.

A news abstract mostly restates the headline and the first facts, so the
strongest evidence that a sentence belongs in it is how much of the headline
it repeats, where it stands, and whether it is story text at all. The
ranker scores each sentence with a weighted sum of standardised features:

* headline overlap: recall of the headline's content syllables (and that
  recall relative to the article's best sentence), Jaccard of all syllables,
  recall of the headline's syllable bigrams;
* position: log position, first sentence, relative position, first sentence
  of its paragraph;
* shape: log length, very short or very long, a quotation, no final
  punctuation (a sub-heading), a question, a colon, digits;
* centrality: sumy's LexRank score (relative to the best sentence), and the
  cosine of the sentence's content words with the whole article's.

The weights are fitted by ``bench/fit_ranker.py`` on a training set of
articles with newsroom abstracts (a listwise softmax loss whose target
favours the sentences closest to the abstract in ROUGE) and ship in
``tui/data/ranker_weights.json``: one set for articles with a headline and
one for articles without (where the headline features are all zero).

It is a sumy summarizer: it reads sumy's document model (the headline is the
heading sentence) and returns sumy's usual best sentences, so it sits beside
sumy's own algorithms.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sumy.nlp.stemmers import null_stemmer
from sumy.summarizers._summarizer import AbstractSummarizer

from tui.core.fast_summarizers import FastLexRankSummarizer

FEATURES: tuple[str, ...] = (
    "title_recall", "title_recall_rel", "title_jaccard", "title_bigram_recall", "title_recall_all",
    "log_position", "first", "relative_position", "paragraph_first",
    "log_length", "short", "long", "quote", "no_end_punctuation", "question", "colon", "digits",
    "lexrank", "centroid", "title_x_position",
    "second", "third", "title_best", "title_idf_recall", "centroid_rel", "length_rel",
)
TITLE_FEATURES = frozenset(f for f in FEATURES if f.startswith("title"))
WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "ranker_weights.json"
# Above this many sentences the centrality feature (quadratic) is left at zero.
MAX_CENTRALITY_SENTENCES = 1500
_SYLLABLE = re.compile(r"\w+")
_END = re.compile(r"[.!?…]['\"”’)\]]*\s*$")
_QUOTE_START = re.compile(r"^\s*[\"“‘']")


def syllables(words: Sequence[str]) -> list[str]:
    """Lowercase syllables of a sentence's words (underthesea words may hold several)."""
    return [s for w in words for s in _SYLLABLE.findall(w.lower())]


def feature_matrix(document: Any, stop_words: frozenset[str] = frozenset()) -> tuple[np.ndarray, bool]:
    """One row of ``FEATURES`` per sentence of a sumy document, and whether it has a headline."""
    stop = frozenset(w for w in stop_words if " " not in w)
    title = [s for h in document.headings for s in syllables(h.words)]
    title_set = set(title)
    title_content = {s for s in title_set if s not in stop} or title_set
    title_bigrams = set(zip(title, title[1:]))
    sentences: list[Any] = []
    paragraph_first: list[bool] = []
    for paragraph in document.paragraphs:
        for number, sentence in enumerate(paragraph.sentences):
            sentences.append(sentence)
            paragraph_first.append(number == 0)
    n = len(sentences)
    rows = np.zeros((n, len(FEATURES)))
    if n == 0:
        return rows, bool(title)
    tokens = [syllables(s.words) for s in sentences]
    content = [[t for t in toks if t not in stop] for toks in tokens]
    doc_counts = Counter(t for toks in content for t in toks)
    doc_norm = math.sqrt(sum(c * c for c in doc_counts.values())) or 1.0
    recalls = []
    for toks in tokens:
        present = set(toks)
        recalls.append(len(title_content & present) / len(title_content) if title_content else 0.0)
    best_recall = max(recalls) or 1.0
    # Headline syllables found in few sentences say more about a sentence than ones found everywhere.
    doc_freq = Counter(t for toks in tokens for t in set(toks) if t in title_content)
    idf = {t: math.log((n + 1) / (doc_freq[t] + 0.5)) for t in title_content}
    idf_total = sum(idf.values()) or 1.0
    lengths = [len(toks) for toks in tokens]
    mean_length = (sum(lengths) / n) or 1.0
    centroids = []
    for toks in content:
        counts = Counter(toks)
        norm = math.sqrt(sum(c * c for c in counts.values())) or 1.0
        centroids.append(sum(c * doc_counts[t] for t, c in counts.items()) / (norm * doc_norm))
    best_centroid = max(centroids) or 1.0
    centrality = _centrality(document, stop_words) if n <= MAX_CENTRALITY_SENTENCES else np.zeros(n)
    top = centrality.max() if n else 0.0
    if top > 0:
        centrality = centrality / top
    for i, (sentence, toks) in enumerate(zip(sentences, tokens)):
        text = str(sentence)
        present = set(toks)
        length = len(toks)
        centroid = centroids[i]
        union = title_set | present
        bigrams = set(zip(toks, toks[1:]))
        log_position = math.log1p(i)
        values = {
            "title_recall": recalls[i],
            "title_recall_rel": recalls[i] / best_recall,
            "title_jaccard": len(title_set & present) / len(union) if union and title_set else 0.0,
            "title_bigram_recall": len(title_bigrams & bigrams) / len(title_bigrams) if title_bigrams else 0.0,
            "title_recall_all": len(title_set & present) / len(title_set) if title_set else 0.0,
            "log_position": log_position,
            "first": float(i == 0),
            "relative_position": i / (n - 1) if n > 1 else 0.0,
            "paragraph_first": float(paragraph_first[i]),
            "log_length": math.log1p(length),
            "short": float(length < 10),
            "long": float(length > 60),
            "quote": float(bool(_QUOTE_START.match(text))),
            "no_end_punctuation": float(not _END.search(text)),
            "question": float(text.rstrip("\"”’') ").endswith("?")),
            "colon": float(":" in text),
            "digits": float(any(ch.isdigit() for ch in text)),
            "lexrank": float(centrality[i]),
            "centroid": centroid,
            "title_x_position": recalls[i] / best_recall * log_position,
            "second": float(i == 1),
            "third": float(i == 2),
            "title_best": float(recalls[i] == max(recalls) > 0),
            "title_idf_recall": sum(idf[t] for t in title_content & present) / idf_total,
            "centroid_rel": centroid / best_centroid,
            "length_rel": length / mean_length,
        }
        rows[i] = [values[name] for name in FEATURES]
    return rows, bool(title)


def _centrality(document: Any, stop_words: frozenset[str]) -> np.ndarray:
    """sumy's LexRank scores (thresholded cosine graph, power method), computed with numpy."""
    lexrank = FastLexRankSummarizer()
    lexrank.stop_words = stop_words
    lists = [lexrank._to_words_set(s) for s in document.sentences]
    matrix = lexrank._create_matrix(lists, lexrank.threshold, None, None)
    return np.asarray(lexrank.power_method(matrix, lexrank.epsilon), dtype=float)


@lru_cache(maxsize=1)
def load_weights() -> dict[str, Any]:
    """The shipped weights: ``{"features": [...], "title": {...}, "no_title": {...}}``."""
    return json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))


def score(rows: np.ndarray, model: dict[str, Any], names: Sequence[str] = FEATURES) -> np.ndarray:
    """Linear score of standardised features under one fitted model."""
    if rows.size == 0:
        return np.zeros(len(rows))
    position = {name: i for i, name in enumerate(names)}
    columns = [position[name] for name in model["features"]]
    x = (rows[:, columns] - np.array(model["mean"])) / np.array(model["std"])
    return x @ np.array(model["weights"])


class RankerSummarizer(AbstractSummarizer):
    """Ranks sentences by a fitted linear model over headline, position, shape and centrality features."""

    def __init__(self, stemmer=null_stemmer, weights: dict[str, Any] | None = None) -> None:  # noqa: ANN001
        super().__init__(stemmer)
        self.weights = weights if weights is not None else load_weights()
        self._stop_words: frozenset[str] = frozenset()

    @property
    def stop_words(self) -> frozenset[str]:
        return self._stop_words

    @stop_words.setter
    def stop_words(self, words: Sequence[str]) -> None:
        self._stop_words = frozenset(map(self.normalize_word, words))

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        # Rated in document order by position, not by a dict: repeated sentences keep their own scores.
        ratings = iter(self.rate(document))
        return self._get_best_sentences(document.sentences, sentences_count, lambda s: next(ratings))

    def rate(self, document: Any) -> list[float]:
        """A score for every sentence of the sumy document, in document order."""
        rows, has_title = feature_matrix(document, self._stop_words)
        model = self.weights["title" if has_title else "no_title"]
        return score(rows, model).tolist()
