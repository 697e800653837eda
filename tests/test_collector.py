"""The steps that make millions of objects run without cyclic garbage collection, and give it back."""

from __future__ import annotations

import gc

import pytest

import tui.core.entities as entities_module
import tui.core.entities.grouping as grouping_module
import tui.core.tokenize as tokenize_module
from tui.core.collector import paused_collection
from tui.core.entities import extract_entities, group_entities
from tui.core.pipeline import document_from_text
from tui.core.tokenize import split_sentences, with_words

_TEXT = "Báo cáo\n\nÔng Nguyễn Văn An, Bí thư Tỉnh ủy, đến tỉnh Nghệ An ngày 2/9/2024. Ông An nói.\n"


def test_a_pause_within_a_pause_leaves_collection_off_and_an_error_gives_it_back() -> None:
    with pytest.raises(ValueError), paused_collection():
        with paused_collection():
            pass
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()


def test_words_entities_and_groups_are_made_with_collection_paused(monkeypatch) -> None:
    seen: dict[str, bool] = {}

    def watch(module: object, name: str) -> None:
        real = getattr(module, name)

        def watched(*args, **kwargs):
            seen[name] = gc.isenabled()
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, watched)

    watch(tokenize_module, "spans_word_tokens")
    watch(entities_module, "choose")
    watch(grouping_module, "person_keys")
    document = document_from_text(_TEXT)
    sentences = with_words(document.text, split_sentences(document, with_words=False))
    group_entities(document, extract_entities(document, sentences), sentences)
    assert seen == {"spans_word_tokens": False, "choose": False, "person_keys": False}
    assert gc.isenabled()
