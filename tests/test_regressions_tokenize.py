"""Sentence repairs at their limits, alignment past the text's end, and the sumy tokenizer's reuse.

Written where mutation testing showed rules of `tokenize.py` that no test pinned down.
"""

from __future__ import annotations

import pytest

from tui.core.model import Sentence, Span, Token, Tokens
from tui.core.tokenize import SumyTokenizer, _segment_parts, sentence_spans, word_tokens


def split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentence_spans(text, Span(0, len(text)))]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Hoa nở - Ảnh: ABChiều nay trời mưa.", ["Hoa nở - Ảnh: AB", "Chiều nay trời mưa."]),
        ("Hoa nở - Ảnh: A-BChiều nay mưa.", ["Hoa nở - Ảnh: A-B", "Chiều nay mưa."]),
        ("Hoa nở - Ảnh: AB Chiều nay trời mưa.", ["Hoa nở - Ảnh: AB", "Chiều nay trời mưa."]),
        # One letter is not a credit; nor is a name in mixed case; nor a credit followed by a comma.
        ("Hoa nở - Ảnh: AChiều nay trời mưa.", ["Hoa nở - Ảnh: AChiều nay trời mưa."]),
        ("Hoa nở - Ảnh: Minh ĐứcChiều nay mưa.", ["Hoa nở - Ảnh: Minh ĐứcChiều nay mưa."]),
        ("Hoa nở - Ảnh: TTXVN, Hà Nội đẹp.", ["Hoa nở - Ảnh: TTXVN, Hà Nội đẹp."]),
        ("Hoa nở - Ảnh: MINH ĐỨC", ["Hoa nở - Ảnh: MINH ĐỨC"]),  # a credit that ends the text
        ("Ảnh: " + "A" * 49 + "Chiều nay trời mưa.", ["Ảnh: " + "A" * 49, "Chiều nay trời mưa."]),
        ("Ảnh: " + "A" * 50 + "Chiều nay trời mưa.", ["Ảnh: " + "A" * 50 + "Chiều nay trời mưa."]),
    ],
)
def test_a_glued_credit_is_cut_only_where_a_credit_ends(text: str, sentences: list[str]) -> None:
    assert split(text) == sentences


def test_a_credit_in_the_next_paragraph_does_not_cut_this_one() -> None:
    text = "Câu một ở đây. Câu hai ở đây.\n\nẢnh: MINH ĐỨCSáng nay trời mưa."
    paragraph = Span(0, text.index("\n"))
    assert [text[s.start : s.end] for s in sentence_spans(text, paragraph)] == ["Câu một ở đây.", "Câu hai ở đây."]


def test_an_open_quotation_continues_into_the_next_sentence() -> None:
    # Three straight quotes: the last one is still open.
    assert split('Ông nói "có" và "không. Tôi chưa biết", ông nói. Sau đó ông về.') == [
        'Ông nói "có" và "không. Tôi chưa biết", ông nói.',
        "Sau đó ông về.",
    ]


@pytest.mark.parametrize(("opening_words", "joined"), [(48, True), (49, False)])
def test_a_quotation_is_kept_whole_up_to_80_words(opening_words: int, joined: bool) -> None:
    opening = '"' + " ".join(["Câu"] * opening_words) + "."
    rest = " ".join(["Lời"] * 30) + '", ông nói.'
    sentences = split(f"{opening} {rest} Hết.")
    assert len(opening.split()) + len(rest.split()) == opening_words + 32
    assert sentences[0] == (f"{opening} {rest}" if joined else opening)


def test_aligned_words_stop_at_the_end_of_the_text() -> None:
    """A segmenter that returns more than the text holds gets no empty or out-of-range tokens."""
    text = "Trời mưa to"
    pieces = ["Trời", "", "mưa", "to", "nữa", "và gió"]
    tokens = word_tokens(text, Span(0, len(text)), lambda chunk: pieces)
    assert [t.text for t in tokens] == ["Trời", "mưa", "to"]
    assert all(t.end <= len(text) and t.start < t.end for t in tokens)


def test_an_empty_piece_in_the_middle_is_skipped() -> None:
    text = "Trời  mưa to"
    tokens = word_tokens(text, Span(0, len(text)), lambda chunk: ["Trời", " ", "mưa", "to"])
    assert [(t.start, t.text) for t in tokens] == [(0, "Trời"), (6, "mưa"), (10, "to")]


