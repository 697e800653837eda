"""The corpus's entities and figures: merging across articles, roles by date, search, values."""

from __future__ import annotations

import datetime as dt

import pytest
from corpus_fixtures import article

from tui.core.corpus import Role, articles_naming, corpus_entities, mentions_in, named, search
from tui.core.figures import corpus_figures, parse_figure

D1, D2 = dt.date(2023, 3, 1), dt.date(2023, 9, 15)


def _two_reports():
    first = article(
        "a/hoi-nghi.txt",
        "Đồng chí Trương Thị Mai, Ủy viên Bộ Chính trị dự hội nghị. Đồng chí Mai phát biểu tại Tỉnh ủy Bắc Ninh.",
        [("PER", ("Trương Thị Mai", "Mai"), "Ủy viên Bộ Chính trị"), ("ORG", ("Tỉnh ủy Bắc Ninh",), None)],
        date=D2,
    )
    second = article(
        "b/tiep-xuc.txt",
        "Bà Mai, Trưởng Ban Tổ chức Trung ương tiếp xúc cử tri. Cử tri tỉnh ủy  bắc ninh kiến nghị nhiều việc.",
        [("PER", ("Mai",), "Trưởng Ban Tổ chức Trung ương"), ("ORG", ("tỉnh ủy  bắc ninh",), None)],
        date=D1,
    )
    return [("a/hoi-nghi.txt", first), ("b/tiep-xuc.txt", second)]


def _by_name(rows, name):
    return next(r for r in rows if r.name == name)


def test_one_row_per_entity_across_articles_with_counts_and_paths() -> None:
    rows = corpus_entities(_two_reports())
    mai = _by_name(rows, "Trương Thị Mai")
    assert (mai.type, mai.articles, mai.mentions) == ("PER", 2, 3)
    assert mai.paths == ("a/hoi-nghi.txt", "b/tiep-xuc.txt")
    org = _by_name(rows, "Tỉnh ủy Bắc Ninh")  # case and spacing differ in the second article
    assert (org.articles, org.mentions) == (2, 2)
    assert len(rows) == 2


def test_roles_as_each_article_states_them_by_date() -> None:
    mai = _by_name(corpus_entities(_two_reports()), "Trương Thị Mai")
    assert mai.roles == (
        Role("Trưởng Ban Tổ chức Trung ương", "b/tiep-xuc.txt", D1),
        Role("Ủy viên Bộ Chính trị", "a/hoi-nghi.txt", D2),
    )
    assert mai.names_in("b/tiep-xuc.txt") == ("Mai",)


def test_the_mentions_of_a_corpus_entity_in_one_article() -> None:
    items = _two_reports()
    mai = _by_name(corpus_entities(items), "Trương Thị Mai")
    path, analysis = items[1]
    assert [(m.type, m.text) for m in mentions_in(mai, path, analysis)] == [("PER", "Mai")]
    assert len(mentions_in(mai, *items[0])) == 2
    org = _by_name(corpus_entities(items), "Tỉnh ủy Bắc Ninh")
    assert mentions_in(org, "elsewhere.txt", analysis) == ()


def test_a_short_name_stays_apart_when_two_full_names_end_with_it() -> None:
    items = _two_reports()
    items.append(
        (
            "c.txt",
            article("c.txt", "Ông Nguyễn Thị Mai dự họp.", [("PER", ("Nguyễn Thị Mai",), None)]),
        )
    )
    names = {r.name for r in corpus_entities(items) if r.type == "PER"}
    assert names == {"Trương Thị Mai", "Nguyễn Thị Mai", "Mai"}


def test_same_name_different_types_are_different_entities() -> None:
    items = [
        ("a.txt", article("a.txt", "Hà Nam phát triển.", [("LOC", ("Hà Nam",), None)])),
        ("b.txt", article("b.txt", "Ông Hà Nam phát biểu.", [("PER", ("Hà Nam",), None)])),
    ]
    assert sorted(r.type for r in corpus_entities(items)) == ["LOC", "PER"]
    assert [r.type for r in corpus_entities(items, types={"LOC"})] == ["LOC"]


def test_places_merge_with_and_without_their_level_word() -> None:
    items = [
        ("a.txt", article("a.txt", "Về tỉnh Thái Nguyên công tác.", [("LOC", ("tỉnh Thái Nguyên",), None)])),
        ("b.txt", article("b.txt", "Thái Nguyên mưa lớn.", [("LOC", ("Thái Nguyên",), None)])),
    ]
    rows = corpus_entities(items)
    assert len(rows) == 1 and rows[0].articles == 2


def test_rows_are_ordered_by_articles_then_mentions() -> None:
    rows = corpus_entities(_two_reports())
    assert [r.name for r in rows] == ["Trương Thị Mai", "Tỉnh ủy Bắc Ninh"]


