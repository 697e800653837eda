from __future__ import annotations

from tui.core.model import Span
from tui.core.pipeline import document_from_text
from tui.core.tokenize import SumyTokenizer, content_words, sentence_spans, split_sentences, word_tokens


def pieces(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentence_spans(text, Span(0, len(text)))]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Ông C.M. Nguyễn đến dự. Th.s Lê Văn Bình phát biểu. Đoàn thăm TP. Đà Nẵng hôm qua."
    assert pieces(text) == ["Ông C.M. Nguyễn đến dự.", "Th.s Lê Văn Bình phát biểu.", "Đoàn thăm TP. Đà Nẵng hôm qua."]


def test_sentences_are_split() -> None:
    assert pieces("Trời mưa to. Đường ngập sâu! Ai chịu trách nhiệm?") == [
        "Trời mưa to.",
        "Đường ngập sâu!",
        "Ai chịu trách nhiệm?",
    ]


def test_offsets_slice_sentences_and_words() -> None:
    text = "Tiêu đề\n\n  Sáng 5/3,  UBND tỉnh Hà Giang họp.\u00a0 Hội nghị kéo dài hai ngày liền.\n"
    doc = document_from_text(text)
    sentences = split_sentences(doc)
    assert [s.text for s in sentences] == ["Sáng 5/3,  UBND tỉnh Hà Giang họp.", "Hội nghị kéo dài hai ngày liền."]
    for sentence in sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert doc.text[token.start : token.end] == token.text
    assert "Hà Giang" in sentences[0].words


def test_word_tokens_group_syllables() -> None:
    text = "Bộ Chính trị họp tại Hà Nội."
    words = [t.text for t in word_tokens(text, Span(0, len(text)))]
    assert "Bộ Chính trị" in words and "Hà Nội" in words


def test_sumy_tokenizer_reuses_known_words_and_drops_punctuation() -> None:
    doc = document_from_text("Tiêu đề\n\nHội nghị diễn ra tại Hà Nội, kéo dài hai ngày liền.\n")
    sentences = split_sentences(doc)
    tokenizer = SumyTokenizer(sentences)
    words = tokenizer.to_words(sentences[0].text)
    assert words == content_words(sentences[0].tokens)
    assert "," not in words and "." not in words and "Hà Nội" in words
    assert tokenizer.to_sentences("Câu một. Câu hai.") == ("Câu một.", "Câu hai.")
