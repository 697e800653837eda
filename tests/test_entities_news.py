"""Entity rules on made-up general-news sentences (world, sport, crime, economy)."""

from __future__ import annotations

from tui.core.clean import clean
from tui.core.entities import extract_entities
from tui.core.tokenize import split_sentences

_HEAD = "Tin tổng hợp trong ngày\n\n"


def ents(body: str) -> list[tuple[str, str]]:
    document = clean("news.txt", _HEAD + body + "\n")
    return [(e.type, e.text) for e in extract_entities(document, split_sentences(document))]


def test_a_country_between_title_and_name() -> None:
    found = ents("Tổng thống Mỹ Donald Trump đã có cuộc điện đàm kéo dài gần một giờ với người đồng cấp.")
    assert found == [("LOC", "Mỹ"), ("PER", "Donald Trump")]


def test_foreign_names_after_a_cue_and_their_later_mentions() -> None:
    found = ents("HLV Park Hang-seo cho biết cả đội đã sẵn sàng. Theo Park Hang-seo, trận đấu sẽ rất khó khăn.")
    assert found.count(("PER", "Park Hang-seo")) == 2


def test_an_acronym_defined_in_brackets_is_the_body_everywhere() -> None:
    found = ents(
        "Tập đoàn Điện lực Việt Nam (EVN) vừa công bố kế hoạch mới. Đại diện EVN cho biết giá điện giữ nguyên."
    )
    assert found == [("ORG", "Tập đoàn Điện lực Việt Nam"), ("ORG", "EVN"), ("ORG", "EVN")]


def test_police_unit_and_suspect() -> None:
    found = ents("Công an TP Hà Nội đã bắt giữ đối tượng Nguyễn Văn Nam để điều tra hành vi trộm cắp tài sản.")
    assert found == [("ORG", "Công an TP Hà Nội"), ("PER", "Nguyễn Văn Nam")]


def test_money_durations_and_ratios() -> None:
    found = ents("Sau 3 năm, thiệt hại ước khoảng 35.000 tỷ đồng, gấp 2 lần so với dự báo ban đầu của ngành.")
    assert [t for k, t in found if k == "NUM"] == ["35.000 tỷ đồng"]


def test_a_name_inside_an_institution_is_not_a_person() -> None:
    found = ents("Đoàn đã đến thăm Bảo tàng Hồ Chí Minh và dâng hoa tại tượng đài Hồ Chí Minh ở trung tâm.")
    assert ("ORG", "Bảo tàng Hồ Chí Minh") in found
    assert [t for k, t in found if k == "PER"] == ["Hồ Chí Minh"]


def test_news_agency_credit_and_source_line() -> None:
    document = clean(
        "news.txt",
        _HEAD + "Hàng nghìn người đã đổ về quảng trường để theo dõi buổi lễ diễn ra trong ngày.\n\n"
        "Quang cảnh buổi lễ. (Ảnh: Minh Đức/TTXVN)\n\nTheo VGP\n",
    )
    found = [(e.type, e.text) for e in extract_entities(document, split_sentences(document))]
    assert ("PER", "Minh Đức") in found
    assert ("ORG", "TTXVN") in found
    assert ("ORG", "VGP") in found


def test_credits_after_a_caption_sentence() -> None:
    found = ents(
        "Người dân xếp hàng chờ mua vé tàu về quê. Ảnh: Hoài Nam Chiều nay, nhà ga tăng thêm chuyến. "
        "Đoàn tàu chuẩn bị rời ga. Ảnh: AFP/TTXVN. Cảnh sát tuần tra trên phố. Ảnh CAND. "
        "Khách du lịch trên bãi biển. Ảnh: Flickr"
    )
    assert ("PER", "Hoài Nam") in found
    assert [t for k, t in found if k == "ORG"] == ["AFP", "TTXVN", "CAND", "Flickr"]


def test_no_credit_for_internet_or_a_place() -> None:
    found = ents("Một góc phố cổ vào buổi sáng. Ảnh: Internet. Cánh đồng lúa chín. Ảnh: Sa Pa. Ảnh: Minh họa")
    assert [(k, t) for k, t in found if t in {"Internet", "Sa Pa", "Minh"}] == [("LOC", "Sa Pa")]


def test_a_byline_at_the_end_of_the_last_paragraph() -> None:
    found = ents(
        "Nhiều hoạt động văn hóa đặc sắc đã diễn ra trong ba ngày lễ hội tại địa phương.\n\n"
        "Buổi lễ khép lại trong không khí ấm áp, vui tươi của người dân và du khách./. Thu Hằng/TTXVN"
    )
    assert found[-2:] == [("PER", "Thu Hằng"), ("ORG", "TTXVN")]
    found = ents("Giá xăng sẽ được điều chỉnh vào chiều mai theo thông báo của liên bộ. T.H - Lê Vân")
    assert found[-2:] == [("PER", "T.H"), ("PER", "Lê Vân")]


def test_a_last_sentence_is_not_a_byline() -> None:
    assert ents("Trận đấu kết thúc với tỷ số hòa sau chín mươi phút thi đấu. Cả hai đội đều hài lòng") == []


def test_countries_in_context_continents_and_compass_regions() -> None:
    found = ents("Ngoại trưởng Anh sẽ tới Nam Sudan và châu Phi trong tháng này; nước Ý cũng cử đoàn sang Anh.")
    assert [t for k, t in found if k == "LOC"] == ["Anh", "Nam Sudan", "châu Phi", "nước Ý", "Anh"]