def test_articles_without_entities_add_nothing() -> None:
    bare = article("x.txt", "Không có gì.", [])
    assert corpus_entities([("x.txt", bare.__class__(bare.document, bare.sentences, {}, None, None))]) == []


@pytest.mark.parametrize("query", ["truong thi mai", "Trương Thị Mai", "thi mai", "MAI", "mai truong"])
def test_search_with_or_without_diacritics(query: str) -> None:
    assert [r.name for r in search(corpus_entities(_two_reports()), query)] == ["Trương Thị Mai"]


def test_search_ranks_exact_before_partial() -> None:
    items = [
        ("a.txt", article("a.txt", "Huyện Gia Lâm và Gia Lai.", [("LOC", ("Gia Lâm",), None)])),
        ("b.txt", article("b.txt", "Tỉnh Gia Lai.", [("LOC", ("Gia Lai",), None)])),
        ("c.txt", article("c.txt", "Tỉnh Gia Lai mưa.", [("LOC", ("Gia Lai",), None)])),
    ]
    rows = corpus_entities(items)
    assert [r.name for r in search(rows, "gia lam")] == ["Gia Lâm"]
    assert [r.name for r in search(rows, "gia")] == ["Gia Lai", "Gia Lâm"]
    assert search(rows, "") == [] and search(rows, "hue") == []
    assert [r.name for r in named(rows, "gia la")] == ["Gia Lai", "Gia Lâm"]
    assert articles_naming(rows, "Gia Lâm") == {"a.txt"}


# ---------------------------------------------------------------- figures
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,5 triệu đồng", (2_500_000.0, "đồng", "")),
        ("1.234,5 tấn hàng", (1234.5, "tấn", "hàng")),
        ("15%", (15.0, "%", "")),
        ("102% kế hoạch", (102.0, "%", "kế hoạch")),
        ("2.053 đảng viên", (2053.0, "", "đảng viên")),
        ("15ha lúa", (15.0, "ha", "lúa")),
        ("3/5 xã", (3.0, "/5", "xã")),
        ("0,1-0,2%", (None, "%", "")),
        ("1.200 tỷ đồng vốn", (1.2e12, "đồng", "vốn")),
        ("50 nhân dân tệ", (50.0, "nhân dân tệ", "")),
        ("48 đồng chí", (48.0, "", "đồng chí")),  # a word that starts like a unit is no unit
        ("15 triệu đồng cho mỗi hộ", (15_000_000.0, "đồng", "cho mỗi hộ")),
        ("400 triệu đồng tiền mặt", (400_000_000.0, "đồng", "tiền mặt")),  # after a multiplier: money
        ("không số", (None, "", "")),
    ],
)
def test_parse_figure(text: str, expected: tuple) -> None:
    assert parse_figure(text) == expected


def test_every_figure_with_its_clause_article_and_date() -> None:
    body = "Năm nay kết nạp 120 đảng viên. Thu ngân sách đạt 2,5 triệu đồng, bằng 102% kế hoạch. Kết nạp 120 đảng viên."
    spec = [("NUM", ("120 đảng viên", "120 đảng viên"), None), ("NUM", ("2,5 triệu đồng",), None)]
    spec.append(("NUM", ("102% kế hoạch",), None))
    rows = corpus_figures([("r.txt", article("r.txt", body, spec, date=D1))])
    assert [(f.text, f.value, f.unit, f.counts) for f in rows] == [
        ("120 đảng viên", 120.0, "", "đảng viên"),
        ("2,5 triệu đồng", 2_500_000.0, "đồng", ""),
        ("102% kế hoạch", 102.0, "%", "kế hoạch"),
        ("120 đảng viên", 120.0, "", "đảng viên"),
    ]
    assert rows[0].clause == "Năm nay kết nạp 120 đảng viên."
    assert rows[3].clause == "Kết nạp 120 đảng viên."
    assert {(f.path, f.date) for f in rows} == {("r.txt", D1)}
    assert body[rows[1].start : rows[1].end] == "2,5 triệu đồng"


def test_a_person_is_shown_by_the_full_name_though_more_articles_write_a_short_one() -> None:
    items = [(f"{n}.txt", article(f"{n}.txt", "Văn Toàn ghi bàn.", [("PER", ("Văn Toàn",), None)])) for n in range(3)]
    items.append(("x.txt", article("x.txt", "Nguyễn Văn Toàn ghi bàn.", [("PER", ("Nguyễn Văn Toàn",), None)])))
    rows = corpus_entities(items)
    assert [(r.name, r.articles) for r in rows] == [("Nguyễn Văn Toàn", 4)]


def test_collection_is_back_on_after_a_table_even_when_it_fails() -> None:
    import gc

    corpus_entities(_two_reports())
    assert gc.isenabled()
    with pytest.raises(AttributeError):
        corpus_figures([("x.txt", None)])  # type: ignore[list-item]
    assert gc.isenabled()
