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


def test_a_line_without_a_full_stop_ends_before_a_capitalised_line() -> None:
    lead = "Ý kiến cử tri tại buổi tiếp xúc với Chủ tịch tỉnh Nguyễn Văn An về đất đai và nhà ở"
    text = f"{lead}\nCử tri Trần Văn Bình đề nghị làm rõ việc cấp đất. Xã đã trả lời."
    assert pieces(text) == [lead, "Cử tri Trần Văn Bình đề nghị làm rõ việc cấp đất.", "Xã đã trả lời."]
    assert pieces("Tin vắn\nHà Nội mưa to suốt đêm qua.") == ["Tin vắn", "Hà Nội mưa to suốt đêm qua."]


def test_line_breaks_that_only_wrap_a_sentence_do_not_cut_it() -> None:
    wrapped = (
        "Hội nghị đã nghe báo cáo của đồng chí Nguyễn Văn Bình, Phó Chủ tịch\n"
        "Nguyễn Văn An về tình hình kinh tế của tỉnh trong năm qua và những\n"
        "nhiệm vụ trọng tâm. Các đại biểu thảo luận."
    )
    assert len(pieces(wrapped)) == 2  # "Nguyễn" would not have fit on the line above: a wrap
    assert len(pieces("Các xã, phường, thị trấn,\nBan quản lý dự án cùng tham gia.")) == 1  # a comma runs on


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
    assert words == content_words(sentences[0].words)
    assert "," not in words and "." not in words and "Hà Nội" in words
    assert tokenizer.to_sentences("Câu một. Câu hai.") == ("Câu một.", "Câu hai.")


def test_split_sentences_words_are_word_tokens_of_each_sentence() -> None:
    paragraph = "Ông Nguyễn Văn An phát biểu tại Hà Nội. Bà Lê Thị Hoa ghi chép cẩn thận."
    # The same paragraph three times: the repeated sentences get the same words at their own offsets.
    doc = document_from_text("Tiêu đề\n\n" + "\n\n".join([paragraph] * 3) + "\n")
    sentences = split_sentences(doc)
    assert len(sentences) == 6
    for sentence in sentences:
        assert sentence.tokens == word_tokens(doc.text, Span(sentence.start, sentence.end))
        assert all(doc.text[t.start : t.end] == t.text for t in sentence.tokens)
    assert [t.text for t in sentences[0].tokens] == [t.text for t in sentences[2].tokens]
    assert sentences[0].tokens[0].start < sentences[2].tokens[0].start
