"""Entity rules on made-up sentences in the style of Party/government reports and news.

None of these sentences come from the evaluation samples or the benchmark corpus.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from tui.core.clean import clean
from tui.core.entities import extract_entities, group_entities
from tui.core.tokenize import split_sentences

# A headline and a lead-in keep the cleaner from treating a short body as the headline.
_HEAD = "Tin hoạt động trong tuần\n\n"


def _run(body: str):
    text = _HEAD + body + "\n"
    document = clean("example.txt", text)
    sentences = split_sentences(document)
    return document, sentences, extract_entities(document, sentences)


def ents(body: str) -> list[tuple[str, str]]:
    return [(e.type, e.text) for e in _run(body)[2]]


def of_type(body: str, kind: str) -> list[str]:
    return [t for k, t in ents(body) if k == kind]


# ---------------------------------------------------------------- DATE
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Sáng 15/3, hội nghị sơ kết công tác quý I được tổ chức tại hội trường lớn của huyện.", ["15/3"]),
        (
            "Hội nghị được tổ chức vào ngày 20-11-2019 với sự tham dự của nhiều đại biểu trong tỉnh.",
            ["ngày 20-11-2019"],
        ),
        ("Năm 2019, kinh tế của địa phương tiếp tục tăng trưởng khá so với cùng kỳ năm trước.", ["Năm 2019"]),
        (
            "Đại hội nhiệm kỳ 2015 - 2020 và 2020 - 2025 đều thành công tốt đẹp theo đánh giá chung.",
            ["nhiệm kỳ 2015 - 2020", "2020 - 2025"],
        ),
        ("Ông từng là Ủy viên Trung ương Đảng khóa IX, X, XI và nhiều lần được khen thưởng.", ["khóa IX", "X", "XI"]),
        ("Từ cuối tháng 3/2019 đến nay, công trình đã được đưa vào sử dụng rất hiệu quả.", ["tháng 3/2019"]),
        ("Từ 1995 đến nay, hợp tác xã luôn hoạt động ổn định và có lãi đều đặn hằng năm.", ["1995"]),
        (
            "Trong 6 tháng đầu năm 2023, toàn tỉnh thu hút thêm nhiều dự án đầu tư mới quan trọng.",
            ["6 tháng đầu năm 2023"],
        ),
    ],
)
def test_dates(body: str, expected: list[str]) -> None:
    assert of_type(body, "DATE") == expected


def test_durations_ordinals_and_clock_times_are_not_dates() -> None:
    body = "Sau 15 năm xây dựng, Đại hội lần thứ XII khai mạc lúc 8h30 và kéo dài trong 3 ngày liền."
    assert of_type(body, "DATE") == []


def test_a_fraction_without_a_date_cue_is_a_figure() -> None:
    body = "Đến nay đã có 7/12 xã đạt chuẩn nông thôn mới, vượt kế hoạch đề ra của huyện."
    assert of_type(body, "DATE") == []
    assert of_type(body, "NUM") == ["7/12 xã"]


# ---------------------------------------------------------------- DOC
@pytest.mark.parametrize(
    ("body", "docs"),
    [
        (
            "Các cấp ủy quán triệt Nghị quyết số 15-NQ/TW của Bộ Chính trị về công tác cán bộ.",
            ["Nghị quyết số 15-NQ/TW"],
        ),
        ("Huyện tiếp tục thực hiện Chỉ thị 12 của Tỉnh ủy về công tác phòng chống thiên tai.", ["Chỉ thị 12"]),
        (
            "Toàn Đảng bộ tiếp tục thực hiện Nghị quyết Trung ương 8 (khóa XIII) về bảo vệ Tổ quốc.",
            ["Nghị quyết Trung ương 8 (khóa XIII)"],
        ),
        (
            "Việc xử phạt được thực hiện theo Nghị định 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ.",
            ["Nghị định 100/2019/NĐ-CP"],
        ),
        ("Mọi hoạt động đều phải tuân thủ Hiến pháp năm 2013 và các luật có liên quan khác.", ["Hiến pháp"]),
        ("Đơn vị đã rà soát, sửa đổi Quy chế làm việc của Ban chấp hành trong năm nay.", []),
        (
            "Cán bộ tích cực học tập, quán triệt Nghị quyết Đại hội Đảng bộ huyện lần thứ XXV trong toàn huyện.",
            ["Nghị quyết Đại hội Đảng bộ huyện lần thứ XXV"],
        ),
    ],
)
def test_documents(body: str, docs: list[str]) -> None:
    assert of_type(body, "DOC") == docs


def test_a_term_after_the_issuer_is_a_date_of_its_own() -> None:
    body = "Thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị khóa XII, huyện đã có nhiều mô hình hay."
    assert ents(body)[:3] == [("DOC", "Chỉ thị 05-CT/TW"), ("ORG", "Bộ Chính trị"), ("DATE", "khóa XII")]


# ---------------------------------------------------------------- NUM
@pytest.mark.parametrize(
    ("body", "figures"),
    [
        ("Trong năm, các chi bộ đã kết nạp 1.245 đảng viên mới, vượt chỉ tiêu được giao.", ["1.245 đảng viên"]),
        ("Thu ngân sách trên địa bàn đạt 95% kế hoạch, tăng mạnh so với cùng kỳ.", ["95% kế hoạch"]),
        ("Bà con nông dân đã thu hoạch xong 320 ha lúa, đạt năng suất khá cao.", ["320 ha lúa"]),
        ("Quỹ đã hỗ trợ 50 triệu đồng cho mỗi gia đình bị thiệt hại nặng do lũ.", ["50 triệu đồng"]),
        ("Ông năm nay 62 tuổi và đã có hơn 40 năm gắn bó với nghề dạy học.", []),
        ("Theo điều 3 của quy định, thôn số 5 được tách làm hai thôn mới trong năm.", []),
        ("Nhiệm vụ trọng tâm gồm: (1) tăng cường kiểm tra; (2) đẩy mạnh tuyên truyền.", []),
        ("Kết quả bỏ phiếu đạt 57/57 (100%) đại biểu tán thành.", ["57/57", "100%"]),
    ],
)
def test_figures(body: str, figures: list[str]) -> None:
    assert of_type(body, "NUM") == figures


# ---------------------------------------------------------------- ORG
@pytest.mark.parametrize(
    ("body", "orgs"),
    [
        (
            "Sở Tài nguyên và Môi trường tỉnh Nghệ An tổ chức hội nghị tập huấn cho cán bộ cơ sở.",
            ["Sở Tài nguyên và Môi trường tỉnh Nghệ An"],
        ),
        (
            "Ban Tuyên giáo Trung ương tổ chức hội nghị báo cáo viên toàn quốc trong tháng này.",
            ["Ban Tuyên giáo Trung ương"],
        ),
        ("Đoàn công tác đã làm việc với HĐND huyện về kết quả giám sát chuyên đề năm nay.", ["HĐND huyện"]),
        ("Đại biểu HĐND các cấp cần tăng cường tiếp xúc cử tri, lắng nghe ý kiến của Nhân dân.", []),
        ("Các cấp ủy tiếp tục đẩy mạnh công tác xây dựng Đảng và hệ thống chính trị vững mạnh.", []),
        ("Ông hiện là Phó trưởng ban Dân vận Tỉnh ủy, phụ trách công tác dân tộc, tôn giáo.", ["ban Dân vận Tỉnh ủy"]),
        (
            "Thường trực, Ban Thường vụ Huyện ủy đã nghe báo cáo tình hình thực hiện nhiệm vụ.",
            ["Thường trực", "Ban Thường vụ Huyện ủy"],
        ),
    ],
)
def test_organisations(body: str, orgs: list[str]) -> None:
    assert of_type(body, "ORG") == orgs


def test_a_title_org_place_name_chain_splits_into_org_and_person() -> None:
    body = "Phát biểu chỉ đạo, Bí thư Thành ủy Đà Nẵng Nguyễn Văn Quảng đề nghị các cấp nỗ lực hơn nữa."
    assert ents(body) == [("ORG", "Thành ủy Đà Nẵng"), ("PER", "Nguyễn Văn Quảng")]


def test_an_organisation_stops_before_a_lowercase_verb() -> None:
    body = "Ban Tổ chức Huyện ủy tổ chức hội nghị tổng kết công tác năm 2022 vào cuối tuần."
    assert ("ORG", "Ban Tổ chức Huyện ủy") in ents(body)


# ---------------------------------------------------------------- LOC
def test_level_words_stay_in_place_names() -> None:
    body = "Đoàn đã đến thăm xã Tân Lập, huyện Đồng Hỷ và một số hộ nghèo ở thôn 6."
    assert of_type(body, "LOC") == ["xã Tân Lập", "huyện Đồng Hỷ", "thôn 6"]


def test_city_abbreviations_roads_and_bare_provinces() -> None:
    body = "Đoàn xe xuất phát từ TP.HCM theo đường Lê Duẩn, qua Quảng Nam, Quảng Ngãi rồi ra quận 3."
    assert of_type(body, "LOC") == ["TP.HCM", "đường Lê Duẩn", "Quảng Nam", "Quảng Ngãi", "quận 3"]
    assert of_type(body, "PER") == []


def test_a_level_word_alone_is_not_a_place() -> None:
    assert of_type("Toàn tỉnh hiện có hàng trăm mô hình kinh tế hiệu quả ở các huyện.", "LOC") == []


def test_an_ocean_is_not_a_person() -> None:
    body = "Cơn bão hình thành trên vùng biển Thái Bình Dương và đang di chuyển về phía tây."
    assert of_type(body, "PER") == []


# ---------------------------------------------------------------- PER
def test_titles_and_honorifics_are_left_out_of_names() -> None:
    body = "Tham dự có đồng chí Lê Minh Hưng, Chánh Văn phòng Trung ương Đảng và TS Nguyễn Văn Bình."
    assert of_type(body, "PER") == ["Lê Minh Hưng", "Nguyễn Văn Bình"]


def test_a_given_name_after_an_honorific_counts() -> None:
    assert of_type("Theo lời kể của bà Lan, ngôi nhà bị sập vào lúc nửa đêm hôm trước.", "PER") == ["Lan"]


def test_byline_and_photo_credit() -> None:
    text = (
        _HEAD + "Người dân phấn khởi đón nhận công trình mới được khánh thành sau nhiều năm chờ đợi.\n\n"
        "Lễ khánh thành cầu mới (Ảnh: Quang Vinh)\n\nMinh Châu\n"
    )
    document = clean("example.txt", text)
    found = [(e.type, e.text) for e in extract_entities(document, split_sentences(document))]
    assert ("PER", "Quang Vinh") in found
    assert ("PER", "Minh Châu") in found


# ---------------------------------------------------------------- offsets
def test_offsets_slice_the_text_sorted_and_disjoint() -> None:
    body = (
        "Sáng\xa012/4, Ban Thường vụ Tỉnh\xa0ủy Gia Lai họp, ông Trần Văn Hải dự; tỉnh Gia Lai "
        "đã trồng 1.200 ha cà phê theo Đề án số 03-ĐA/TU."
    )
    document, _, entities = _run(body)
    assert entities, "expected entities"
    for e in entities:
        assert document.text[e.start : e.end] == e.text
        assert e.text == e.text.strip()
    assert all(a.end <= b.start for a, b in pairwise(entities))


# ---------------------------------------------------------------- grouping
def test_groups_join_short_names_and_places_with_their_level_word() -> None:
    body = (
        "Ông Trần Văn Hải, Chủ tịch UBND tỉnh Gia Lai, kiểm tra tiến độ dự án. "
        "Theo ông Hải, Gia Lai sẽ hoàn thành 320 km đường giao thông nông thôn trong năm nay."
    )
    document, sentences, entities = _run(body)
    groups = {(g.type, g.name): g for g in group_entities(document, entities, sentences)}
    person = groups[("PER", "Trần Văn Hải")]
    assert person.count == 2
    assert person.role == "Chủ tịch UBND tỉnh Gia Lai"
    places = [g for g in groups.values() if g.type == "LOC"]
    assert [g.count for g in places] == [1]  # "tỉnh Gia Lai" sits inside the ORG; the bare one is the only LOC
    figure = groups[("NUM", "320 km đường giao thông nông thôn")]
    assert figure.context is not None and "Gia Lai sẽ hoàn thành 320 km" in figure.context


def test_role_written_before_the_name() -> None:
    body = "Phát biểu tại buổi làm việc, Bộ trưởng Bộ Y tế Nguyễn Thanh Long đề nghị địa phương chủ động hơn."
    document, sentences, entities = _run(body)
    person = next(g for g in group_entities(document, entities, sentences) if g.type == "PER")
    assert person.name == "Nguyễn Thanh Long"
    assert person.role == "Bộ trưởng Bộ Y tế"


def test_party_and_state_bodies_with_levels_settlements_and_patron_names() -> None:
    assert of_type("Đồng chí Nguyễn Văn Thành, Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh, dự.", "ORG") == [
        "Học viện Chính trị quốc gia Hồ Chí Minh"
    ]
    assert of_type("Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị; Chi bộ thôn Đông Hòa họp thường kỳ.", "ORG") == [
        "Đảng ủy Khối các cơ quan tỉnh",
        "Chi bộ thôn Đông Hòa",
    ]
    assert of_type("Đoàn đại biểu Quốc hội tỉnh Quảng Trị tiếp xúc cử tri; Sở Y tế tỉnh báo cáo tình hình.", "ORG") == [
        "Đoàn đại biểu Quốc hội tỉnh Quảng Trị",
        "Sở Y tế tỉnh",
    ]


def test_thuong_truc_after_a_title_belongs_to_the_title_and_dang_uy_is_an_elliptic_head() -> None:
    body = "Dự có Phó Bí thư Thường trực Tỉnh ủy Lê Văn Hiệu và ông Trần Văn Nam, Bí thư Đảng ủy, Giám đốc Công ty Than Hà Lầm."  # noqa: E501
    assert of_type(body, "ORG") == ["Tỉnh ủy", "Đảng ủy", "Công ty Than Hà Lầm"]
    assert of_type(body, "PER") == ["Lê Văn Hiệu", "Trần Văn Nam"]


# ---------------------------------------------------------------- ORG names beyond capitalised words
@pytest.mark.parametrize(
    ("body", "orgs"),
    [
        # acronyms joined by - or & stay one name, with the place after them
        ("Sở GD-ĐT Lạng Sơn vừa ban hành hướng dẫn tuyển sinh cho năm học mới.", ["Sở GD-ĐT Lạng Sơn"]),
        ("Đại diện Sở KH&ĐT cho biết hồ sơ đã được thẩm định xong.", ["Sở KH&ĐT"]),
        # a city written TP.Name after an acronym
        ("Ông được bổ nhiệm làm Phó Chủ tịch UBND TP.Vinh từ đầu tháng.", ["UBND TP.Vinh"]),
        # sentence-case names that run in lowercase to their place
        ("Trung tâm Nuôi dưỡng trẻ em tỉnh Hà Giang đón thêm 12 cháu.", ["Trung tâm Nuôi dưỡng trẻ em tỉnh Hà Giang"]),
        (
            "Ông làm Giám đốc Trung tâm Dịch vụ việc làm huyện Đông Anh đã ba năm.",
            ["Trung tâm Dịch vụ việc làm huyện Đông Anh"],
        ),
        # a verb in the name takes its object
        ("Mỗi tháng Ban Tiếp nhận hồ sơ làm việc với hàng trăm người dân.", ["Ban Tiếp nhận hồ sơ"]),
        # a connector before a family-name syllable that opens a common word
        ("Bà công tác tại Phòng Tài chính và Hạ tầng của quận.", ["Phòng Tài chính và Hạ tầng"]),
    ],
)
def test_organisation_names_beyond_capitalised_words(body: str, orgs: list[str]) -> None:
    assert of_type(body, "ORG") == orgs


@pytest.mark.parametrize(
    ("body", "orgs"),
    [
        ("Đảng Xanh của Đức và đảng Tự do đã đạt được thỏa thuận liên minh.", ["Đảng Xanh", "đảng Tự do"]),
        ("Cổ phiếu của công ty Điện tử Sao Mai tăng mạnh trên thị trường Việt Nam.", ["công ty Điện tử Sao Mai"]),
        (
            "Em từng học trường THCS Trần Phú và trường Tiểu học Kim Đồng.",
            ["trường THCS Trần Phú", "trường Tiểu học Kim Đồng"],
        ),
        ("Ông là Bí thư huyện ủy Mường Nhé trong hai nhiệm kỳ liền.", ["huyện ủy Mường Nhé"]),
    ],
)
def test_lowercase_heads_before_a_name(body: str, orgs: list[str]) -> None:
    assert of_type(body, "ORG") == orgs


def test_lowercase_heads_need_a_name() -> None:
    body = "Các trường THPT và công ty Mỹ đều mở rộng thị trường Hàn Quốc; Đảng và Nhà nước quan tâm."
    assert of_type(body, "ORG") == []


# ---------------------------------------------------------------- terms in figures, birth years, figures
def test_a_term_in_arabic_figures_and_a_birth_year_after_sn() -> None:
    body = "Ông Lê Văn Tám (SN 1980) là đại biểu Hội đồng nhân dân tỉnh khóa 9, nay tái cử khóa 10."
    assert of_type(body, "DATE") == ["1980", "khóa 9", "khóa 10"]


def test_a_school_year_is_not_a_term() -> None:
    assert of_type("Sinh viên niên khóa 12 đã nhận bằng.", "DATE") == []


@pytest.mark.parametrize(
    ("body", "figures"),
    [
        ("Gia đình được giao 2.500m 2 đất nông nghiệp để canh tác lâu dài.", ["2.500m 2 đất nông nghiệp"]),
        ("Lãi suất huy động nhích thêm 0,3-0,5% so với tháng trước.", ["0,3-0,5%"]),
        ("Con số 41,2% cho thấy nhu cầu vẫn rất lớn ở khu vực nông thôn.", ["41,2%"]),
        ("Giá vàng đã xuống mức thấp nhất trong 12 năm qua theo các chuyên gia.", []),
    ],
)
def test_area_units_ranges_and_durations(body: str, figures: list[str]) -> None:
    assert of_type(body, "NUM") == figures


def test_an_abbreviated_organisation_joins_its_spelled_out_name() -> None:
    from tui.core.entities.grouping import group_entities as group
    from tui.core.model import Entity

    text = "Ban Chấp hành Trung ương họp. BCH Trung ương thống nhất. Ban Chấp hành Đảng bộ tỉnh họp. UBKT tỉnh họp."
    document, sentences, _ = _run(text)

    def mention(name: str, nth: int = 0) -> Entity:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        return Entity("ORG", start, start + len(name), name)

    entities = [
        mention("Ban Chấp hành Trung ương"),
        mention("BCH Trung ương"),
        mention("Ban Chấp hành Đảng bộ tỉnh"),
        mention("UBKT tỉnh"),
    ]
    groups = {g.name: g.count for g in group(document, entities, sentences)}
    # the spelled-out name wins; an abbreviation nothing spells out stays on its own
    assert groups == {"Ban Chấp hành Trung ương": 2, "Ban Chấp hành Đảng bộ tỉnh": 1, "UBKT tỉnh": 1}
