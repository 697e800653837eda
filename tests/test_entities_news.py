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
    found = ents("Tập đoàn Điện lực Việt Nam (EVN) vừa công bố kế hoạch mới. Đại diện EVN cho biết giá điện giữ nguyên.")
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
    document = clean("news.txt", _HEAD + "Hàng nghìn người đã đổ về quảng trường để theo dõi buổi lễ diễn ra trong ngày.\n\n"
                     "Quang cảnh buổi lễ. (Ảnh: Minh Đức/TTXVN)\n\nTheo VGP\n")
    found = [(e.type, e.text) for e in extract_entities(document, split_sentences(document))]
    assert ("PER", "Minh Đức") in found
    assert ("ORG", "TTXVN") in found
    assert ("ORG", "VGP") in found
