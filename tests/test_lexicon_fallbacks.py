"""When underthesea's word list or tagger cannot be used, entities degrade and the log says so."""

from __future__ import annotations

import importlib.machinery
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.core.entities import lexicon


@pytest.fixture(autouse=True)
def fresh_memos() -> Iterator[None]:
    """The loaders memoise for the process: start and end each test with empty memos."""
    memos = (lexicon._words, lexicon._tagger, lexicon.lexical_tag)
    for memo in memos:
        memo.cache_clear()
    yield
    for memo in memos:
        memo.cache_clear()


def test_missing_word_list_is_logged_and_words_are_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    moved = importlib.machinery.ModuleSpec("underthesea", None, origin=str(tmp_path / "__init__.py"))
    monkeypatch.setattr(lexicon.importlib.util, "find_spec", lambda name: moved)
    with caplog.at_level(logging.WARNING, logger=lexicon.__name__):
        assert not lexicon.is_word("tổ chức")
    assert any("word list" in record.getMessage() for record in caplog.records)


def test_word_list_is_read_when_present() -> None:
    # The contrast to the test above: with underthesea's file in place the same word is known.
    assert lexicon.is_word("tổ chức")


def test_missing_tagger_is_logged_and_tags_are_unknown(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "underthesea.pipeline.pos_tag", None)  # the import now fails
    with caplog.at_level(logging.WARNING, logger=lexicon.__name__):
        assert lexicon.lexical_tag("nhà") == "?"
    assert any("tagger" in record.getMessage() for record in caplog.records)


def test_a_word_the_tagger_rejects_is_logged(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    class Broken:
        def predict(self, tokens: list[list[str]]) -> list[str]:
            raise ValueError("cannot tag")

    monkeypatch.setattr(lexicon, "_tagger", Broken)
    with caplog.at_level(logging.WARNING, logger=lexicon.__name__):
        assert lexicon.lexical_tag("nhà") == "?"
    assert any("'nhà'" in record.getMessage() for record in caplog.records)


def test_the_indexers_preload_loads_the_tagger_too() -> None:
    # The short text analysed to load the models asks the tagger for nothing: without the preload
    # every worker of `index` would load it for itself at its first figure.
    import importlib

    import tui.index_preload  # loads the models the first time it is imported in a process

    lexicon._tagger.cache_clear()
    importlib.reload(tui.index_preload)
    assert lexicon._tagger.cache_info().currsize == 1 and lexicon._tagger() is not None