def test_anh_as_a_name_or_a_currency_is_no_country() -> None:
    found = ents("Chị Lan Anh đổi 200 bảng Anh và gửi cho anh Minh Tuấn ở Hà Nội.")
    assert ("LOC", "Anh") not in found


def test_an_age_group_team_is_an_organisation() -> None:
    found = ents("U23 Việt Nam thắng U.23 Thái Lan 2-1 tại sân Mỹ Đình.")
    assert [t for k, t in found if k == "ORG"] == ["U23 Việt Nam", "U.23 Thái Lan"]


def test_a_numbered_residential_group_and_a_common_word_starting_with_a_country() -> None:
    found = ents("Bà trú tại tổ 12, phường Quang Trung; tổ Công tác đã đến gặp bà. Báo Pháp Luật đưa tin.")
    assert ("LOC", "tổ 12") in found
    assert ("LOC", "Pháp") not in found
    assert not any(t.startswith("tổ Công") for k, t in found)


def test_acronym_grown_brands_and_foreign_companies() -> None:
    found = ents("VNPay hợp tác với Acme Global Holdings; cổ phiếu của VNPay tăng, còn các CEOs thì im lặng.")
    assert [t for k, t in found if k == "ORG"] == ["VNPay", "Acme Global Holdings", "VNPay"]


def test_a_place_and_a_defined_acronym_inside_a_body_name() -> None:
    found = ents("Quỹ Phát triển châu Phi (AFDF) vừa cấp vốn; đại diện AFDF cho biết dự án sẽ khởi công.")
    assert [t for k, t in found if k == "ORG"] == ["Quỹ Phát triển châu Phi", "AFDF", "AFDF"]


def test_a_group_is_a_body_not_a_person() -> None:
    found = ents("Chủ tịch Nhóm - ông Lê Văn Hải cho biết Nhóm Nghị sĩ Hữu nghị sẽ sang thăm.")
    assert ("PER", "Nhóm") not in found
    assert ("ORG", "Nhóm Nghị sĩ Hữu nghị") in found


def test_a_name_that_is_also_a_head_word_after_an_honorific() -> None:
    found = ents("Con trai ông Trần Văn Hội được bổ nhiệm sớm; ông Hội cho biết mọi việc đúng quy trình.")
    assert [t for k, t in found if k == "PER"] == ["Trần Văn Hội", "Hội"]


def test_a_capital_that_opens_a_common_word_is_no_name() -> None:
    found = ents("Ông Lê Minh - Giám đốc Chương trình hỗ trợ nông dân cho biết sẽ mở rộng quy mô.")
    assert [t for k, t in found if k == "PER"] == ["Lê Minh"]


def test_a_player_after_a_role_word_and_a_coach_after_his_team() -> None:
    found = ents("HLV trưởng U19 Thái Lan Somchai hài lòng, còn thủ thành Đức Huy được khen ngợi.")
    assert ("PER", "Somchai") in found
    assert ("PER", "Đức Huy") in found
    assert ("ORG", "U19 Thái Lan") in found


def test_a_foreign_name_before_a_verb_of_saying() -> None:
    found = ents("Sau cuộc họp, Maria Schneider cho biết hai bên sẽ gặp lại; tại Deir Ezzor cho biết là sai.")
    assert [t for k, t in found if k == "PER"] == ["Maria Schneider"]


def test_a_street_or_commune_named_alone_is_still_the_place() -> None:
    found = ents(
        "Anh Bình sống ở phố Kim Mã, còn gia đình chị Hoa ở xã Đồng Tâm. Kim Mã là con phố đông xe "
        "vào giờ cao điểm. Người dân Đồng Tâm trồng lúa và hoa màu."
    )
    assert ("LOC", "Kim Mã") in found and ("LOC", "Đồng Tâm") in found
    assert not [text for kind, text in found if kind == "PER" and text in {"Kim Mã", "Đồng Tâm"}]


def test_a_name_a_cue_makes_a_person_stays_a_person_beside_a_street_of_that_name() -> None:
    found = ents("Ông Kim Văn Mã sống trên đường Kim Văn Mã từ nhỏ. Kim Văn Mã cho biết ông rất vui.")
    assert found.count(("PER", "Kim Văn Mã")) == 2
    assert ("LOC", "đường Kim Văn Mã") in found


def test_a_place_with_and_without_its_street_word_is_one_group() -> None:
    from tui.core.entities import group_entities

    document = clean("news.txt", _HEAD + "Quán nằm trên phố Kim Mã. Kim Mã luôn đông người qua lại.\n")
    groups = group_entities(document, extract_entities(document))
    assert [(g.type, g.count) for g in groups if "Kim Mã" in g.name] == [("LOC", 2)]


def test_a_wife_called_ba_xa_is_not_a_commune() -> None:
    found = ents("Ca sĩ Minh Quân đưa bà xã Lê Thu Hà đi nghỉ. Lê Thu Hà cho biết chị rất vui.")
    assert not [text for kind, text in found if kind == "LOC"]
    assert found.count(("PER", "Lê Thu Hà")) == 2


def test_a_province_named_alone_at_a_sentence_start_joins_its_group() -> None:
    from tui.core.entities import group_entities

    body = "Đoàn công tác làm việc tại tỉnh Thái Nguyên. Thái Nguyên có nhiều đồi chè đẹp.\n"
    document = clean("news.txt", _HEAD + body)
    groups = group_entities(document, extract_entities(document))
    assert [(g.type, g.name, g.count) for g in groups if g.type == "LOC"] == [("LOC", "tỉnh Thái Nguyên", 2)]
