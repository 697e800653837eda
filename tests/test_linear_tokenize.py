"""Sentence repair is linear in the paragraph and joins exactly what the pairwise definition joins."""

from __future__ import annotations

import random
import re

import pytest

from tui.core import tokenize
from tui.core.model import Span
from tui.core.pipeline import document_from_text
from tui.paths import bundled_seeds

SEEDS = bundled_seeds()


def _reference_repair(text: str, spans: list[Span]) -> list[Span]:
    """The definition, read straight: every test re-reads the whole joined sentence (quadratic)."""
    repaired: list[Span] = []
    for span in spans:
        if repaired:
            previous = text[repaired[-1].start : repaired[-1].end]
            following = text[span.start : span.end]
            opens = previous.count('"') % 2 == 1 or previous.count("“") > previous.count("”")
            if (
                tokenize._ABBREVIATION_END.search(previous)
                or not any(ch.isalnum() for ch in following)
                or (opens and len(previous.split()) + len(following.split()) <= tokenize._QUOTE_MAX_WORDS)
                or following.lstrip("\"“'‘([ ")[:1].islower()
            ):
                repaired[-1] = Span(repaired[-1].start, span.end)
                continue
        repaired.append(span)
    return repaired


def _pieces(text: str) -> list[Span]:
    """Pieces cut after every full stop, as a sentence splitter that knows no abbreviations would."""
    return [Span(m.start(), m.end()) for m in re.finditer(r"\S.*?(?:\.(?=\s|$)|$)", text)]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_repair_joins_what_the_definition_joins_on_the_samples(path) -> None:
    document = document_from_text(path.read_text(encoding="utf-8"))
    for paragraph in document.paragraphs:
        chunk = document.text[paragraph.start : paragraph.end]
        pieces = [Span(s.start + paragraph.start, s.end + paragraph.start) for s in _pieces(chunk)]
        assert tokenize._repair_splits(document.text, pieces) == _reference_repair(document.text, pieces)


def test_repair_matches_the_definition_on_random_quotes_abbreviations_and_glued_pieces() -> None:
    parts = ["T.P.", "Th.s", "ông", "Ông", '"', "“", "”", "A.", "x.", ")", "và", "Hà", "nói.", '"Vâng.', 'B".', "v.v."]
    rng = random.Random(13)
    for _ in range(400):
        text, spans = "", list[Span]()
        for _ in range(rng.randint(1, 120)):
            text += rng.choice(["", " ", "  ", "\n"]) if text else ""
            piece = rng.choice(parts)
            if spans and rng.random() < 0.4:  # a piece of several tokens
                spans[-1] = Span(spans[-1].start, len(text) + len(piece))
            else:
                spans.append(Span(len(text), len(text) + len(piece)))
            text += piece
        assert tokenize._repair_splits(text, spans) == _reference_repair(text, spans)


def test_a_paragraph_of_repeated_abbreviations_is_one_sentence_in_linear_time() -> None:
    # 40,000 pieces all joined into one: re-reading the joined sentence at each join would take minutes.
    text = " ".join(["T.P."] * 40_000)
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    assert tokenize._repair_splits(text, spans) == [Span(0, len(text))]


def test_a_long_open_quotation_stops_joining_after_its_word_limit() -> None:
    sentences = [f"Câu số {i} trong lời kể." for i in range(30_000)]
    text = "“" + " ".join(sentences)
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"\S.*?\.(?=\s|$)", text)]
    repaired = tokenize._repair_splits(text, spans)
    # Six words a sentence: the open quotation takes 13 sentences (78 words, the limit is 80),
    # then every sentence stands alone.
    assert repaired[0] == Span(0, spans[12].end)
    assert repaired[1:] == spans[13:]


def test_a_sentence_of_megabytes_is_segmented_in_parts_cut_at_spaces() -> None:
    text = "Hội nghị đánh giá kết quả thực hiện nhiệm vụ năm nay " * 4000  # 212,000 characters, no stop
    seen: list[str] = []

    def segment(chunk: str) -> list[str]:
        seen.append(chunk)
        return chunk.split()

    tokens = tokenize.word_tokens(text, Span(0, len(text)), segment)
    assert max(map(len, seen)) <= tokenize._SEGMENT_MAX and len(seen) > 20
    assert all(part.startswith(" ") for part in seen[1:])  # cut at a space
    assert [t.text for t in tokens] == text.split()
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_a_real_sentence_is_segmented_whole() -> None:
    text = "Sáng 12/3, Thành phố Cần Thơ khánh thành cây cầu mới bắc qua sông Hậu sau hai năm thi công."
    assert tokenize._segment_parts(text, Span(0, len(text))) == [Span(0, len(text))]
    words = [t.text for t in tokenize.word_tokens(text, Span(0, len(text)))]
    assert "Cần Thơ" in words and "khánh thành" in words


def test_thousands_of_glued_credits_are_cut_in_time_and_in_place() -> None:
    # Each cut used to copy the whole text before it.
    text = "".join(f"Người dân đi bộ qua cầu số {i} - Ảnh: MINH HẢINhiều hộ dân chờ cầu. " for i in range(6000))
    spans = tokenize._split_glued_credits(text, [Span(0, len(text))])
    assert len(spans) == 6001
    assert all(text[s.start : s.end].endswith("MINH HẢI") for s in spans[:-1])
    assert all(text[s.start : s.end].startswith("Nhiều hộ dân") for s in spans[1:])
