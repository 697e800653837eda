"""Bugs in the text steps the other tests could miss: captions, word offsets, place groups.

Each test here was checked against the bug it names (introduced by hand, seen to fail, reverted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tui.core.entities import group_entities
from tui.core.model import Entity, Span, Token
from tui.core.pipeline import document_from_text
from tui.core.tokenize import split_sentences, with_words, word_tokens

# A photo's alt text and its legend print the same sentence twice; written like story text, it has
# nothing else that marks it as a caption.
CAPTIONED = (
    "Cầu mới nối hai bờ sông được thông xe\n\n"
    "Chiều qua, cây cầu mới nối hai bờ sông chính thức được thông xe sau hai năm xây dựng.\n\n"
    "Lãnh đạo thành phố và người dân cùng đi bộ qua cây cầu mới trong buổi lễ thông xe chiều qua.\n\n"
    "Cây cầu dài gần một cây số, có bốn làn xe ô tô và hai làn cho người đi bộ.\n\n"
    "Lãnh đạo thành phố và người dân cùng đi bộ qua cây cầu mới trong buổi lễ thông xe chiều qua.\n\n"
    "Người dân hai bên bờ sông rất vui mừng vì không còn phải đi phà nữa.\n"
)
REPEATED_LINE = "Lãnh đạo thành phố và người dân cùng đi bộ qua cây cầu mới trong buổi lễ thông xe chiều qua."


def test_a_line_printed_twice_is_a_caption() -> None:
    document = document_from_text(CAPTIONED)
    body = [document.text[p.start : p.end] for p in document.paragraphs]
    assert REPEATED_LINE not in body
    assert len(body) == 3
    captions = [document.text[r.start : r.end] for r in document.removed if r.reason == "caption"]
    assert captions == [REPEATED_LINE, REPEATED_LINE]


def test_a_line_printed_once_stays() -> None:
    once = CAPTIONED.replace(REPEATED_LINE, "Nhiều người dân đã đến từ sớm để chờ xem buổi lễ thông xe của cây cầu.", 1)
    body = [once[p.start : p.end] for p in document_from_text(once).paragraphs]
    assert REPEATED_LINE in body and len(body) == 5


def _check_tokens(text: str, sentence_start: int, sentence_end: int, tokens: Sequence[Token]) -> None:
    """Tokens are the sentence's non-space text, in order, each exactly the text at its offsets."""
    assert tokens and tokens[0].start == sentence_start and tokens[-1].end == sentence_end
    for token, following in zip(tokens, (*tokens[1:], None), strict=True):
        assert token.text == text[token.start : token.end] and token.text == token.text.strip()
        if following is not None:
            assert token.end <= following.start and not text[token.end : following.start].strip()


def test_words_made_again_are_the_words_made_first() -> None:
    """The cache stores sentences without words; `with_words` must rebuild them exactly."""
    document = document_from_text(CAPTIONED)
    full = split_sentences(document)
    bare = split_sentences(document, with_words=False)
    assert all(not s.tokens for s in bare)
    rebuilt = with_words(document.text, bare)
    assert rebuilt == full
    for sentence in rebuilt:
        _check_tokens(document.text, sentence.start, sentence.end, sentence.tokens)


def test_with_words_keeps_words_it_already_has() -> None:
    document = document_from_text(CAPTIONED)
    full = split_sentences(document)
    marked = tuple(replace(s, tokens=s.tokens[:1]) for s in full)  # words that must not be re-made
    assert with_words(document.text, marked) == marked


def test_words_whose_spacing_the_segmenter_changed_are_found_in_the_text() -> None:
    """A segmenter may return `Nguyễn Văn An` for `Nguyễn   Văn An`: offsets still point at the text."""
    text = "Trước đó,  ông  Nguyễn   Văn An đến\tHà Nội  ."
    sentence = Span(text.index("ông"), len(text))
    pieces = ["ông", "Nguyễn Văn An", "đến", "Hà Nội", "."]
    tokens = word_tokens(text, sentence, lambda chunk: pieces)
    assert [t.text for t in tokens] == ["ông", "Nguyễn   Văn An", "đến", "Hà Nội", "."]
    _check_tokens(text, sentence.start, sentence.end, tokens)


def test_a_piece_written_without_its_spaces_spans_them() -> None:
    text = "Giá 2 . 000 đồng"
    tokens = word_tokens(text, Span(0, len(text)), lambda chunk: ["Giá", "2.000", "đồng"])
    assert [t.text for t in tokens] == ["Giá", "2 . 000", "đồng"]


def _place(text: str, start: int) -> Entity:
    return Entity("LOC", start, start + len(text), text)


def test_a_place_with_and_without_its_level_word_is_one_place() -> None:
    text = (
        "Đoàn công tác làm việc tại tỉnh Thái Nguyên. Thái Nguyên có nhiều đồi chè. "
        "Sau đó đoàn đến huyện Đồng Hỷ, rồi về lại TP. Thái Nguyên và Đồng Hỷ."
    )
    document = document_from_text(text)
    mentions = [
        _place("tỉnh Thái Nguyên", text.index("tỉnh Thái Nguyên")),
        _place("Thái Nguyên", text.index("Thái Nguyên có")),
        _place("huyện Đồng Hỷ", text.index("huyện Đồng Hỷ")),
        _place("Đồng Hỷ", text.rindex("Đồng Hỷ")),
    ]
    groups = group_entities(document, mentions, split_sentences(document, with_words=False))
    assert [(g.name, g.count) for g in groups] == [("tỉnh Thái Nguyên", 2), ("huyện Đồng Hỷ", 2)]


def test_a_list_that_repeats_its_level_word_is_the_same_document() -> None:
    short, full = "Nghị quyết Trung ương 4 (khóa XI, XII)", "Nghị quyết Trung ương 4 (khóa XI, khóa XII)"
    other = "Nghị quyết Trung ương 4 (khóa XII)"
    text = f"Thực hiện {short} về xây dựng Đảng. Sơ kết {full} và {other} trong năm."
    mentions = [Entity("DOC", text.index(m), text.index(m) + len(m), m) for m in (short, full, other)]
    groups = group_entities(document_from_text(text), mentions)
    assert [(g.name, g.count) for g in groups] == [(full, 2), (other, 1)]
    terms = ["nhiệm kỳ 2015-2020, 2020-2025", "nhiệm kỳ 2015-2020, nhiệm kỳ 2020-2025", "nhiệm kỳ 2015-2020"]
    line = "; ".join(terms)
    starts = [0, len(terms[0]) + 2, len(line) - len(terms[2])]
    dates = [Entity("DATE", start, start + len(t), t) for start, t in zip(starts, terms, strict=True)]
    assert [line[d.start : d.end] for d in dates] == terms
    assert [g.count for g in group_entities(document_from_text(line), dates)] == [2, 1]


def test_different_places_stay_apart() -> None:
    text = "Mưa lớn ở tỉnh Quảng Nam và tỉnh Quảng Ngãi."
    document = document_from_text(text)
    mentions = [_place("tỉnh Quảng Nam", text.index("tỉnh Quảng Nam")), _place("Quảng Ngãi", text.index("Quảng Ngãi"))]
    assert [g.name for g in group_entities(document, mentions)] == ["tỉnh Quảng Nam", "Quảng Ngãi"]
