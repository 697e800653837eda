"""A sentence's words held as offsets (``model.Tokens``): the same as the tuple of tokens, compact
when pickled, and stored by the cache as offsets."""

from __future__ import annotations

import pickle
from array import array

import msgspec
import pytest

from tui.core.cache.codec import DecodeError, decode, encode
from tui.core.model import NO_TOKENS, Analysis, Sentence, Span, Token, Tokens
from tui.core.pipeline import document_from_text
from tui.core.tokenize import split_sentences, word_tokens

ARTICLE = (
    "Nông dân Đồng Tháp thu hoạch lúa sớm\n\n"
    "Sáng nay, nông dân huyện Tháp Mười thu hoạch lúa hè thu. Giá lúa tăng nhẹ so với tuần trước. "
    "Ông Trần Văn Hùng, Chủ tịch xã, cho biết năng suất đạt 6,5 tấn mỗi héc-ta.\n\n"
    "Thương lái đến tận ruộng mua lúa. Nhiều hộ đã bán hết ngay trong ngày."
)


def _sentences() -> tuple[str, tuple[Sentence, ...]]:
    document = document_from_text(ARTICLE)
    return document.text, split_sentences(document)


def test_words_equal_and_hash_as_the_tuple_of_their_tokens() -> None:
    text, sentences = _sentences()
    assert len(sentences) == 5
    for sentence in sentences:
        expected = word_tokens(text, Span(sentence.start, sentence.end))
        assert isinstance(sentence.tokens, Tokens)
        assert sentence.tokens == expected and expected == sentence.tokens
        assert hash(sentence.tokens) == hash(expected)
        assert tuple(sentence.tokens) == expected and list(sentence.tokens) == list(expected)
        assert sentence.words == tuple(t.text for t in expected)
        assert all(isinstance(t, Token) and t.text == text[t.start : t.end] for t in sentence.tokens)
    assert sentences[0].tokens != sentences[1].tokens
    other = tuple(sentences[1].tokens)[:3]  # as many tokens, other words
    assert sentences[0].tokens[:3] != other and other != sentences[0].tokens[:3]
    assert sentences[0].tokens != list(sentences[0].tokens)  # a tuple is never equal to a list either


def test_indexing_and_slicing_behave_as_on_the_tuple() -> None:
    _, sentences = _sentences()
    tokens = sentences[2].tokens
    plain = tuple(tokens)
    assert len(tokens) == len(plain) > 6
    for index in (0, 3, -1, -len(plain)):
        assert tokens[index] == plain[index]
    for bad in (len(plain), -len(plain) - 1):
        with pytest.raises(IndexError):
            tokens[bad]
    for part in (
        slice(1, 4),
        slice(None, -2),
        slice(-3, None),
        slice(5, 2),
        slice(None, None, 2),
        slice(None, None, -1),
    ):
        assert tokens[part] == plain[part]
        assert tuple(tokens[part]) == plain[part]
    assert tokens[2:5][1:] == plain[3:5]  # a slice of a slice
    assert tokens[2:5].texts() == tuple(t.text for t in plain[2:5])
    assert not tokens[4:4] and not NO_TOKENS and tokens[4:4] == () and bool(tokens[4:5])
    assert plain[1] in tokens and tokens.index(plain[2]) == 2


def test_a_pickled_analysis_holds_the_text_once_however_many_sentences() -> None:
    body = " ".join(f"Xã số {i} đã hoàn thành kế hoạch trồng rừng năm nay." for i in range(300))
    document = document_from_text(f"Trồng rừng ở Quảng Trị\n\n{body}")
    sentences = split_sentences(document)
    words = sum(len(s.tokens) for s in sentences)
    assert len(sentences) == 300 and words > 3000
    analysis = Analysis(document, sentences)
    data = pickle.dumps(analysis)
    assert pickle.loads(data) == analysis
    # Each word adds its two offsets (8 bytes) and each sentence a reference to the shared text and
    # array; a copy of the text per sentence would add 300 times its size.
    without = pickle.dumps(analysis.without_words())
    assert len(data) - len(without) < 8 * words + 40 * len(sentences)
    assert all(not s.tokens for s in pickle.loads(without).sentences)


def test_the_cache_stores_words_as_offsets_and_reads_them_in_the_text() -> None:
    text, sentences = _sentences()
    analysis = Analysis(document_from_text(ARTICLE), sentences)
    data = encode(analysis)
    back = decode(data)
    assert back == analysis
    for sentence in back.sentences:
        assert isinstance(sentence.tokens, Tokens)
        assert all(t.text == text[t.start : t.end] for t in sentence.tokens)
    stored = msgspec.msgpack.decode(data)["sentences"][0]["tokens"]
    assert stored == [n for t in sentences[0].tokens for n in (t.start, t.end)]
    assert decode(encode(analysis.without_words())).sentences[0].tokens == ()


@pytest.mark.parametrize("words", [[1, 2, 3], [-1, 2], [1, 2**40], ["a", "b"], {"a": 1}, [1.5, 2]])
def test_words_that_are_not_pairs_of_offsets_are_refused(words: object) -> None:
    _, sentences = _sentences()
    raw = msgspec.msgpack.decode(encode(Analysis(document_from_text(ARTICLE), sentences)))
    raw["sentences"][0]["tokens"] = words
    with pytest.raises(DecodeError):
        decode(msgspec.msgpack.encode(raw))


def test_tokens_made_from_tokens_keep_only_their_offsets() -> None:
    text = "Hà Nội mưa to."
    tokens = Tokens.of(text, [Token(0, 2, "?"), Token(3, 6, "?")])
    assert tokens == (Token(0, 2, "Hà"), Token(3, 6, "Nội"))
    assert tokens.over("Hà Tây nắng") == (Token(0, 2, "Hà"), Token(3, 6, "Tây"))
    assert list(tokens.offsets()) == [0, 2, 3, 6] and tokens.offsets() == array("I", [0, 2, 3, 6])
