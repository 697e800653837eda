"""The ranker's sentence features on sentences written for each one, and how its model is chosen.

Written where mutation testing showed features of `ranker.py` that no test pinned down.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tui.core import ranker
from tui.core.model import Sentence
from tui.core.pipeline import document_from_text
from tui.core.ranker import FEATURES, RankerSummarizer, feature_matrix, score
from tui.core.summarize import sumy_document
from tui.core.tokenize import SumyTokenizer

HEADLINE = "Hà Nội mở thêm tuyến xe buýt điện"
# One sentence per shape feature; the syllable counts are in the comments.
SENTENCES = (
    "Hà Nội mở thêm tuyến xe buýt điện từ tháng sau.",  # 11: the headline's words, first
    "“Chúng tôi có đủ xe cho các tuyến mới không?”",  # 10: a quotation and a question, not short
    "Giá vé: bảy nghìn đồng cho mỗi lượt đi trong nội thành",  # 12: a colon, no final stop
    "Xe buýt điện chạy rất êm và sạch hơn.",  # 9: short
    "Tuyến " + "xe " * 59 + "chạy.",  # 61: long
    "Tuyến " + "xe " * 58 + "chạy.",  # 60: not long
)


def _model(texts: tuple[str, ...] = SENTENCES, headline: str | None = HEADLINE) -> Any:
    """sumy's document for ``texts`` (two to a paragraph), under ``headline`` if there is one."""
    source = (f"{headline}\n\n" if headline else "") + " ".join(texts) + "\n"
    document = document_from_text(source)
    assert document.title == headline
    sentences = [Sentence(i, 0, 0, text, i // 2) for i, text in enumerate(texts)]
    return sumy_document(document, sentences, SumyTokenizer())


def _column(rows: np.ndarray, name: str) -> list[float]:
    return rows[:, FEATURES.index(name)].tolist()


def test_shape_features() -> None:
    rows, has_title = feature_matrix(_model())
    assert has_title
    assert _column(rows, "short") == [0, 0, 0, 1, 0, 0]
    assert _column(rows, "long") == [0, 0, 0, 0, 1, 0]
    assert _column(rows, "quote") == [0, 1, 0, 0, 0, 0]
    assert _column(rows, "question") == [0, 1, 0, 0, 0, 0]
    assert _column(rows, "colon") == [0, 0, 1, 0, 0, 0]
    assert _column(rows, "no_end_punctuation") == [0, 0, 1, 0, 0, 0]
    assert _column(rows, "paragraph_first") == [1, 0, 1, 0, 1, 0]
    assert _column(rows, "relative_position") == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    lengths = np.array([11, 10, 12, 9, 61, 60], dtype=float)
    assert _column(rows, "log_length") == pytest.approx(np.log1p(lengths).tolist())
    assert _column(rows, "length_rel") == pytest.approx((lengths / lengths.mean()).tolist())


def test_relative_features_peak_at_one() -> None:
    rows, _ = feature_matrix(_model())
    for name in ("title_recall_rel", "lexrank", "centroid_rel", "salience_mean_rel"):
        assert max(_column(rows, name)) == pytest.approx(1.0), name
    assert _column(rows, "title_best") == [1, 0, 0, 0, 0, 0]
    assert _column(rows, "title_bigram_recall")[0] == 1.0


def test_a_single_sentence_has_finite_features() -> None:
    rows, _ = feature_matrix(_model(SENTENCES[:1]))
    assert rows.shape == (1, len(FEATURES)) and np.isfinite(rows).all()
    assert _column(rows, "relative_position") == [0.0]


def test_no_sentences_no_rows_but_the_headline_is_seen() -> None:
    rows, has_title = feature_matrix(_model(()))
    assert rows.shape == (0, len(FEATURES)) and has_title
    rows, has_title = feature_matrix(_model((), headline=None))
    assert rows.shape == (0, len(FEATURES)) and not has_title


def test_centrality_up_to_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ranker, "MAX_CENTRALITY_SENTENCES", len(SENTENCES))
    rows, _ = feature_matrix(_model())
    assert max(_column(rows, "lexrank")) == pytest.approx(1.0)
    monkeypatch.setattr(ranker, "MAX_CENTRALITY_SENTENCES", len(SENTENCES) - 1)
    rows, _ = feature_matrix(_model())
    assert _column(rows, "lexrank") == [0.0] * len(SENTENCES)


def _one_feature_model(feature: str, weight: float) -> dict[str, Any]:
    return {"features": [feature], "mean": [0.0], "std": [1.0], "weights": [weight]}


def test_the_model_is_chosen_by_the_headline() -> None:
    weights = {"title": _one_feature_model("first", 5.0), "no_title": _one_feature_model("first", -3.0)}
    summarizer = RankerSummarizer(weights=weights)
    assert summarizer.rate(_model())[:2] == [5.0, 0.0]
    assert summarizer.rate(_model(headline=None))[:2] == [-3.0, 0.0]


def test_one_row_is_scored() -> None:
    model = {"features": ["a"], "mean": [1.0], "std": [2.0], "weights": [3.0]}
    assert score(np.array([[5.0]]), model, names=("a",)).tolist() == [6.0]
