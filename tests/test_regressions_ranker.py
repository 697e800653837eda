"""The ranker's sentence features on sentences written for each one, and how its model is chosen.

Written where mutation testing showed features of `ranker.py` that no test pinned down.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from tui.core import ranker, ranker_columns
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


# A headline with a stop word ("ở") and a word no sentence repeats, so the best recall is below one.
STORM = "Mưa lớn kéo dài ở Huế"
STORM_SENTENCES = (
    "Mưa lớn ở Huế từ sáng sớm hôm qua.",  # 9 syllables, 8 without "ở"
    "Huế ngập 2 mét.",
    "Trời vẫn mưa ở Huế.",
    "Phố vắng, phố ngập.",
)
STORM_STOP = frozenset({"ở"})


def test_headline_features_have_their_values() -> None:
    rows, _ = feature_matrix(_model(STORM_SENTENCES, STORM), STORM_STOP, salience={})
    # The headline's content syllables: mưa, lớn, kéo, dài, huế; all six with "ở".
    assert _column(rows, "title_recall") == pytest.approx([3 / 5, 1 / 5, 2 / 5, 0])
    assert _column(rows, "title_recall_rel") == pytest.approx([1, 1 / 3, 2 / 3, 0])
    assert _column(rows, "title_recall_all") == pytest.approx([4 / 6, 1 / 6, 3 / 6, 0])
    assert _column(rows, "title_jaccard") == pytest.approx([4 / 11, 1 / 9, 3 / 8, 0])
    assert _column(rows, "title_bigram_recall") == pytest.approx([2 / 5, 0, 1 / 5, 0])
    assert _column(rows, "title_best") == [1, 0, 0, 0]
    assert _column(rows, "title_x_position") == pytest.approx([0, math.log(2) / 3, 2 / 3 * math.log(3), 0])
    # idf = log((n + 1) / (sentences holding it + 0.5)): mưa in 2, lớn in 1, kéo and dài in none, huế in 3.
    idf = {"mưa": math.log(5 / 2.5), "lớn": math.log(5 / 1.5), "kéo": math.log(10), "dài": math.log(10)}
    idf["huế"] = math.log(5 / 3.5)
    total = sum(idf.values())
    expected = [idf["mưa"] + idf["lớn"] + idf["huế"], idf["huế"], idf["mưa"] + idf["huế"], 0]
    assert _column(rows, "title_idf_recall") == pytest.approx([v / total for v in expected])


def test_position_digits_and_centroid_have_their_values() -> None:
    rows, _ = feature_matrix(_model(STORM_SENTENCES, STORM), STORM_STOP, salience={})
    assert _column(rows, "log_position") == pytest.approx([math.log(1), math.log(2), math.log(3), math.log(4)])
    assert _column(rows, "second") == [0, 1, 0, 0]
    assert _column(rows, "third") == [0, 0, 1, 0]
    assert _column(rows, "digits") == [0, 1, 0, 0]
    # Cosine of each sentence's content syllables with the article's: the article counts mưa 2, huế 3,
    # ngập 2, phố 2 and eight other syllables once (norm √32); "phố" twice makes the last norm √6.
    root = math.sqrt(32)
    centroid = [11 / (math.sqrt(8) * root), 7 / (2 * root), 7 / (2 * root), 7 / (math.sqrt(6) * root)]
    assert _column(rows, "centroid") == pytest.approx(centroid)
    assert _column(rows, "centroid_rel") == pytest.approx([c / max(centroid) for c in centroid])


def test_salience_features_have_their_values() -> None:
    salience = {"mưa": 2.0, "lớn": 1.0, "sáng": 0.5, "sớm": 0.5, "hôm": -1.0, "qua": -1.0, "ở": 4.0}
    salience |= {"từ": -0.5, "ngập": 3.0, "phố": -2.0}
    rows, _ = feature_matrix(_model(STORM_SENTENCES, STORM), STORM_STOP, salience=salience)
    assert _column(rows, "salience_mean") == pytest.approx([5.5 / 9, 3 / 4, 6 / 5, -1 / 4])
    assert _column(rows, "salience_max") == pytest.approx([4, 3, 4, 3])
    # Without the stop word "ở"; the top five of the first sentence are 2, 1, 0.5, 0.5 and 0 (huế).
    assert _column(rows, "salience_content") == pytest.approx([1.5 / 8, 3 / 4, 2 / 4, -1 / 4])
    assert _column(rows, "salience_top5") == pytest.approx([4 / 5, 3 / 4, 2 / 4, -1 / 4])


def test_a_one_syllable_headline_and_two_sentences() -> None:
    rows, has_title = feature_matrix(_model(("Trời nắng.", "Ở đó."), "Bão"), frozenset({"ở", "đó"}), salience={})
    assert has_title
    assert _column(rows, "title_bigram_recall") == [0, 0]  # no pair of headline syllables to find
    assert _column(rows, "title_best") == [0, 0]  # no sentence repeats the headline: none is its best
    assert _column(rows, "relative_position") == [0, 1]
    rows, _ = feature_matrix(_model(("Trời nắng.", "Ở đó."), "Bão"), frozenset({"ở", "đó"}), salience={"ở": 1.0})
    assert _column(rows, "salience_content") == [0, 0]  # only stop words: no content salience
    assert _column(rows, "salience_mean") == [0, 0.5]


def test_a_sentence_without_syllables_has_average_salience() -> None:
    rows, _ = feature_matrix(_model(("Trời nắng.", "…!"), "Bão"), salience={"trời": 1.0})
    assert _column(rows, "salience_mean") == [0.5, 0]
    assert _column(rows, "salience_max") == [1, 0]


def test_a_question_is_one_that_ends_with_its_mark() -> None:
    rows, _ = feature_matrix(_model(("Đáp án đúng là gì?", "Đáp án đúng là gì? X")), salience={})
    assert _column(rows, "question") == [1, 0]


def test_stop_words_are_left_out_of_the_centrality() -> None:
    # The second sentence is linked to its neighbours only by "Tôi" and "và", capitalised in the text.
    texts = ("Tôi đi học.", "Tôi và mẹ.", "Mưa và gió.", "Trời nắng đẹp.", "Cây xanh tốt.", "Chim hót hay.")
    rows, _ = feature_matrix(_model(texts, "Chuyện thường ngày"), frozenset({"tôi", "và"}), salience={})
    assert _column(rows, "lexrank") == pytest.approx([1] * 6)
    rows, _ = feature_matrix(_model(texts, "Chuyện thường ngày"), salience={})
    assert _column(rows, "lexrank")[0] < _column(rows, "lexrank")[1] == 1


def test_the_summarizer_rates_with_its_stop_words() -> None:
    weights = {"title": _one_feature_model("title_recall", 1.0), "no_title": _one_feature_model("first", 1.0)}
    summarizer = RankerSummarizer(weights=weights)
    summarizer.stop_words = ["Ở"]
    assert summarizer.rate(_model(STORM_SENTENCES, STORM)) == pytest.approx([3 / 5, 1 / 5, 2 / 5, 0])


_SEED_RUN = """
import sys
sys.path.insert(0, sys.argv[1])
from test_regressions_ranker import STORM_STOP, _column, _model, feature_matrix
rows, _ = feature_matrix(_model(
    ("Mưa lớn kéo dài nhiều ngày ở Huế làm ngập sâu các tuyến phố cũ.",
     "Nước sông Hương lên nhanh, chính quyền sơ tán hàng trăm hộ dân vùng trũng thấp.",
     "Các trường học cho học sinh nghỉ để bảo đảm an toàn trong mùa mưa bão năm nay."),
    "Mưa lớn kéo dài, nước sông Hương lên nhanh, Huế sơ tán dân vùng trũng và cho học sinh nghỉ học",
), STORM_STOP, salience={})
print(repr(_column(rows, "title_idf_recall")))
"""


def test_headline_features_do_not_depend_on_the_hash_seed() -> None:
    # A sum over a set of syllables follows the set's order, which changes with PYTHONHASHSEED;
    # the scores (and the JSON that prints them) must be the same in every run.
    import os
    import subprocess
    import sys
    from pathlib import Path

    here = str(Path(__file__).parent)
    # Two seeds, run at once: their sums differ in the last digits when the order leaks in.
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _SEED_RUN, here],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in range(2)
    ]
    outputs = {run.communicate()[0] for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert len(outputs) == 1, outputs


def test_a_sentence_read_one_syllable_at_a_time_gets_the_features_of_one_read_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sentences past ``_LIST_MAX_CHARS`` have their syllables read from an iterator (only once)."""
    listed, _ = feature_matrix(_model())
    monkeypatch.setattr(ranker_columns, "_LIST_MAX_CHARS", 0)
    streamed, _ = feature_matrix(_model())
    assert np.array_equal(listed, streamed)
