"""The `entities --format json` line, written in parts: one JSON object, whatever the batch size."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tui.core import export
from tui.core.model import Analysis, Document, Entity, EntityGroup
from tui.core.safe_text import json_line

TEXT = "Ông Nguyễn Văn An\x1b[31m đến Hà Nội ngày 5/3, gặp bà Lê Thị Hoa ở Hà Nội.\u202e"


def _analysis(entities: int) -> Analysis:
    found = tuple(Entity("LOC", 31, 37, "Hà Nội") for _ in range(entities))
    groups = tuple(EntityGroup("LOC", f"Hà Nội {n}", found[: n + 1], role=None) for n in range(entities))
    document = Document(path="bài\x07.txt", text=TEXT, encoding="utf-8", notes=("đọc bằng OCR",))
    return Analysis(document, (), {}, entities=found, groups=groups)


@pytest.mark.parametrize("entities", [0, 1, 5])
@pytest.mark.parametrize("batch", [1, 2, 1_000])
def test_the_parts_join_into_one_line_of_json_with_every_entity(entities: int, batch: int) -> None:
    analysis = _analysis(entities)
    line = "".join(export.entities_json_parts(analysis, batch))
    value = json.loads(line)
    assert list(value) == ["path", "format", "metadata", "headings", "text", "entities", "groups", "notes"]
    assert value["text"] == TEXT and value["path"] == "bài\x07.txt" and value["notes"] == ["đọc bằng OCR"]
    assert value["entities"] == [{"type": "LOC", "start": 31, "end": 37, "text": "Hà Nội"}] * entities
    assert [len(g["mentions"]) for g in value["groups"]] == list(range(1, entities + 1))
    # written as the rest of the command line's JSON: nothing a terminal acts on, one line
    assert line == json_line(value)
    assert "\x1b" not in line and "\x07" not in line and "\n" not in line


def test_an_analysis_without_entities_gives_empty_lists() -> None:
    value = json.loads("".join(export.entities_json_parts(replace(_analysis(0), entities=None, groups=None))))
    assert value["entities"] == [] and value["groups"] == []
