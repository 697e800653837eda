"""Summarizers on hostile shapes: a word repeated thousands of times, paragraphs of repeated abbreviations."""

from __future__ import annotations

import warnings

import numpy as np

from tui.core import summarize as summarize_module
from tui.core.pipeline import document_from_text
from tui.core.stopwords import load_stopwords
from tui.core.summarize import ALGORITHMS, summarize, sumy_document
from tui.core.tokenize import SumyTokenizer, split_sentences

STOP = load_stopwords()
LEAD = "Báo cáo tổng kết\n\nHội nghị diễn ra tại Hà Nội với nhiều đại biểu tham dự. Các đại biểu thảo luận.\n\n"


def _ratings(text: str, algorithm: str, sumy: bool) -> list[tuple[int, float]]:
    document = document_from_text(text)
    sentences = split_sentences(document)
    model = sumy_document(document, sentences, SumyTokenizer(sentences))
    capture = summarize_module._RateAll()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if sumy:
            with summarize_module.sumy_classes_only():
                summarize_module._build(algorithm, document, STOP)(model, capture)
        else:
            summarize_module._build(algorithm, document, STOP)(model, capture)
    return capture.rated


def test_sumbasic_rates_a_word_repeated_thousands_of_times_as_sumy_does() -> None:
    # sumy squares a word's probability once per occurrence; 2 ** 1100 is too big for a float.
    text = LEAD + "Đoạn " + "lúa " * 1100 + "xanh. Mùa màng bội thu trên cánh đồng lúa. Nông dân vui mừng."
    fast = _ratings(text, "sumbasic", sumy=False)
    slow = _ratings(text, "sumbasic", sumy=True)
    assert fast == slow


def test_every_summarizer_ranks_a_paragraph_of_repeated_words_and_abbreviations() -> None:
    text = LEAD + "T.P. " * 3000 + "\n\n" + "lúa " * 3000 + "xanh.\n\n" + "Câu cuối cùng của bài."
    document = document_from_text(text)
    sentences = split_sentences(document)
    for algorithm in ALGORITHMS:
        summary = summarize(document, sentences, algorithm, 3, STOP)
        assert sorted(s.rank for s in summary.scores) == list(range(1, len(sentences) + 1))
        assert all(np.isfinite(s.score) for s in summary.scores)


def test_pair_sums_of_a_long_report_match_the_dense_product(monkeypatch) -> None:
    from tui.core import fast_summarizers

    rng = np.random.default_rng(4)
    vocabulary = [f"w{i}" for i in range(300)]
    # Zipf-like: a few words in most sentences, most words in a few.
    lists = [list(rng.choice(vocabulary, size=rng.integers(0, 40), p=_zipf(300))) for _ in range(120)]
    rows = fast_summarizers._Sparse(lists)
    dense = np.zeros((rows.n, rows.terms))
    np.add.at(dense, (rows.sentence, rows.term), rows.count)
    expected = dense @ dense.T
    monkeypatch.setattr(fast_summarizers, "_MAX_PAIRS", 500)  # far fewer than this report has
    monkeypatch.setattr(fast_summarizers, "_DENSE_FROM", 8)
    assert np.allclose(rows.gram(rows.count), expected, rtol=1e-12, atol=1e-9)


def _zipf(size: int) -> np.ndarray:
    weights = 1.0 / np.arange(1, size + 1)
    return weights / weights.sum()


def test_sparse_entries_counted_a_block_of_sentences_at_a_time_are_those_counted_at_once(monkeypatch) -> None:
    from tui.core import fast_summarizers

    words = ["báo", "cáo", "hội", "nghị", "tổng", "kết", "đại", "biểu", "thảo", "luận", "hà", "nội"]
    # sentences of 0 to 40 words, one longer than any block, and words shared across them
    lists = [[words[(i * j) % len(words)] for j in range(i % 41)] for i in range(300)]
    lists[150] = [words[j % 7] for j in range(500)]
    whole = fast_summarizers._Sparse(lists)
    monkeypatch.setattr(fast_summarizers, "_BLOCK_WORDS", 64)
    blocks = fast_summarizers._Sparse(lists)
    for field in ("sentence", "term", "count", "lengths"):
        assert np.array_equal(getattr(blocks, field), getattr(whole, field)), field
    assert blocks.n == whole.n == 300 and blocks.terms == whole.terms
    assert len(np.unique(whole.sentence)) == sum(1 for words in lists if words)
    empty = fast_summarizers._Sparse([])
    assert empty.n == 0 and len(empty.sentence) == len(empty.count) == 0
