from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.core.clean import clean, parse_date
from tui.core.loader import load_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# A made-up page in the shape scraped news pages have: kicker, headline, date line,
# a repeated photo caption, body, a short caption, byline, comment form and menus.
PAGE = """Kinh tế - Xã hội
Tỉnh Hà Giang đẩy mạnh phát triển du lịch cộng đồng năm 2023
Thứ hai, 06/03/2023 - 08:15

Du khách tham quan làng văn hóa tại huyện Đồng Văn.
Du khách tham quan làng văn hóa tại huyện Đồng Văn.

Sáng 5/3, UBND tỉnh Hà Giang tổ chức hội nghị triển khai kế hoạch phát triển du lịch cộng đồng năm 2023 với sự tham gia của đại diện các sở, ngành và doanh nghiệp trên địa bàn.

Theo báo cáo, năm 2022 toàn tỉnh đón hơn 1,2 triệu lượt khách, tăng 40% so với năm trước. Tỉnh đặt mục tiêu đón 2 triệu lượt khách trong năm 2023.
Quang cảnh hội nghị.

Ông Nguyễn Văn A, Giám đốc Sở Văn hóa, Thể thao và Du lịch cho biết tỉnh sẽ tập trung nâng cao chất lượng dịch vụ, đào tạo người dân làm du lịch và quảng bá hình ảnh địa phương.

MINH ANH

Bình luận
Họ tên : *
Email : *
Gửi bình luận
Tin liên quan
Hà Giang mùa hoa tam giác mạch
"""  # noqa: E501


@pytest.fixture(scope="module")
def page():
    return clean("page.txt", PAGE)


def test_headline_not_kicker_nor_date(page) -> None:
    assert page.title == "Tỉnh Hà Giang đẩy mạnh phát triển du lịch cộng đồng năm 2023"
    assert page.subtitle == "Kinh tế - Xã hội"
    assert page.date == dt.date(2023, 3, 6)


def test_byline_becomes_author(page) -> None:
    assert page.author == "MINH ANH"
    assert page.text[page.author_span.start : page.author_span.end] == "MINH ANH"


def test_body_keeps_prose_only(page) -> None:
    body = [page.text[p.start : p.end] for p in page.paragraphs]
    assert len(body) == 3
    assert body[0].startswith("Sáng 5/3")
    joined = "\n".join(body)
    for junk in (
        "Du khách tham quan",
        "Quang cảnh",
        "MINH ANH",
        "Bình luận",
        "Email",
        "Tin liên quan",
        "tam giác mạch",
        "Thứ hai",
    ):
        assert junk not in joined


def test_removed_reasons(page) -> None:
    reasons = {page.text[r.start : r.end]: r.reason for r in page.removed}
    assert reasons["Du khách tham quan làng văn hóa tại huyện Đồng Văn."] == "caption"
    assert reasons["Quang cảnh hội nghị."] == "caption"
    assert reasons["Họ tên : *"] == "boilerplate"
    assert reasons["Hà Giang mùa hoa tam giác mạch"] == "boilerplate"  # after the related-news header


def test_offsets_slice_exactly(page) -> None:
    for span in page.paragraphs:
        text = page.text[span.start : span.end]
        assert text == text.strip() and text


def test_page_without_furniture_keeps_everything() -> None:
    text = "Tiêu đề bài viết\n\nĐoạn thứ nhất có đủ nhiều chữ để được coi là một đoạn văn thật sự của bài.\n"
    doc = clean("x.txt", text)
    assert doc.title == "Tiêu đề bài viết"
    assert doc.author is None and doc.date is None
    assert len(doc.paragraphs) == 1


def test_text_without_title_line() -> None:
    text = (
        "Hội nghị diễn ra trong hai ngày với sự tham dự của hơn 300 đại biểu đến từ các tỉnh, "
        "thành phố trong cả nước, bàn về chuyển đổi số và cải cách hành chính.\n"
    )
    doc = clean("x.txt", text)
    assert doc.title is None
    assert len(doc.paragraphs) == 1


def test_a_question_or_exclamation_can_be_the_headline() -> None:
    body = (
        "Giá rau xanh tại các chợ đầu mối tăng gấp đôi chỉ sau ba ngày mưa lớn kéo dài, "
        "nhiều tiểu thương cho biết nguồn hàng từ các tỉnh lân cận về rất ít.\n"
    )
    for headline in (
        "Vì sao giá rau ở chợ đầu mối tăng mạnh sau ba ngày mưa lớn, người mua phải làm gì?",
        "Rau xanh tăng giá gấp đôi sau mưa lớn, người mua hãy cẩn thận!",
    ):
        doc = clean("x.txt", f"{headline}\n\n{body}")
        assert doc.title == headline
        assert len(doc.paragraphs) == 1
    # a first paragraph that asks is still a paragraph when it is long
    asking = (
        "Người tiêu dùng sẽ phải làm gì khi giá rau xanh tại các chợ đầu mối tăng gấp đôi chỉ sau "
        "ba ngày mưa lớn kéo dài, trong khi nguồn hàng từ các tỉnh lân cận về rất ít và giá "
        "thịt cũng đang tăng?\n"
    )
    assert clean("x.txt", asking + "\n" + body).title is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Thứ sáu, 22/01/2021", dt.date(2021, 1, 22)),
        ("19:28' 11/12/2021", dt.date(2021, 12, 11)),
        ("Cập nhật: Thứ năm 14/10/2021 - 10:08", dt.date(2021, 10, 14)),
        ("ngày 5 tháng 3 năm 2020", dt.date(2020, 3, 5)),
        ("31/02/2021", None),
    ],
)
def test_parse_date(line: str, expected: dt.date | None) -> None:
    assert parse_date(line) == expected


