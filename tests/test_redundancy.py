from __future__ import annotations

from tui.core.model import Sentence, SentenceScore
from tui.core.pipeline import document_from_text
from tui.core.redundancy import DIVERSIFY_TOP, diversify, repeats, syllables
from tui.core.summarize import ALGORITHMS, summarize
from tui.core.tokenize import split_sentences

ARTICLE = (
    "Tỉnh khởi công tuyến đường ven biển\n\n"
    "Sáng 5/3, tỉnh Quảng Ninh khởi công tuyến đường ven biển dài 25 km qua ba huyện.\n\n"
    "Tỉnh Quảng Ninh khởi công tuyến đường ven biển dài 25 km sáng 5/3.\n\n"
    "Dự án có tổng vốn đầu tư hơn 2.000 tỷ đồng từ ngân sách địa phương.\n\n"
    "Công trình dự kiến hoàn thành vào cuối năm 2026 và giúp giảm ùn tắc cho thành phố.\n"
)


def _sentence(index: int, text: str) -> Sentence:
    return Sentence(index, 0, len(text), text, index)


def test_a_repeat_shares_most_of_the_shorter_sentences_words() -> None:
    long = syllables("Sáng 5/3, tỉnh Quảng Ninh khởi công tuyến đường ven biển dài 25 km.")
    assert repeats(syllables("Quảng Ninh khởi công tuyến đường ven biển."), long)
    assert not repeats(syllables("Dự án có tổng vốn hơn 2.000 tỷ đồng."), long)
    assert not repeats(frozenset(), long)  # an empty sentence repeats nothing


def test_a_near_repeat_moves_below_fresh_sentences_and_keeps_its_score() -> None:
    sentences = [
        _sentence(0, "Tỉnh Quảng Ninh khởi công tuyến đường ven biển dài 25 km."),
        _sentence(1, "Quảng Ninh khởi công tuyến đường ven biển dài 25 km hôm nay."),
        _sentence(2, "Dự án có tổng vốn hơn 2.000 tỷ đồng."),
        _sentence(3, "Công trình hoàn thành cuối năm sau."),
    ]
    scores = [SentenceScore(0, 4.0, 1), SentenceScore(1, 3.0, 2), SentenceScore(2, 2.0, 3), SentenceScore(3, 1.0, 4)]
    out = diversify(scores, sentences)
    assert [s.rank for s in out] == [1, 4, 2, 3]
    assert [s.score for s in out] == [4.0, 3.0, 2.0, 1.0]
    assert [s.index for s in out] == [0, 1, 2, 3]  # still in document order


def test_nothing_changes_without_repeats() -> None:
    sentences = [_sentence(0, "Một hai ba bốn."), _sentence(1, "Năm sáu bảy tám.")]
    scores = (SentenceScore(0, 1.0, 2), SentenceScore(1, 2.0, 1))
    assert diversify(scores, sentences) == scores


def test_only_the_best_ranks_are_walked() -> None:
    count = DIVERSIFY_TOP + 5
    sentences = [_sentence(i, "cùng một câu lặp lại") for i in range(count)]
    scores = [SentenceScore(i, float(-i), i + 1) for i in range(count)]
    out = diversify(scores, sentences)
    assert sorted(s.rank for s in out) == list(range(1, count + 1))
    assert [s.rank for s in out[DIVERSIFY_TOP:]] == [s.rank for s in scores[DIVERSIFY_TOP:]]


def test_every_algorithm_leaves_the_repeated_lead_out_of_a_two_sentence_summary() -> None:
    document = document_from_text(ARTICLE)
    sentences = split_sentences(document)
    repeat = next(s.index for s in sentences if s.text.startswith("Tỉnh Quảng Ninh khởi công"))
    first = next(s.index for s in sentences if s.text.startswith("Sáng 5/3"))
    for algorithm in ALGORITHMS:
        summary = summarize(document, sentences, algorithm, 2)
        assert len(summary.selected) == 2, algorithm
        assert not {first, repeat} <= set(summary.selected), algorithm
