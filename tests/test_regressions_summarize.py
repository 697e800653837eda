"""How `summarize` sets up each algorithm and where its limits lie.

Written where mutation testing showed rules of `summarize.py` that no test pinned down.
"""

from __future__ import annotations

import pytest

from tui.core import summarize as summarize_module
from tui.core.model import Document, Sentence
from tui.core.pipeline import document_from_text
from tui.core.stopwords import load_stopwords
from tui.core.summarize import STIGMA_WORDS, summarize, sumy_classes_only, sumy_document, title_words
from tui.core.tokenize import SumyTokenizer, split_sentences

STOP = load_stopwords()
ARTICLE = (
    "Những ngôi nhà của người dân bên cây cầu mới\n\n"
    "Sáng nay trời nắng đẹp và nhiều người dân đi chợ từ rất sớm. "
    "Cây cầu mới nối hai bên bờ sông chính thức thông xe sau một năm thi công.\n\n"
    "Học sinh trong xã được nghỉ học một ngày để tham gia lễ hội. "
    "Các cửa hàng ven đường bán nhiều loại bánh và trái cây theo mùa. "
    "Những ngôi nhà của người dân hai bên cầu được sơn lại cho ngày lễ.\n"
)


def _article(text: str = ARTICLE) -> tuple[Document, tuple[Sentence, ...]]:
    document = document_from_text(text)
    return document, split_sentences(document)


def test_three_sentences_by_default() -> None:
    document, sentences = _article()
    assert summarize(document, sentences, "lead").selected == (0, 1, 2)


def test_an_unknown_algorithm_is_refused_with_the_choices() -> None:
    document, sentences = _article()
    with pytest.raises(ValueError, match=r"unknown algorithm 'best'; choose one of ranker, lexrank, lsa, "):
        summarize(document, sentences, "best")


def test_a_report_at_the_limit_is_summarised_by_the_algorithm_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    document, sentences = _article()
    monkeypatch.setattr(summarize_module, "MAX_SENTENCES", {"lexrank": len(sentences)})
    assert summarize(document, sentences, "lexrank", 3, STOP).note is None
    monkeypatch.setattr(summarize_module, "MAX_SENTENCES", {"lexrank": len(sentences) - 1})
    assert summarize(document, sentences, "lexrank", 3, STOP).note is not None


def test_headline_words_without_stopwords() -> None:
    document, _ = _article()
    words = title_words(document, STOP)
    assert words and not {w.lower() for w in words} & STOP
    assert {"người dân", "cầu"} <= {w.lower() for w in words}
    untitled = document_from_text(ARTICLE.split("\n\n", 1)[1])
    assert untitled.title is None and title_words(untitled, STOP) == ()


def test_edmundson_reads_the_headline_the_stopwords_and_page_matter_words() -> None:
    document, _ = _article()
    edmundson = summarize_module._build("edmundson", document, STOP)
    assert edmundson.bonus_words == frozenset(w.lower() for w in title_words(document, STOP))
    assert edmundson.null_words == frozenset(STOP)
    assert edmundson.stigma_words == frozenset(STIGMA_WORDS)


def test_the_fast_classes_unless_sumy_is_asked_for() -> None:
    document, _ = _article()
    assert not type(summarize_module._build("lexrank", document, STOP)).__module__.startswith("sumy")
    with sumy_classes_only():
        assert type(summarize_module._build("lexrank", document, STOP)).__module__.startswith("sumy")
    assert not type(summarize_module._build("lexrank", document, STOP)).__module__.startswith("sumy")


def test_random_is_the_same_for_the_same_text_and_differs_with_the_text() -> None:
    document, sentences = _article()
    first = summarize(document, sentences, "random", 3, STOP)
    again = summarize(*_article(), "random", 3, STOP)
    assert first == again
    ranks = {tuple(s.rank for s in first.scores)}
    for variant in ("sớm", "muộn"), ("mới", "cũ"), ("đẹp", "to"), ("bánh", "kẹo"):
        other = summarize(*_article(ARTICLE.replace(*variant)), "random", 3, STOP)
        ranks.add(tuple(s.rank for s in other.scores))
    assert len(ranks) > 1  # five texts, not one shared order


def test_a_story_that_starts_in_a_later_paragraph() -> None:
    """The sumy document opens a paragraph for the first sentence whatever paragraph it comes from."""
    document, sentences = _article()
    later = [s for s in sentences if s.paragraph == 1]
    model = sumy_document(document, later, SumyTokenizer(later))
    # the headline, then the story
    assert [(len(p.headings), len(p.sentences)) for p in model.paragraphs] == [(1, 0), (0, len(later))]
    untitled = document_from_text(ARTICLE.split("\n\n", 1)[1])
    assert untitled.title is None
    rest = [s for s in split_sentences(untitled) if s.paragraph == 1]
    model = sumy_document(untitled, rest, SumyTokenizer(rest))
    assert [(len(p.headings), len(p.sentences)) for p in model.paragraphs] == [(0, len(rest))]


def test_sumy_classes_only_stays_in_its_own_thread() -> None:
    """A comparison run with sumy's classes never changes what another thread computes."""
    import threading

    from tui.core import summarize as summarize_module

    seen: list[object] = []
    with sumy_classes_only():
        inside = summarize_module._sumy_only.get()
        thread = threading.Thread(target=lambda: seen.append(summarize_module._sumy_only.get()))
        thread.start()
        thread.join()
    assert inside is True and seen == [False] and summarize_module._sumy_only.get() is False