@pytest.mark.parametrize(
    ("name", "title", "date", "author"),
    [
        ("000_b5de6a4e7a8bb041.txt", "Triển khai công tác Tổ chức xây dựng Đảng năm 2022", None, None),
        (
            "001_1fe5003cc354cf05.txt",
            "Ban Tổ chức Trung ương triển khai nhiệm vụ công tác năm 2022",
            None,
            "Xuân Nghiệp",
        ),
        (
            "002_1394acb02f79d23d.txt",
            "Tổng kết công tác tổ chức xây dựng Đảng năm 2020",
            dt.date(2021, 1, 22),
            "TRÍ DŨNG",
        ),
        (
            "003_6af2ff1708b4afb6.txt",
            "Chủ động tham mưu toàn diện trên các mặt công tác",
            dt.date(2021, 10, 14),
            "Th.s Dương Xuân Hùng, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy",
        ),
        (
            "004_bd3206ea5c860e72.txt",
            "Cụm thi đua số 2 Ngành Tổ chức xây dựng Đảng tổng kết công tác thi đua, khen thưởng năm 2021",
            dt.date(2021, 12, 11),
            "Thảo Nguyên",
        ),
    ],
)
def test_samples_metadata(name: str, title: str, date: dt.date | None, author: str | None) -> None:
    loaded = load_text(str(SEEDS / name))
    doc = clean(name, loaded.text)
    assert (doc.title, doc.date, doc.author) == (title, date, author)
    body = " ".join(doc.text[p.start : p.end] for p in doc.paragraphs)
    for furniture in (
        "Ý KIẾN BẠN ĐỌC",
        "Ý kiến bạn đọc",
        "Mã bảo vệ",
        "Xem thêm",
        "Bài cùng chuyên mục",
        "In trang này",
        "Tìm kiếm",
        "VIDEO CLIPS",
        "Họ và tên",
    ):
        assert furniture not in body


def test_links_credits_and_noted_bylines() -> None:
    text = (
        "Giá lúa tăng mạnh tại đồng bằng sông Cửu Long\n\n"
        "Giá lúa tại nhiều tỉnh đồng bằng sông Cửu Long tăng từ 200 đến 300 đồng mỗi kg trong tuần qua, "
        "theo báo cáo của các sở nông nghiệp.\n\n"
        "Nông dân thu hoạch lúa trên cánh đồng mẫu lớn ở huyện Tháp Mười trong vụ đông xuân năm nay\n"
        "Ảnh: Hoàng Nam\n\n"
        "Các doanh nghiệp xuất khẩu cho biết nhu cầu gạo từ thị trường Philippines và Indonesia vẫn ở mức "
        "cao, đơn hàng đã kín đến cuối quý.\n\n"
        "Xem thêm: Giá gạo xuất khẩu của Việt Nam lên mức cao nhất trong vòng mười năm qua theo số liệu mới\n\n"
        "Lan Phương (tổng hợp)\n"
    )
    doc = clean("x.txt", text)
    body = " ".join(doc.text[p.start : p.end] for p in doc.paragraphs)
    assert doc.author == "Lan Phương"  # the writer; "(tổng hợp)" says how the piece was made
    assert doc.author_span is not None
    assert doc.text[doc.author_span.start : doc.author_span.end] == "Lan Phương (tổng hợp)"
    assert "Ảnh:" not in body and "cánh đồng mẫu lớn" not in body
    assert "Xem thêm" not in body
    assert len(doc.paragraphs) == 2


def test_a_headline_starting_like_a_section_heading_keeps_the_article() -> None:
    text = (
        "Tin mới nhất vụ cháy chợ ở thị trấn ven sông: Ban quản lý chợ bị đình chỉ công tác\n\n"
        "Sáng nay, Ủy ban nhân dân huyện đã quyết định đình chỉ công tác trưởng ban quản lý chợ "
        "để làm rõ trách nhiệm trong vụ cháy làm hư hỏng hơn 40 ki-ốt.\n\n"
        "Tin liên quan\n"
        "Cháy lớn tại chợ trung tâm\n"
    )
    doc = clean("x.txt", text)
    assert doc.title is not None and doc.title.startswith("Tin mới nhất vụ cháy chợ")
    body = [text[p.start : p.end] for p in doc.paragraphs]
    assert len(body) == 1 and body[0].startswith("Sáng nay")  # the related-news tail is still cut