def test_the_sumy_tokenizer_reuses_the_words_it_was_given() -> None:
    text = "Hà Nội mưa to."
    # Words no segmenter would make, so reuse is visible.
    tokens = Tokens.of(text, [Token(0, 2, "Hà"), Token(3, 13, "Nội mưa to"), Token(13, 14, ".")])
    known = Sentence(0, 0, len(text), text, 0, tokens)
    tokenizer = SumyTokenizer([known])
    assert tokenizer.to_words(f"  {text} ") == ("Hà", "Nội mưa to")
    assert tokenizer.to_words("Trời nắng.") == ("Trời", "nắng")


def test_the_sumy_tokenizer_splits_a_paragraph_into_sentences() -> None:
    assert SumyTokenizer().to_sentences("Hôm nay trời mưa to. Ngày mai trời nắng.") == (
        "Hôm nay trời mưa to.",
        "Ngày mai trời nắng.",
    )


def test_a_long_span_is_segmented_in_parts_cut_at_the_last_space_that_fits() -> None:
    text = "ab " * 8000  # spaces at 2, 5, 8, …: the last one before 10,003 is at 10,001
    assert _segment_parts(text, Span(3, len(text))) == [Span(3, 10_001), Span(10_001, 20_000), Span(20_000, 24_000)]
    seen: list[str] = []

    def segment(chunk: str) -> list[str]:
        seen.append(chunk)
        return chunk.split()

    tokens = word_tokens(text, Span(3, len(text)), segment)
    assert [len(chunk) for chunk in seen] == [9_998, 9_999, 4_000]
    assert [t.text for t in tokens] == text.split()[1:]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_a_long_span_without_spaces_is_cut_every_10000_characters() -> None:
    text = "a" * 25_000
    assert _segment_parts(text, Span(0, len(text))) == [Span(0, 10_000), Span(10_000, 20_000), Span(20_000, 25_000)]


def test_a_span_of_10000_characters_is_one_part() -> None:
    text = "ab " * 3333 + "a"
    assert len(text) == 10_000
    assert _segment_parts(text, Span(0, len(text))) == [Span(0, 10_000)]
    assert _segment_parts(text + "b", Span(0, len(text) + 1)) == [Span(0, 9_998), Span(9_998, 10_001)]


@pytest.mark.parametrize(("opening_words", "joined"), [(45, True), (46, False)])
def test_a_word_cut_by_initials_counts_once_toward_the_quotation_limit(opening_words: int, joined: bool) -> None:
    # `A.B.Cường` is split after the initials into two touching pieces: one word, not two.
    first = '"' + " ".join(["Câu"] * opening_words) + " A.B."
    second = "Cường " + " ".join(["lời"] * 30) + "."
    third = 'Nữa nữa", ông nói.'
    assert len(first.split()) + len(second.split()) - 1 + len(third.split()) == opening_words + 35
    sentences = split(f"{first}{second} {third} Hết.")
    assert sentences[0] == (f"{first}{second} {third}" if joined else f"{first}{second}")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a closed quotation does not hold the next sentence
        ("“Một” hai ba. Bốn năm.", ["“Một” hai ba.", "Bốn năm."]),
        # opened twice, closed once: open across a sentence, closed in the third
        ("“Một” và “hai ba. Bốn năm. Sáu”, ông nói. Hết.", ["“Một” và “hai ba. Bốn năm. Sáu”, ông nói.", "Hết."]),
        # a quotation opened in a joined sentence stays open after the first one closes
        ("“Một. Hai “ba. Bốn”. Năm sáu.", ["“Một. Hai “ba. Bốn”. Năm sáu."]),
    ],
)
def test_quotes_are_counted_across_every_joined_piece(text: str, sentences: list[str]) -> None:
    assert split(text) == sentences


def test_a_sentence_longer_than_the_segmenter_limit_gets_the_words_of_its_parts() -> None:
    from tui.core.tokenize import spans_word_tokens

    sentence = " ".join(["Hội nghị tỉnh Thái Nguyên họp bàn"] * 1600) + "."
    text = f"Câu đầu ngắn. {sentence}"
    spans = [Span(0, 13), Span(14, len(text))]
    assert len(_segment_parts(text, spans[1])) > 1
    words = list(spans_word_tokens(text, spans))
    assert words == [word_tokens(text, span) for span in spans]
    assert all(text[t.start : t.end] == t.text for t in words[1])
    assert words[1][-1].text == "." and sum(t.text == "Thái Nguyên" for t in words[1]) == 1600


def test_sentences_without_words_have_an_empty_tuple_of_tokens() -> None:
    from tui.core.pipeline import document_from_text
    from tui.core.tokenize import split_sentences

    sentences = split_sentences(document_from_text("Tiêu đề\n\nMột câu. Hai câu.\n"), with_words=False)
    assert [s.tokens for s in sentences] == [(), ()]
