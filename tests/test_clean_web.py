"""Web pages as text from any site: kickers, breadcrumbs, bylines, dates, footers, whole-page dumps.

Every page here is invented for the test, in the shapes news sites print.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tui.core.clean import clean
from tui.core.model import Document
from tui.core.sentence_filter import sentence_junk

TITLE = "Tỉnh Sơn Nam khởi công tuyến đường ven biển dài 40 km"
SAPO = (
    "Tuyến đường có tổng vốn đầu tư gần 3.000 tỷ đồng, dự kiến hoàn thành sau ba năm, nối các khu du lịch "
    "và cảng cá lớn của tỉnh."
)
BODY = [
    "Theo chủ đầu tư, tuyến đường rộng 26 m với bốn làn xe, đi qua địa bàn ba huyện ven biển và "
    "sẽ giúp rút ngắn thời gian di chuyển từ trung tâm tỉnh tới cảng cá còn chưa đầy nửa giờ.",
    "Các địa phương đã hoàn thành phần lớn công tác giải phóng mặt bằng, diện tích còn lại dự kiến "
    "bàn giao cho nhà thầu trước cuối quý hai năm nay.",
    "Lãnh đạo tỉnh yêu cầu nhà thầu bảo đảm chất lượng, an toàn lao động và không để ảnh hưởng tới "
    "sinh kế của người dân trong quá trình thi công.",
]
RELATED = [
    "Giá cá ngừ tăng mạnh đầu mùa biển",
    "06/03/2026 09:15",
    "Khánh thành bến cảng tổng hợp mới ở phía nam",
    "05/03/2026 16:40",
]


def _body(document: Document) -> str:
    return "\n".join(document.text[p.start : p.end] for p in document.paragraphs)


def _page(*head: str, tail: tuple[str, ...] = ()) -> str:
    return "\n".join([*head, "", SAPO, "", *BODY, "", *tail, ""])


@pytest.mark.parametrize(
    "kicker", ["Kinh doanh", "Thời sự", "Trang chủ > Thời sự", "Tin tức » Giao thông", "Tin tức sự kiện"]
)
def test_category_kickers_and_breadcrumbs_are_not_the_headline(kicker: str) -> None:
    doc = clean("a.txt", _page(kicker, TITLE, "07/03/2026 08:47"))
    assert doc.title == TITLE
    assert doc.subtitle == kicker
    assert doc.date == dt.date(2026, 3, 7)


@pytest.mark.parametrize(
    ("lines", "author"),
    [
        ((TITLE, "Nguyên Minh - 07/03/2026 08:47"), "Nguyên Minh"),  # fused with the date
        ((TITLE, "THUẬN VĂN - LÊ ÁNH", "07/03/2026 08:47 GMT+7"), "THUẬN VĂN - LÊ ÁNH"),  # above the date
        ((TITLE, "07-03-2026 - 00:01 AM", "Tác giả: Hà Linh"), "Hà Linh"),  # labelled, below the date
    ],
)
def test_bylines_above_or_fused_with_the_date(lines: tuple[str, ...], author: str) -> None:
    doc = clean("a.txt", _page("Xã hội", *lines))
    assert (doc.title, doc.date, doc.author) == (TITLE, dt.date(2026, 3, 7), author)
    assert author not in _body(doc)


@pytest.mark.parametrize(
    ("lines", "author"),
    [
        ((TITLE + " | Báo Sơn Nam", "2026-03-07T08:47:00+07:00", "Bài, ảnh: Quang Huy"), "Quang Huy"),
        ((TITLE, "Thứ bảy, ngày 7 tháng 3, 2026", "Tin và ảnh: Hà Linh"), "Hà Linh"),
    ],
)
def test_site_name_after_a_bar_iso_dates_and_labelled_bylines(lines: tuple[str, ...], author: str) -> None:
    doc = clean("a.txt", _page(*lines))
    assert (doc.title, doc.date, doc.author) == (TITLE, dt.date(2026, 3, 7), author)


def test_all_caps_trailing_byline_and_copyright_footer() -> None:
    doc = clean(
        "a.txt",
        _page(
            TITLE, "Thứ bảy, 7/3/2026, 08:47 (GMT+7)", tail=("MINH TRÍ", "© 2026 Báo Sơn Nam. Giấy phép số 12/GP-BTTTT")
        ),
    )
    assert doc.author == "MINH TRÍ"
    assert doc.date == dt.date(2026, 3, 7)
    reasons = {doc.text[r.start : r.end]: r.reason for r in doc.removed}
    assert reasons["© 2026 Báo Sơn Nam. Giấy phép số 12/GP-BTTTT"] == "boilerplate"


def test_a_byline_after_the_last_sentence_is_cut_from_the_paragraph() -> None:
    text = _page(TITLE).rstrip("\n") + " Hoài Thu\n"
    doc = clean("a.txt", text)
    assert doc.author == "Hoài Thu"
    assert _body(doc).endswith("trong quá trình thi công.")


def test_parenthesised_captions_leave_the_body() -> None:
    text = "\n".join([TITLE, "", SAPO, "", BODY[0], "(Ảnh minh hoạ)", BODY[1], "(Ảnh: Quang Huy)", BODY[2], ""])
    doc = clean("a.txt", text)
    assert "Ảnh" not in _body(doc)
    assert [r.reason for r in doc.removed if doc.text[r.start : r.end].startswith("(Ảnh")] == ["caption", "caption"]


def test_whole_page_dump_finds_the_article_among_menus_and_related_news() -> None:
    menus = ["Báo Sơn Nam điện tử", "Thứ bảy, 07/03/2026", "Đăng nhập", "Podcast", "Tin theo khu vực"]
    menus += ["Thời sự", "Kinh tế", "Xã hội", "Văn hóa", "Thể thao", "Pháp luật", "Tất cả chuyên mục", ""]
    head = [*menus, "Trang chủ > Giao thông", TITLE, "Hoài Thu - 05/03/2026 10:15"]
    tail = ("Tin liên quan", *RELATED, "", "Bản quyền thuộc Báo Sơn Nam", "Tòa soạn: 12 đường Biển, Sơn Nam")
    doc = clean("page.txt", _page(*head, tail=tail))
    assert doc.title == TITLE
    assert doc.date == dt.date(2026, 3, 5)  # not the site's today line, not a related-news timestamp
    assert doc.author == "Hoài Thu"
    body = _body(doc)
    assert body.startswith(SAPO[:30]) and BODY[-1] in body
    for furniture in ("Podcast", "Tất cả chuyên mục", "Giá cá ngừ", "Bản quyền", "Tòa soạn"):
        assert furniture not in body


def test_a_menu_bar_flattened_into_one_long_line_is_not_prose() -> None:
    menu_bar = " ".join(["Trang chủ", "Thời sự", "Góc nhìn", "Thế giới", "Video", "Podcast", "Kinh doanh"] * 6)
    doc = clean("page.txt", _page(menu_bar, "", "Giao thông", TITLE, "07/03/2026 08:47"))
    assert doc.title == TITLE
    assert "Podcast" not in _body(doc)


def test_related_news_before_the_article_does_not_end_it() -> None:
    # A "Tin mới nhất" box above the article: only a heading after the body starts ends the article.
    head = ["Tin mới nhất", "Giá cá ngừ tăng mạnh đầu mùa biển", "06/03/2026 09:15", "", "Giao thông", TITLE]
    doc = clean("page.txt", _page(*head))
    assert doc.title == TITLE
    assert len(doc.paragraphs) == 4
    assert doc.date is None  # the related item's timestamp is not the article's date


def test_an_article_pasted_several_times_keeps_its_first_copy() -> None:
    article = "\n\n".join([SAPO, *BODY])
    doc = clean("dup.txt", TITLE + "\n\n" + "\n\n".join([article] * 4) + "\n")
    assert doc.title == TITLE
    assert len(doc.paragraphs) == 4
    reasons = [r.reason for r in doc.removed]
    assert reasons.count("repeated") == 12


def test_an_image_alt_text_and_legend_side_by_side_are_still_a_caption() -> None:
    caption = "Lãnh đạo tỉnh và các đại biểu thực hiện nghi thức khởi công tuyến đường ven biển sáng nay."
    text = "\n".join([TITLE, "", SAPO, "", caption, caption, "", *BODY, ""])
    doc = clean("a.txt", text)
    assert caption not in _body(doc)
    assert [r.reason for r in doc.removed if doc.text[r.start : r.end] == caption] == ["caption", "caption"]


def test_markdown_heading_marks_never_reach_the_title() -> None:
    doc = clean("a.md", "# " + TITLE + "\n\n" + SAPO + "\n\n" + "\n\n".join(BODY) + "\n")
    assert doc.title == TITLE
    assert len(doc.paragraphs) == 4


def test_nothing_is_silently_lost() -> None:
    # Short lines only: every rule would call them captions or labels. The text stays, with a note.
    lines = ["Ghi chú cuộc họp giao ban", "", "Phòng Kế hoạch báo cáo tiến độ dự án"]
    lines += ["Phòng Tài chính rà soát chi phí quý một", "Văn phòng chuẩn bị lịch công tác tuần sau", ""]
    doc = clean("notes.txt", "\n".join(lines))
    assert doc.title == "Ghi chú cuộc họp giao ban"
    assert len(doc.paragraphs) == 3
    assert any("kept it as body" in note for note in doc.notes)


def test_a_short_article_among_many_menus_is_not_flooded_with_them() -> None:
    menus = [f"Chuyên mục {n}" for n in range(60)] + ["© 2026 Báo Sơn Nam", "Giấy phép số 12/GP-BTTTT"]
    text = "\n".join([*menus[:40], "", TITLE, "", BODY[0], "", *menus[40:], ""])
    doc = clean("page.txt", text)
    assert doc.title == TITLE
    assert _body(doc) == BODY[0]
    assert doc.notes == ()


def test_a_clean_article_gets_no_note() -> None:
    doc = clean("a.txt", _page("Giao thông", TITLE, "07/03/2026"))
    assert doc.notes == ()


def test_copyright_sentences_are_never_summary_sentences() -> None:
    assert sentence_junk("© 2026 Báo Sơn Nam. Ghi rõ nguồn khi phát hành lại thông tin từ website này.") == "footer"
    assert sentence_junk("Bản quyền thuộc về Báo Sơn Nam điện tử và các tác giả của từng bài viết.") == "footer"
    assert sentence_junk("Luật Sở hữu trí tuệ bảo vệ quyền tác giả đối với các tác phẩm báo chí đã công bố.") is None


def test_a_place_and_date_line_is_the_date_never_the_byline() -> None:
    text = (
        "Báo cáo kết quả chuyển đổi số năm 2025 của huyện Lâm Sơn\n\n"
        "Lâm Sơn, ngày 15 tháng 12 năm 2025\n\n"
        "Năm 2025, huyện đã hoàn thành việc số hóa hồ sơ hành chính tại tất cả các xã, thị trấn.\n\n"
        "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 68%, tăng mạnh so với năm trước.\n\n"
        "Trần Văn Bình\n"
    )
    document = clean("bao-cao.txt", text)
    assert document.date == dt.date(2025, 12, 15)
    assert document.author == "Trần Văn Bình"


def test_a_byline_under_repeated_photo_captions_and_a_video_caption_is_found() -> None:
    # A photo story: the gallery's captions come back under the article, then a video caption, then the byline.
    first = "Các công nhân làm việc xuyên đêm trên công trường để kịp tiến độ bàn giao mặt bằng cho nhà thầu."
    second = "Máy móc được huy động tối đa trên toàn tuyến, kể cả trong những ngày mưa lớn kéo dài."
    text = "\n".join([TITLE, "", SAPO, "", first, second, *BODY, first, second, first, second])
    text += "\n\nXe máy trên công trường. Video: Ban quản lý dự án\n\nQuang Huy - Hà Linh\n"
    doc = clean("a.txt", text)
    assert doc.author == "Quang Huy - Hà Linh"
    assert "Video:" not in _body(doc)


def test_a_page_dump_headline_is_the_line_that_repeats_the_page_title() -> None:
    # The page's <title> first (with the site's name), menus, a "back to" link and share labels
    # above the headline, which the page prints twice (headline and share text).
    menus = ["Trang chủ", "Thời sự", "Góc nhìn", "Podcast", "Tất cả chuyên mục", "Trở lại Giao thông", "Giao thông"]
    head = [TITLE + " - Báo Sơn Nam Giao thông", "Thứ bảy, 07/03/2026", *menus]
    head += ["Thứ năm, 5/3/2026, 10:15 (GMT+7)", TITLE, TITLE]
    doc = clean("page.txt", _page(*head, tail=("Hoài Thu", "Tin liên quan", *RELATED)))
    assert doc.title == TITLE
    assert doc.date == dt.date(2026, 3, 5)
    assert doc.author == "Hoài Thu"
    assert TITLE not in _body(doc)


def test_a_headline_reworded_in_the_page_title_is_still_found() -> None:
    page_title = "Sơn Nam khởi công đường ven biển dài 40 km"  # the <title> words it a little differently
    head = [page_title, "Đăng nhập", "Liên hệ quảng cáo", "Podcast", "Thông tin toà soạn", "Theo dõi Báo Sơn Nam:"]
    doc = clean("page.txt", _page(*head, TITLE, "05/03/2026 10:15"))
    assert doc.title == TITLE


def test_a_related_headline_boxed_inside_the_body_is_never_a_summary_sentence() -> None:
    related = "Giá cá ngừ tăng mạnh đầu mùa biển khiến ngư dân phấn khởi"
    assert sentence_junk(related, alone=True) == "heading"
    assert sentence_junk(related + ".", alone=True) is None
    assert sentence_junk(related, alone=False) is None


def test_a_date_line_with_the_section_beside_it_and_a_dotted_byline_at_the_end() -> None:
    doc = clean(
        "a.txt", _page(TITLE, "05-03-2026 - 10:15 AM | Giao thông vận tải", tail=("Hoài Thu • 10:15 ngày 05/03/2026",))
    )
    assert doc.date == dt.date(2026, 3, 5)
    assert doc.author == "Hoài Thu"
    body = _body(doc)
    assert "Giao thông vận tải" not in body and "Hoài Thu" not in body


def test_authors_one_per_line_between_headline_and_body_are_joined() -> None:
    # An author box prints the first writer, "and one more", then both writers, one per line.
    doc = clean(
        "a.txt",
        _page("Giao thông", "05/03/2026 10:15", TITLE, "HOÀI THU", "và 1 tác giả khác", "HOÀI THU", "QUANG HUY"),
    )
    assert doc.title == TITLE
    assert doc.author == "HOÀI THU - QUANG HUY"
    assert "QUANG HUY" not in _body(doc)


def test_a_related_headline_with_its_timestamp_below_the_body_is_never_the_date() -> None:
    doc = clean("a.txt", _page("Giao thông", TITLE, tail=("Giá cá ngừ tăng mạnh đầu mùa biển - 06/03/2026",)))
    assert doc.title == TITLE
    assert doc.date is None


def test_a_page_with_its_diacritics_stripped_still_has_a_date_line() -> None:
    doc = clean("a.txt", _page("Thoi su", "Thu sau, 6/3/2026, 08:45 (GMT+7)", TITLE))
    assert doc.title == TITLE
    assert doc.date == dt.date(2026, 3, 6)
