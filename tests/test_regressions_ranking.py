"""Bugs the ranking could have without the other tests noticing: ties, repeated sentences, raw features.

Each test here was checked against the bug it names (introduced by hand, seen to fail, reverted).
"""

from __future__ import annotations

import numpy as np
import pytest

from tui.core.pipeline import document_from_text
from tui.core.ranker import RankerSummarizer, score
from tui.core.summarize import rank, select, summarize, sumy_document
from tui.core.tokenize import SumyTokenizer, split_sentences

# The first and the last sentence read the same; the middle one differs.
REPEATED = (
    "Giá xăng tăng lần thứ ba trong tháng\n\n"
    "Giá xăng tăng mạnh trong tuần này. "
    "Nhiều người dân chuyển sang đi xe buýt để tiết kiệm chi phí đi lại hằng ngày. "
    "Giá xăng tăng mạnh trong tuần này.\n"
)


def test_ties_go_to_the_earlier_sentence() -> None:
    scores = rank([0.5, 2.0, 0.5, 2.0, 0.5])
    assert [s.rank for s in scores] == [3, 1, 4, 2, 5]
    assert [s.score for s in scores] == [0.5, 2.0, 0.5, 2.0, 0.5]
    assert select(scores, 1) == (1,)
    assert select(scores, 3) == (0, 1, 3)


def test_the_lead_baseline_keeps_document_order() -> None:
    document = document_from_text(REPEATED)
    sentences = split_sentences(document)
    summary = summarize(document, sentences, "lead", count=2)
    assert [s.rank for s in summary.scores] == [1, 2, 3]
    assert summary.selected == (0, 1)


@pytest.mark.parametrize("algorithm", ["ranker", "lead"])
def test_identical_sentences_keep_their_own_scores(algorithm: str) -> None:
    """Two sentences with the same text are two sentences: each has the score of its own place."""
    document = document_from_text(REPEATED)
    sentences = split_sentences(document)
    assert len(sentences) == 3 and sentences[0].text == sentences[2].text
    summary = summarize(document, sentences, algorithm, count=3)
    first, last = summary.scores[0], summary.scores[2]
    assert first.score != last.score and first.rank != last.rank


def test_the_summary_scores_are_the_rankers_ratings_by_position() -> None:
    document = document_from_text(REPEATED)
    sentences = split_sentences(document)
    model = sumy_document(document, sentences, SumyTokenizer(sentences))
    ratings = RankerSummarizer().rate(model)
    assert ratings[0] != ratings[2]  # the first sentence of an article is a feature of its own
    summary = summarize(document, sentences, "ranker", count=3)
    assert [s.score for s in summary.scores] == pytest.approx(ratings, abs=1e-12)


def test_features_are_standardised_before_weighting() -> None:
    rows = np.array([[3.0, 10.0, 99.0], [1.0, 2.0, -5.0]])
    model = {"features": ["b", "a"], "mean": [2.0, 1.0], "std": [4.0, 0.5], "weights": [1.0, -2.0]}
    got = score(rows, model, names=("a", "b", "unused"))
    # (b - 2) / 4 * 1 + (a - 1) / 0.5 * -2, per row
    expected = [(10.0 - 2.0) / 4.0 - 2.0 * (3.0 - 1.0) / 0.5, (2.0 - 2.0) / 4.0 - 2.0 * (1.0 - 1.0) / 0.5]
    assert got.tolist() == pytest.approx(expected)


def test_no_rows_no_scores() -> None:
    model = {"features": ["a"], "mean": [0.0], "std": [1.0], "weights": [1.0]}
    assert score(np.zeros((0, 1)), model, names=("a",)).shape == (0,)
