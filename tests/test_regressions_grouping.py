"""Entity groups, roles and figure contexts on mentions given by hand (independent of extraction).

Written where mutation testing showed rules of `entities/grouping.py` that no test pinned down.
"""

from __future__ import annotations

import pytest

from tui.core.entities import group_entities, grouping, roles
from tui.core.model import Entity, Sentence
from tui.core.pipeline import document_from_text
from tui.core.tokenize import split_sentences


def role_of(text: str, mention: Entity, entities: list[Entity]) -> str | None:
    return roles.role_of(text, mention, roles.bodies_of(entities))


def context_of(text: str, mention: Entity, sentences: tuple[Sentence, ...] | list[Sentence]) -> str:
    return grouping.context_of(text, mention, grouping.sentence_index(sentences))


def mention(kind: str, text: str, words: str, nth: int = 0) -> Entity:
    """The ``nth`` occurrence of ``words`` in ``text`` as a mention of ``kind``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Entity(kind, start, start + len(words), words)


# ---------------------------------------------------------------- roles
def test_a_chain_of_titles_after_the_name() -> None:
    text = "Đồng chí Nguyễn Văn An, Ủy viên Ban Thường vụ Tỉnh ủy, Chủ tịch UBND tỉnh Hà Giang phát biểu tại hội nghị."
    person = mention("PER", text, "Nguyễn Văn An")
    bodies = [mention("ORG", text, "Ban Thường vụ Tỉnh ủy"), mention("ORG", text, "UBND tỉnh Hà Giang")]
    assert role_of(text, person, [person, *bodies]) == "Ủy viên Ban Thường vụ Tỉnh ủy, Chủ tịch UBND tỉnh Hà Giang"


def test_a_title_in_brackets_after_the_name() -> None:
    text = "Bà Phạm Thị Hoa (Giám đốc Sở Y tế) cho biết bệnh viện mới sẽ mở cửa."
    person, body = mention("PER", text, "Phạm Thị Hoa"), mention("ORG", text, "Sở Y tế")
    assert role_of(text, person, [person, body]) == "Giám đốc Sở Y tế"


def test_a_title_before_the_name() -> None:
    text = "Phát biểu tại hội nghị, Bộ trưởng Bộ Tài chính Trần Thị Bình cho biết ngân sách tăng."
    person, body = mention("PER", text, "Trần Thị Bình"), mention("ORG", text, "Bộ Tài chính")
    assert role_of(text, person, [person, body]) == "Bộ trưởng Bộ Tài chính"


def test_the_title_after_the_name_comes_first() -> None:
    text = "Giám đốc Công ty Sông Đà Trần Văn Hùng, Phó Bí thư Đảng ủy, cho biết công ty đã hoàn thành kế hoạch."
    person, body = mention("PER", text, "Trần Văn Hùng"), mention("ORG", text, "Công ty Sông Đà")
    assert role_of(text, person, [body, person]) == "Phó Bí thư Đảng ủy"


def test_no_title_no_role_and_no_role_across_lines() -> None:
    plain = "Ông Lê Văn Cường phát biểu tại hội nghị."
    person = mention("PER", plain, "Lê Văn Cường")
    assert role_of(plain, person, [person]) is None
    split = "Chủ tịch nước\nNguyễn Văn Bình đến thăm trường."
    person = mention("PER", split, "Nguyễn Văn Bình")
    assert role_of(split, person, [person]) is None


def test_a_person_group_takes_the_longest_role_of_its_mentions() -> None:
    text = (
        "Bộ trưởng Trần Thị Bình đến thăm trường. Bà Bình, Bộ trưởng Bộ Giáo dục và Đào tạo, tặng quà cho học sinh.\n"
    )
    document = document_from_text("Tiêu đề bài viết về chuyến thăm\n\n" + text)
    body = document.text
    mentions = [
        mention("PER", body, "Trần Thị Bình"),
        mention("ORG", body, "Bộ Giáo dục và Đào tạo"),
        mention("PER", body, "Bình", 1),
    ]
    groups = group_entities(document, mentions)
    person = next(g for g in groups if g.type == "PER")
    assert (person.name, person.count) == ("Trần Thị Bình", 2)
    assert person.role == "Bộ trưởng Bộ Giáo dục và Đào tạo"


# ---------------------------------------------------------------- groups
def test_a_short_name_joins_the_only_full_name_it_ends() -> None:
    text = "Anh Nguyễn Minh Tuấn và chị Lê Thu Hà gặp nhau. Tuấn kể lại, Hà cười. Anh Trần Văn Tuấn không đến."
    document = document_from_text(text)
    mentions = [
        mention("PER", text, "Nguyễn Minh Tuấn"),
        mention("PER", text, "Lê Thu Hà"),
        mention("PER", text, "Tuấn", 1),
        mention("PER", text, "Hà", 1),
        mention("PER", text, "Trần Văn Tuấn"),
    ]
    groups = [(g.name, g.count) for g in group_entities(document, mentions)]
    # "Hà" ends one full name; "Tuấn" ends two, so it stays on its own.
    assert groups == [("Nguyễn Minh Tuấn", 1), ("Lê Thu Hà", 2), ("Tuấn", 1), ("Trần Văn Tuấn", 1)]


def test_groups_are_ordered_by_type_then_first_mention() -> None:
    text = "Ngày 5/3, UBND tỉnh và ông Lê Minh họp ở Đà Nẵng với 20 doanh nghiệp; ông Lê Minh chủ trì."
    document = document_from_text(text)
    mentions = [
        mention("DATE", text, "5/3"),
        mention("ORG", text, "UBND tỉnh"),
        mention("PER", text, "Lê Minh", 1),
        mention("PER", text, "Lê Minh"),
        mention("LOC", text, "Đà Nẵng"),
        mention("NUM", text, "20 doanh nghiệp"),
    ]
    groups = group_entities(document, mentions)
    assert [(g.type, g.name) for g in groups] == [
        ("PER", "Lê Minh"),
        ("ORG", "UBND tỉnh"),
        ("LOC", "Đà Nẵng"),
        ("DATE", "5/3"),
        ("NUM", "20 doanh nghiệp"),
    ]
    assert [m.start for m in groups[0].mentions] == [text.rindex("Lê Minh"), text.index("Lê Minh")]


def test_the_display_name_is_the_fullest_then_most_frequent_then_capitalised() -> None:
    text = "BỘ Y TẾ cho biết. Bộ Y tế  họp. Bộ Y  tế ra thông báo. bộ y tế đồng ý."
    document = document_from_text(text)
    forms = ["BỘ Y TẾ", "Bộ Y tế  ", "Bộ Y  tế", "bộ y tế"]
    starts = [0, text.index("Bộ Y tế"), text.index("Bộ Y  tế"), text.index("bộ y tế")]
    mentions = [Entity("ORG", s, s + len(f.rstrip()), f.rstrip()) for s, f in zip(starts, forms, strict=True)]
    (group,) = group_entities(document, mentions)
    assert group.count == 4
    assert group.name == "Bộ Y tế"  # spacing normalised; two of four write it so, though not the first


def test_a_tie_in_the_display_name_goes_to_the_capitalised_then_the_first() -> None:
    text = "đà nẵng và Đà Nẵng, rồi Đà Nẵng và ĐÀ NẴNG."
    document = document_from_text(text)
    lower, upper = mention("LOC", text, "đà nẵng"), mention("LOC", text, "ĐÀ NẴNG")
    (group,) = group_entities(document, [lower, upper])
    assert group.name == "ĐÀ NẴNG"
    (group,) = group_entities(document, [mention("LOC", text, "Đà Nẵng"), upper])
    assert group.name == "Đà Nẵng"


# ---------------------------------------------------------------- figure contexts
def test_a_figure_context_is_its_clause_between_semicolons() -> None:
    text = "Năm nay tỉnh trồng mới 500 ha rừng; diện tích lúa giảm 200 ha, năng suất tăng nhẹ; giá bán ổn định."
    assert context_of(text, mention("NUM", text, "500 ha"), ()) == "Năm nay tỉnh trồng mới 500 ha rừng"
    assert context_of(text, mention("NUM", text, "200 ha"), ()) == "diện tích lúa giảm 200 ha, năng suất tăng nhẹ"


def test_a_long_sentence_is_narrowed_to_the_comma_pieces_around_the_figure() -> None:
    text = (
        "Theo báo cáo của sở, trong năm qua toàn tỉnh đã xây mới nhiều trường học, sửa chữa các tuyến đường "
        "liên xã, nâng cấp hệ thống thủy lợi cho các huyện vùng cao, hỗ trợ hơn 1.200 hộ nghèo xây nhà ở kiên "
        "cố, đào tạo nghề cho lao động nông thôn, mở rộng mạng lưới y tế cơ sở và cải thiện đời sống của người "
        "dân trong vùng."
    )
    context = context_of(text, mention("NUM", text, "1.200 hộ"), ())
    assert context == (
        "nâng cấp hệ thống thủy lợi cho các huyện vùng cao, hỗ trợ hơn 1.200 hộ nghèo xây nhà ở kiên cố, "
        "đào tạo nghề cho lao động nông thôn, mở rộng mạng lưới y tế cơ sở và cải thiện đời sống của người "
        "dân trong vùng."
    )
    assert len(context) <= 220


def test_a_figure_context_is_its_sentence_when_sentences_are_known() -> None:
    document = document_from_text("Tiêu đề bài\n\nHôm qua xã có 5 người bị thương. Hôm nay thêm 7 người nhập viện.\n")
    text = document.text
    sentences = split_sentences(document, with_words=False)
    figure = mention("NUM", text, "7 người")
    assert context_of(text, figure, sentences) == "Hôm nay thêm 7 người nhập viện."
    # Without sentences, the line the figure stands on.
    assert context_of(text, figure, ()) == "Hôm qua xã có 5 người bị thương. Hôm nay thêm 7 người nhập viện."
    (group,) = group_entities(document, [figure], sentences)
    assert group.context == "Hôm nay thêm 7 người nhập viện."


def test_a_figure_on_the_last_line_without_a_newline() -> None:
    text = "Dòng đầu.\n  Có 3 xe bị hỏng -"
    assert context_of(text, mention("NUM", text, "3 xe"), ()) == "Có 3 xe bị hỏng"


def test_titles_before_the_name_separated_by_commas() -> None:
    text = "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Lê Văn Tám phát biểu."
    person = mention("PER", text, "Lê Văn Tám")
    bodies = [mention("ORG", text, "Tỉnh ủy"), mention("ORG", text, "HĐND tỉnh")]
    assert role_of(text, person, [person, *bodies]) == "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"


def test_a_title_before_the_name_mid_sentence() -> None:
    text = "Hội nghị có sự tham dự của Thứ trưởng Bộ Công Thương Đỗ Thắng Hải."
    person, body = mention("PER", text, "Đỗ Thắng Hải"), mention("ORG", text, "Bộ Công Thương")
    assert role_of(text, person, [person, body]) == "Thứ trưởng Bộ Công Thương"


@pytest.mark.parametrize(
    ("text", "body", "role"),
    [
        ("Đồng chí Trần Văn Nam - Phó Chủ tịch UBND tỉnh cho biết.", "UBND tỉnh", "Phó Chủ tịch UBND tỉnh"),
        ("Ông Trần Văn Nam, Giám đốc Công ty ABC, và bà Lê Thị Hoa đến.", "Công ty ABC", "Giám đốc Công ty ABC"),
        # "kiêm" is not a title: the chain stops before it.
        ("Ông Trần Văn Nam, Giám đốc Sở Y tế kiêm Chủ tịch Hội Điều dưỡng, phát biểu.", "Sở Y tế", "Giám đốc Sở Y tế"),
    ],
)
def test_where_a_title_after_the_name_ends(text: str, body: str, role: str) -> None:
    person = mention("PER", text, "Trần Văn Nam")
    assert role_of(text, person, [person, mention("ORG", text, body)]) == role


def test_a_title_before_a_name_with_academic_titles_after() -> None:
    text = "GS.TS Nguyễn Văn Hai, Hiệu trưởng Trường Đại học Bách khoa, cho biết."
    person, body = mention("PER", text, "Nguyễn Văn Hai"), mention("ORG", text, "Trường Đại học Bách khoa")
    assert role_of(text, person, [person, body]) == "Hiệu trưởng Trường Đại học Bách khoa"


@pytest.mark.parametrize(("figure", "line"), [("1 xe", 0), ("2 xe", 1), ("3 xe", 2)])
def test_without_sentences_a_figure_context_is_its_own_line(figure: str, line: int) -> None:
    text = "Dòng một có 1 xe.\nDòng hai có 2 xe hỏng.\nDòng ba có 3 xe."
    assert context_of(text, mention("NUM", text, figure), ()) == text.splitlines()[line]


def test_a_clause_is_cut_at_the_nearest_semicolons() -> None:
    text = "Giá giảm; xăng tăng; có 3 xe hỏng; hết."
    assert context_of(text, mention("NUM", text, "3 xe"), ()) == "có 3 xe hỏng"
    glued = "Giá giảm 2%;5 người bị thương trong vụ việc."
    assert context_of(glued, mention("NUM", glued, "5 người"), ()) == "5 người bị thương trong vụ việc."


def test_semicolons_of_other_sentences_do_not_narrow_the_context() -> None:
    document = document_from_text(
        "Tiêu đề bài\n\nHôm qua giá giảm; xăng tăng mạnh. Có 3 xe hỏng trên đường. Sau đó; mọi thứ ổn định lại.\n"
    )
    sentences = split_sentences(document, with_words=False)
    figure = mention("NUM", document.text, "3 xe")
    assert context_of(document.text, figure, sentences) == "Có 3 xe hỏng trên đường."


def test_a_figure_that_opens_its_sentence() -> None:
    document = document_from_text(
        "Tiêu đề bài\n\n5 người bị thương trong vụ tai nạn. Hôm nay thêm 7 người nhập viện.\n"
    )
    sentences = split_sentences(document, with_words=False)
    figure = mention("NUM", document.text, "5 người")
    assert context_of(document.text, figure, sentences) == "5 người bị thương trong vụ tai nạn."


def test_a_title_after_the_name_stops_at_the_end_of_its_line() -> None:
    text = "Ông Trần Văn Nam, Giám đốc Sở Y tế,\nChủ tịch Hội Nông dân tỉnh phát biểu.\nHết."
    person = mention("PER", text, "Trần Văn Nam")
    bodies = [mention("ORG", text, "Sở Y tế"), mention("ORG", text, "Hội Nông dân tỉnh")]
    assert role_of(text, person, [person, *bodies]) == "Giám đốc Sở Y tế"


def test_a_title_chain_runs_through_places_and_lowercase_titles() -> None:
    text = "Bà Lê Thị Hoa, Giám đốc Sở Y tế tỉnh Lào Cai, phát biểu."
    person = mention("PER", text, "Lê Thị Hoa")
    found = [person, mention("ORG", text, "Sở Y tế"), mention("LOC", text, "tỉnh Lào Cai")]
    assert role_of(text, person, found) == "Giám đốc Sở Y tế tỉnh Lào Cai"
    text = "Ông Trần Văn Nam, Giám đốc Sở Tài chính phó giám đốc Sở Y tế, phát biểu."
    person = mention("PER", text, "Trần Văn Nam")
    found = [person, mention("ORG", text, "Sở Tài chính"), mention("ORG", text, "Sở Y tế")]
    assert role_of(text, person, found) == "Giám đốc Sở Tài chính phó giám đốc Sở Y tế"


def test_the_longest_role_wins_not_the_last_in_the_alphabet() -> None:
    text = (
        "Tiêu đề bài viết về chuyến thăm\n\n"
        "Thứ trưởng Trần Văn Nam đến thăm trường. "
        "Ông Nam, Chủ tịch Hội đồng Giáo dục quốc gia, tặng quà cho học sinh.\n"
    )
    document = document_from_text(text)
    mentions = [
        mention("PER", text, "Trần Văn Nam"),
        mention("ORG", text, "Hội đồng Giáo dục quốc gia"),
        mention("PER", text, "Nam", 1),
    ]
    person = next(g for g in group_entities(document, mentions) if g.type == "PER")
    assert person.role == "Chủ tịch Hội đồng Giáo dục quốc gia"


def test_a_type_the_panels_do_not_know_comes_last() -> None:
    text = "Ông Lê Minh dùng phần mềm Zalo ở Hà Nội."
    document = document_from_text(text)
    mentions = [mention("MISC", text, "Zalo"), mention("LOC", text, "Hà Nội"), mention("PER", text, "Lê Minh")]
    assert [g.type for g in group_entities(document, mentions)] == ["PER", "LOC", "MISC"]
