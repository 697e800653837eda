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
  cosine of the sentence's content words with the whole article's;
* salience: a lexicon learned from the training articles gives each syllable
  the smoothed log-odds that, when it is in an article's body, it is also in
  the abstract (relative to the average syllable: the ``tôi``, ``nghĩ``,
  ``nói`` of quotations rank low, event words such as ``cháy``, ``vụ`` high;
  syllables in fewer than 20 training bodies count as average); a sentence
  gets the mean salience of its syllables and of its content syllables, its
  top five, its most salient syllable, and the means relative to the
  article's range.

The weights are fitted by ``bench/fit_ranker.py`` on a training set of
articles with newsroom abstracts (a listwise softmax loss whose target
favours the sentences closest to the abstract in ROUGE) and ship in
``tui/data/ranker_weights.json``: one set for articles with a headline and
one for articles without (where the headline features are all zero). The
same script builds the salience lexicon, ``tui/data/ranker_salience.json``.

It is a sumy summarizer: it reads sumy's document model (the headline is the
heading sentence) and returns sumy's usual best sentences, so it sits beside
sumy's own algorithms.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from sys import intern
from typing import Any

import numpy as np
from sumy.nlp.stemmers import null_stemmer
from sumy.summarizers._summarizer import AbstractSummarizer

from tui.core.fast_summarizers import FastLexRankSummarizer
from tui.core.parallel import PARALLEL_MIN_CHARS
from tui.core.ranker_columns import Headline, sentence_columns, syllables

FEATURES: tuple[str, ...] = (
    "title_recall",
    "title_recall_rel",
    "title_jaccard",
    "title_bigram_recall",
    "title_recall_all",
    "log_position",
    "first",
    "relative_position",
    "paragraph_first",
    "log_length",
    "short",
    "long",
    "quote",
    "no_end_punctuation",
    "question",
    "colon",
    "digits",
    "lexrank",
    "centroid",
    "title_x_position",
    "second",
    "third",
    "title_best",
    "title_idf_recall",
    "centroid_rel",
    "length_rel",
    "salience_mean",
    "salience_max",
    "salience_content",
    "salience_top5",
    "salience_mean_rel",
    "salience_content_rel",
)
TITLE_FEATURES = frozenset(f for f in FEATURES if f.startswith("title"))
WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "ranker_weights.json"
SALIENCE_PATH = WEIGHTS_PATH.with_name("ranker_salience.json")
# Above this many sentences the centrality feature (quadratic) is left at zero.
MAX_CENTRALITY_SENTENCES = 1000


def feature_matrix(
    document: Any,
    stop_words: frozenset[str] = frozenset(),
    salience: dict[str, float] | None = None,
    parallel_from: int = PARALLEL_MIN_CHARS,
) -> tuple[np.ndarray, bool]:
    """One row of ``FEATURES`` per sentence of a sumy document, and whether it has a headline.

    ``salience`` maps syllables to their learned salience (default: the shipped lexicon; syllables
    it lacks count as 0, the average).
    """
    if salience is None:
        salience = load_salience()
    stop = _single_syllables(stop_words)
    title = [s for h in document.headings for s in syllables(h.words)]
    title_set = set(title)
    headline = Headline(title_set, {s for s in title_set if s not in stop} or title_set, set(pairwise(title)))
    sentences: list[Any] = []
    paragraph_first: list[bool] = []
    for paragraph in document.paragraphs:
        for number, sentence in enumerate(paragraph.sentences):
            sentences.append(sentence)
            paragraph_first.append(number == 0)
    n = len(sentences)
    if n == 0:
        return np.zeros((0, len(FEATURES))), bool(title)
    columns, in_title, doc_freq, centroid = sentence_columns(sentences, stop, headline, salience, parallel_from)
    if title_set:
        columns.update(_title_columns(columns, in_title, doc_freq, headline, n))
    else:  # no headline: its features stay zero
        del columns["title_recall"], columns["title_jaccard"], columns["title_bigram_recall"]
        del columns["title_recall_all"]
    del in_title
    position = np.arange(n, dtype=float)
    log_position = np.log1p(position)
    columns["log_position"] = log_position
    columns["first"] = position == 0
    columns["second"] = position == 1
    columns["third"] = position == 2
    columns["relative_position"] = position / (n - 1) if n > 1 else np.zeros(n)
    columns["paragraph_first"] = paragraph_first
    lengths = columns.pop("length")
    columns["log_length"] = np.log1p(lengths)
    columns["short"] = lengths < 10
    columns["long"] = lengths > 60
    columns["length_rel"] = lengths / (lengths.mean() or 1.0)
    columns["centroid"] = centroid
    columns["centroid_rel"] = centroid / (centroid.max() or 1.0)
    for name in ("salience_mean", "salience_content"):
        column = columns[name]
        spread = column.max() - column.min()
        columns[name + "_rel"] = (column - column.min()) / spread if spread > 0 else np.zeros(len(column))
    if n <= MAX_CENTRALITY_SENTENCES:
        # A few long sentences can hold a whole report's words: one string per distinct word here too.
        # Made a sentence at a time (a generator): only the content words are kept.
        words = (list(map(intern, map(str.lower, s.words))) for s in sentences)
        centrality = _centrality([[w for w in ws if w not in stop_words] for ws in words])
        top = centrality.max()
        columns["lexrank"] = centrality / top if top > 0 else centrality
    if title_set:
        columns["title_x_position"] = columns["title_recall_rel"] * log_position
    rows = np.zeros((n, len(FEATURES)))
    for j, name in enumerate(FEATURES):
        if name in columns:
            rows[:, j] = np.asarray(columns[name], dtype=float)
    return rows, bool(title)


