"""What an article groups before the corpus merges: a person with and without title, a resolution's
short form. Made-up report sentences, through the real extraction."""

from __future__ import annotations

from tui.core.clean import clean
from tui.core.entities import extract_entities, group_entities
from tui.core.entities.grouping import entity_key, person_keys
from tui.core.model import Entity
from tui.core.pipeline import document_from_text
from tui.core.tokenize import split_sentences

_REPORT = (
    "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ mười\n\n"
    "Đồng chí Trương Thị Mai, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư dự và chỉ đạo hội nghị. "
    "Phát biểu tại hội nghị, đồng chí Mai đề nghị các cấp ủy tiếp tục quán triệt Nghị quyết số 01-NQ/TU "
    "của Tỉnh ủy. Theo báo cáo, việc triển khai Nghị quyết 01 đã đạt nhiều kết quả quan trọng.\n"
)


def _groups(text: str):
    document = clean("report.txt", text)
    sentences = split_sentences(document)
    return group_entities(document, extract_entities(document, sentences), sentences)


def test_a_person_with_title_and_the_short_form_after_it_are_one_group() -> None:
    people = [g for g in _groups(_REPORT) if g.type == "PER"]
    assert [(g.name, [m.text for m in g.mentions]) for g in people] == [("Trương Thị Mai", ["Trương Thị Mai", "Mai"])]
    assert people[0].role == "Ủy viên Bộ Chính trị, Thường trực Ban Bí thư"


def test_a_resolution_by_number_alone_joins_the_one_written_with_its_symbol() -> None:
    docs = [g for g in _groups(_REPORT) if g.type == "DOC"]
    assert [(g.name, g.count) for g in docs] == [("Nghị quyết số 01-NQ/TU", 2)]


def _doc_groups(names: list[str]) -> list[tuple[str, int]]:
    text = " và ".join(names) + "."
    document = document_from_text(text, "x.txt")
    mentions, at = [], 0
    for name in names:
        start = text.index(name, at)
        mentions.append(Entity("DOC", start, start + len(name), name))
        at = start + len(name)
    return [(g.name, g.count) for g in group_entities(document, mentions)]


def test_a_short_document_form_stays_apart_when_two_symbols_share_its_number() -> None:
    names = ["Nghị quyết số 01-NQ/TU", "Nghị quyết số 01-NQ/HĐND", "Nghị quyết 01"]
    assert sorted(_doc_groups(names)) == sorted((n, 1) for n in names)


def test_a_short_document_form_joins_only_the_same_kind_and_number() -> None:
    assert sorted(_doc_groups(["Chỉ thị 05-CT/TW", "Nghị quyết 05", "Chỉ thị số 5"])) == [
        ("Chỉ thị 05-CT/TW", 2),
        ("Nghị quyết 05", 1),
    ]


def test_keys_fold_case_spacing_and_place_level_words() -> None:
    assert entity_key("ORG", "Tỉnh  ủy Bắc\u00a0Ninh") == entity_key("ORG", "tỉnh ủy bắc ninh")
    assert entity_key("LOC", "tỉnh Thái Nguyên") == entity_key("LOC", "Thái Nguyên")
    assert person_keys(["trương thị mai", "thị mai", "mai", "lê văn an"]) == {
        "trương thị mai": "trương thị mai",
        "thị mai": "trương thị mai",
        "mai": "trương thị mai",
        "lê văn an": "lê văn an",
    }
