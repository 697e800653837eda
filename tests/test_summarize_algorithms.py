"""Every summarizer scores every sentence; the numpy equivalents rank as sumy does; long reports are guarded."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from tui.core import summarize as summarize_module
from tui.core.pipeline import document_from_text
from tui.core.stopwords import load_stopwords
from tui.core.summarize import ALGORITHMS, DEFAULT_ALGORITHM, summarize, sumy_document
from tui.core.tokenize import SumyTokenizer, split_sentences

# A made-up article: a headline, a story, a caption credited to a photographer, a link and a byline.
ARTICLE = """Thành phố Cần Thơ khánh thành cầu mới bắc qua sông Hậu

Sáng 12/3, Thành phố Cần Thơ khánh thành cây cầu mới bắc qua sông Hậu sau hai năm thi công. Cây cầu dài 1,2 km, rộng 24 m, có bốn làn xe và hai làn dành cho người đi bộ. Tổng vốn đầu tư của dự án là 2.100 tỷ đồng, lấy từ ngân sách thành phố và vốn vay ưu đãi. Theo lãnh đạo thành phố, cầu mới sẽ giảm ùn tắc cho cầu cũ và rút ngắn thời gian đi lại giữa hai bờ sông.

Người dân đi bộ qua cầu trong ngày khánh thành - Ảnh: MINH HẢINhiều hộ dân hai bên bờ sông cho biết họ đã chờ cây cầu này từ lâu. "Trước đây chúng tôi phải đi phà mất gần một tiếng. Giờ chỉ còn năm phút", một người dân nói. Thành phố cũng lên kế hoạch xây thêm đường dẫn nối cầu với quốc lộ trong năm tới. Ban quản lý dự án cho biết sẽ tiếp tục theo dõi độ lún của mố cầu trong mùa mưa. Xem video: Toàn cảnh lễ khánh thành cầu mới. Minh Anh (tổng hợp)
"""  # noqa: E501

STOP = load_stopwords()


def _article(text: str = ARTICLE):
    document = document_from_text(text)
    return document, split_sentences(document)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_sentence_gets_a_score_and_a_rank(algorithm: str) -> None:
    document, sentences = _article()
    summary = summarize(document, sentences, algorithm, 3, STOP)
    assert [s.index for s in summary.scores] == [s.index for s in sentences]
    assert sorted(s.rank for s in summary.scores) == list(range(1, len(sentences) + 1))
    assert len(summary.selected) == 3
    assert all(np.isfinite(s.score) for s in summary.scores)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_page_matter_ranks_last(algorithm: str) -> None:
    document, sentences = _article()
    summary = summarize(document, sentences, algorithm, 3, STOP)
    junk = [s.index for s in sentences if "Ảnh:" in s.text or "Xem video" in s.text]
    assert len(junk) == 2
    assert document.author == "Minh Anh"  # the byline after the last sentence is cut out of the body
    worst = sorted(summary.scores, key=lambda s: s.rank)[-len(junk) :]
    assert {s.index for s in worst} == set(junk)


def test_default_is_the_ranker_and_it_picks_the_headline_sentence() -> None:
    assert DEFAULT_ALGORITHM == "ranker"
    document, sentences = _article()
    summary = summarize(document, sentences, count=1, stop_words=STOP)
    assert summary.selected == (0,)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_without_a_headline_every_algorithm_still_works(algorithm: str) -> None:
    body = ARTICLE.split("\n\n", 1)[1]
    document, sentences = _article(body)
    assert document.title is None or document.title not in ARTICLE.splitlines()[0]
    summary = summarize(document, sentences, algorithm, 2, STOP)
    assert len(summary.scores) == len(sentences) and len(summary.selected) == 2


def test_empty_and_single_sentence_documents() -> None:
    document, sentences = _article("Tiêu đề\n\nMột câu duy nhất của bài viết này khá là dài và đầy đủ.")
    for algorithm in ALGORITHMS:
        summary = summarize(document, sentences, algorithm, 3, STOP)
        assert len(summary.scores) == len(sentences)
        assert summarize(document, (), algorithm, 3, STOP).scores == ()


def test_unknown_algorithm_is_refused() -> None:
    document, sentences = _article()
    with pytest.raises(ValueError, match="unknown algorithm"):
        summarize(document, sentences, "nope")


def _ratings(document, sentences, algorithm: str, sumy: bool) -> list[tuple[int, float]]:
    model = sumy_document(document, sentences, SumyTokenizer(sentences))
    if sumy:
        with summarize_module.sumy_classes_only():
            summarizer = summarize_module._build(algorithm, document, STOP)
    else:
        summarizer = summarize_module._build(algorithm, document, STOP)
    capture = summarize_module._RateAll()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        summarizer(model, capture)
    return capture.rated


@pytest.mark.parametrize("algorithm", summarize_module.FAST_CLASSES)
@pytest.mark.parametrize("with_title", [True, False])
def test_fast_equivalents_rate_as_sumy_does(algorithm: str, with_title: bool) -> None:
    text = ARTICLE if with_title else ARTICLE.split("\n\n", 1)[1]
    document, sentences = _article(text)
    fast = _ratings(document, sentences, algorithm, sumy=False)
    slow = _ratings(document, sentences, algorithm, sumy=True)
    fast_values = np.array([r for _, r in sorted(fast)])
    slow_values = np.array([r for _, r in sorted(slow)])
    assert np.allclose(fast_values, slow_values, rtol=1e-9, atol=1e-9)
    if algorithm != "lsa":  # sumy's SVD breaks exact ties by rounding noise
        assert [order for order, _ in fast] == [order for order, _ in slow]


def test_quadratic_methods_are_guarded_on_long_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summarize_module, "MAX_SENTENCES", dict.fromkeys(summarize_module.QUADRATIC, 4))
    document, sentences = _article()
    for algorithm in sorted(summarize_module.QUADRATIC):
        summary = summarize(document, sentences, algorithm, 3, STOP)
        assert summary.note and "ranker" in summary.note
        assert len(summary.scores) == len(sentences)
        assert (summary.algorithm, summary.ran) == (algorithm, "ranker")  # labels name what ran
    luhn = summarize(document, sentences, "luhn", 3, STOP)
    assert luhn.note is None and luhn.ran == "luhn"


def test_pair_sums_match_the_dense_product(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core import fast_summarizers

    lists = [["a", "b", "a"], ["b", "c"], [], ["a", "c", "c", "d"]]
    rows = fast_summarizers._Sparse(lists)
    sparse = rows.gram(rows.count)
    monkeypatch.setattr(fast_summarizers, "_MAX_PAIRS", 0)
    dense = rows.gram(rows.count)
    expected = np.array([[5, 1, 0, 2], [1, 2, 0, 2], [0, 0, 0, 0], [2, 2, 0, 6]], dtype=float)
    assert np.allclose(sparse, expected) and np.allclose(dense, expected)