def _title_columns(
    columns: dict[str, Any], in_title: list[tuple[str, ...]], doc_freq: Counter[str], headline: Headline, n: int
) -> dict[str, Any]:
    """The headline features read across sentences: relative to the best sentence, and weighed by
    how few sentences hold each headline syllable."""
    recalls = columns["title_recall"]
    best = recalls.max()
    idf = {t: math.log((n + 1) / (doc_freq[t] + 0.5)) for t in headline.content}
    # fsum: the sum of floats in a set's order would change in its last digits with the hash seed.
    idf_total = math.fsum(idf.values()) or 1.0
    return {
        "title_recall_rel": recalls / (best or 1.0),
        "title_best": (recalls == best) & (best > 0),
        "title_idf_recall": [math.fsum(idf[t] for t in found) / idf_total for found in in_title],
    }


@lru_cache(maxsize=8)
def _normalized(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=8)
def _single_syllables(stop_words: frozenset[str]) -> frozenset[str]:
    """The one-syllable stopwords: what can be matched against single syllables."""
    return frozenset(w for w in stop_words if " " not in w)


def _centrality(lists: list[list[str]]) -> np.ndarray:
    """sumy's LexRank scores (thresholded cosine graph, power method) of lowercase content words."""
    lexrank = FastLexRankSummarizer()
    matrix = lexrank._create_matrix(lists, lexrank.threshold, None, None)
    return np.asarray(lexrank.power_method(matrix, lexrank.epsilon), dtype=float)


@lru_cache(maxsize=1)
def load_weights() -> dict[str, Any]:
    """The shipped weights: ``{"features": [...], "title": {...}, "no_title": {...}}``."""
    return json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_salience() -> dict[str, float]:
    """The shipped syllable salience lexicon (``{"syllables": {syllable: log-odds}}``); empty if absent."""
    if not SALIENCE_PATH.exists():
        return {}
    return json.loads(SALIENCE_PATH.read_text(encoding="utf-8"))["syllables"]


def score(rows: np.ndarray, model: dict[str, Any], names: Sequence[str] = FEATURES) -> np.ndarray:
    """Linear score of standardised features under one fitted model."""
    if rows.size == 0:
        return np.zeros(len(rows))
    position = {name: i for i, name in enumerate(names)}
    columns = [position[name] for name in model["features"]]
    # In place: a 5 MB report's matrix is ~30 MB, and each operator would make another.
    x = rows[:, columns]
    x -= np.array(model["mean"])
    x /= np.array(model["std"])
    return x @ np.array(model["weights"])


class RankerSummarizer(AbstractSummarizer):
    """Ranks sentences by a fitted linear model over headline, position, shape and centrality features."""

    def __init__(self, stemmer=null_stemmer, weights: dict[str, Any] | None = None) -> None:
        super().__init__(stemmer)
        self.weights = weights if weights is not None else load_weights()
        self._stop_words: frozenset[str] = frozenset()

    @property
    def stop_words(self) -> frozenset[str]:
        return self._stop_words

    @stop_words.setter
    def stop_words(self, words: Sequence[str]) -> None:
        self._stop_words = _normalized(words if isinstance(words, frozenset) else frozenset(words))

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        # Rated in document order by position, not by a dict: repeated sentences keep their own scores.
        ratings = iter(self.rate(document))
        return self._get_best_sentences(document.sentences, sentences_count, lambda s: next(ratings))

    def rate(self, document: Any) -> list[float]:
        """A score for every sentence of the sumy document, in document order."""
        rows, has_title = feature_matrix(document, self._stop_words)
        model = self.weights["title" if has_title else "no_title"]
        return score(rows, model).tolist()
