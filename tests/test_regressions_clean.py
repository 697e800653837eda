"""The cleaner on a whole made-up page, and the limits of its line rules.

Written where mutation testing showed rules of `clean.py` that no test pinned down: what each
removed stretch is called, every field of the Document, and the word counts where a rule stops.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tui.core.clean import clean
from tui.core.model import Document, Heading, Span

PAGE = """Thời sự - Xã hội
Thứ hai, 12/3/2024 08:30 GMT+7
Cầu mới nối hai bờ sông được thông xe
Quang cảnh lễ thông xe

Chiều qua, cây cầu mới nối hai bờ sông chính thức được thông xe sau hai năm xây dựng với tổng vốn gần một nghìn tỷ đồng.

Người dân đi bộ qua cầu trong ngày thông xe - Ảnh: Minh Anh
Cây cầu dài gần một cây số, có bốn làn xe ô tô và hai làn dành riêng cho người đi bộ, xe đạp.

Lãnh đạo thành phố cho biết cầu sẽ giúp giảm ùn tắc cho cầu cũ và rút ngắn thời gian đi lại giữa hai bờ.

ThS. Nguyễn Minh Anh
Tin liên quan
Giá xăng tăng mạnh trong tuần này
"""
BODY = (
    "Chiều qua, cây cầu mới nối hai bờ sông chính thức được thông xe sau hai năm xây dựng với tổng vốn gần "
    "một nghìn tỷ đồng."
)
SECOND = "Cây cầu dài gần một cây số, có bốn làn xe ô tô và hai làn dành riêng cho người đi bộ, xe đạp."
THIRD = "Lãnh đạo thành phố cho biết cầu sẽ giúp giảm ùn tắc cho cầu cũ và rút ngắn thời gian đi lại giữa hai bờ."


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def _removed(document: Document) -> list[tuple[str, str]]:
    return [(r.reason, document.text[r.start : r.end]) for r in document.removed]


def _body(document: Document) -> list[str]:
    return [document.text[p.start : p.end] for p in document.paragraphs]


def test_a_whole_page() -> None:
    document = clean("trang.txt", PAGE, "windows-1258", ("a note",))
    assert (document.path, document.text, document.encoding, document.notes) == (
        "trang.txt",
        PAGE,
        "windows-1258",
        ("a note",),
    )
    assert document.title == "Cầu mới nối hai bờ sông được thông xe"
    assert document.title_span == _span(PAGE, document.title)
    assert document.subtitle == "Thời sự - Xã hội"
    assert (document.date, document.date_text) == (dt.date(2024, 3, 12), "Thứ hai, 12/3/2024 08:30 GMT+7")
    assert document.author == "ThS. Nguyễn Minh Anh"
    assert document.author_span == _span(PAGE, document.author)
    assert _body(document) == [BODY, SECOND, THIRD]
    assert _removed(document) == [
        ("kicker", "Thời sự - Xã hội"),
        ("date", "Thứ hai, 12/3/2024 08:30 GMT+7"),
        ("caption", "Quang cảnh lễ thông xe"),
        ("caption", "Người dân đi bộ qua cầu trong ngày thông xe - Ảnh: Minh Anh"),
        ("byline", "ThS. Nguyễn Minh Anh"),
        ("boilerplate", "Tin liên quan"),
        ("boilerplate", "Giá xăng tăng mạnh trong tuần này"),  # everything after "Tin liên quan"
    ]


def test_no_headline_no_author_no_date() -> None:
    document = clean("x.txt", f"{BODY}\n\n{SECOND}\n")
    assert (document.title, document.title_span, document.subtitle) == (None, None, None)
    assert (document.author, document.author_span, document.date, document.date_text) == (None, None, None, None)
    assert _body(document) == [BODY, SECOND] and document.removed == ()


def test_kickers_join_into_the_subtitle_and_the_first_date_wins() -> None:
    page = (
        "Thời sự - Chính trị\nKinh tế | Thị trường\n12/03/2024\n13/03/2024\n"
        "Giá vàng tăng mạnh\nGiới thiệu ngắn về bài\n\n"
        f"{BODY}\n\n{SECOND}\n"
    )
    document = clean("x.txt", page)
    assert document.subtitle == "Thời sự - Chính trị · Kinh tế | Thị trường"
    assert document.title == "Giá vàng tăng mạnh"
    # the date printed nearest the headline wins (one further up may be a related item's)
    assert (document.date, document.date_text) == (dt.date(2024, 3, 13), "13/03/2024")
    assert ("caption", "Giới thiệu ngắn về bài") in _removed(document)  # a second header line


def test_a_lone_kicker_looking_line_is_the_headline() -> None:
    document = clean("x.txt", f"Hà Nội - Đà Nẵng\n\n{BODY}\n")
    assert document.title == "Hà Nội - Đà Nẵng" and document.subtitle is None
    two = clean("x.txt", f"Thời sự - Chính trị\nHà Nội - Đà Nẵng\n\n{BODY}\n")
    assert (two.title, two.subtitle) == ("Hà Nội - Đà Nẵng", "Thời sự - Chính trị")


@pytest.mark.parametrize(
    ("last", "author"),
    [
        ("Minh Anh", "Minh Anh"),
        ("Nguyễn Thị Minh Anh Thư", "Nguyễn Thị Minh Anh Thư"),  # five syllables
        ("Nguyễn Thị Minh Anh Thư Hà", None),  # six: a sentence, not a name
        ("Minh Anh (tổng hợp)", "Minh Anh"),  # the name, without the note on how it was written
        ("Minh anh", None),  # every syllable of a name is capitalised
        ("Minh Anh 2", None),
        ("Minh Anh:", None),
        ("Ghi chép: Minh Anh", None),
        ("Minh 2Anh", None),
    ],
)
def test_the_last_line_is_a_byline_only_when_it_reads_as_a_name(last: str, author: str | None) -> None:
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\n{last}\n")
    assert document.author == author
    assert (("byline", last) in _removed(document)) is (author is not None)


def test_a_source_line_at_the_end_names_no_author_and_leaves_the_body() -> None:
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\nTheo Reuters\n")
    assert document.author is None
    assert "Theo Reuters" not in _body(document)


def test_a_byline_needs_a_body_above_it() -> None:
    assert clean("x.txt", f"{BODY}\n\nMinh Anh\n").author == "Minh Anh"
    assert clean("x.txt", "Minh Anh\n").author is None


@pytest.mark.parametrize("initials", [3, 24])
def test_a_source_credit_is_never_the_author_and_leaves_the_body(initials: int) -> None:
    credit = "Theo " + " ".join("ABCDEFGHIJKLMNOPQRSTUVWXYZ"[:initials])
    document = clean("x.txt", f"{BODY}\n\n{credit}\n")
    assert document.author is None
    assert credit not in _body(document)


def test_a_long_last_line_is_not_a_byline() -> None:
    names = " ".join(["Minh Anh"] * 13)  # 26 words
    assert clean("x.txt", f"{BODY}\n\n{names}\n").author is None
    names = " ".join(["Minh Anh"] * 12) + " Hà"  # 25 words, but a name has at most five syllables
    assert clean("x.txt", f"{BODY}\n\n{names}\n").author is None


def _caption(line: str) -> bool:
    """Whether ``line``, in a block with a story sentence, is removed as a caption."""
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n{line}\n{SECOND}\n\n{THIRD}\n")
    return ("caption", line) in _removed(document)


def test_caption_lines_by_length_and_cue() -> None:
    assert _caption("Một hai ba bốn năm sáu bảy tám chín mười.")  # ten words
    assert not _caption("Một hai ba bốn năm sáu bảy tám chín mười mười một.")
    cue = "Toàn cảnh " + " ".join(["buổi lễ"] * 11) + " xong."  # a caption cue, 25 words
    assert len(cue.split()) == 25 and _caption(cue)
    assert not _caption(cue.replace(" xong.", " đã xong."))
    credit = " ".join(["Người dân"] * 12) + " rất vui - Ảnh: Minh Anh"  # a photo credit, 30 words
    assert len(credit.split()) == 30 and _caption(credit)
    assert not _caption(credit.replace(" rất vui", " rất rất vui"))


def test_a_short_block_without_a_sentence_end_is_a_caption() -> None:
    block = "Người dân\nđi bộ qua cầu"
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\n{block}\n\n{SECOND}\n")
    assert [r for r, _ in _removed(document)].count("caption") == 2
    assert _body(document) == [BODY, SECOND]


@pytest.mark.parametrize(("words", "furniture"), [(40, True), (41, False)])
def test_link_lines_up_to_forty_words(words: int, furniture: bool) -> None:
    link = "Xem thêm: " + " ".join(["tin"] * (words - 2))
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\n{link}\n\n{SECOND}\n")
    assert (("boilerplate", link) in _removed(document)) is furniture


def test_furniture_lines_and_form_fields() -> None:
    lines = ["Chia sẻ", "***", "Họ và tên: *", "Nhập ý kiến của bạn:*"]
    document = clean("x.txt", "Giá vàng tăng mạnh\n\n" + "".join(f"{BODY}\n\n{line}\n\n" for line in lines))
    assert [text for reason, text in _removed(document) if reason == "boilerplate"] == lines
    long_line = "Chia sẻ " + " ".join(["niềm vui"] * 6) + " với gia đình và bạn bè."  # 19 words: a sentence
    assert long_line in _body(clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\n{long_line}\n"))


@pytest.mark.parametrize(("length", "date_line"), [(80, True), (81, False)])
def test_a_date_line_has_at_most_80_characters(length: int, date_line: bool) -> None:
    start = "Cập nhật lúc 08:30, thứ hai, ngày 12/3/2024 (GMT+7)"
    line = start + " " * (length - len(start) - 3) + "UTC"
    assert len(line) == length
    document = clean("x.txt", f"{line}\nGiá vàng tăng mạnh\n\n{BODY}\n")
    assert document.date_text == (line if date_line else None)


def test_a_question_headline_and_a_body_of_35_words() -> None:
    question = "Người dân hỏi: bao giờ cầu mới được thông xe?"
    document = clean("x.txt", f"{question}\n\n{BODY}\n")
    assert document.title == question


def test_a_source_line_names_the_writer_before_the_outlet() -> None:
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\nTheo Đình Thảo (Dân Trí)\n")
    assert document.author == "Đình Thảo"
    assert clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\nTheo Dân Trí\n").author is None


def test_a_byline_fused_to_the_last_sentence_is_cut_into_its_own_line() -> None:
    page = f"Giá vàng tăng mạnh\n\n{BODY}\n\n{SECOND} Theo Đình Thảo (Dân Trí)\n\nTin liên quan\nGiá xăng tăng\n"
    document = clean("x.txt", page)
    assert document.author == "Đình Thảo"
    assert document.author_span == _span(page, "Theo Đình Thảo (Dân Trí)")
    assert _body(document) == [BODY, SECOND]  # without the space before the byline
    assert _removed(document) == [
        ("byline", "Theo Đình Thảo (Dân Trí)"),
        ("boilerplate", "Tin liên quan"),
        ("boilerplate", "Giá xăng tăng"),
    ]


@pytest.mark.parametrize(
    ("source", "cut"), [("Nghệ thuật - Truyền thông", True), ("Nghệ thuật - Truyền thôngg", False)]
)
def test_a_fused_source_line_has_at_most_60_characters(source: str, cut: bool) -> None:
    tail = f"Theo Trung tâm Nghiên cứu Khoa học {source}"
    assert len(tail) == (60 if cut else 61)
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\n{SECOND} {tail}\n")
    assert (("byline", tail) in _removed(document)) is cut
    assert _body(document)[-1] == (SECOND if cut else f"{SECOND} {tail}")


def test_a_text_without_prose_has_its_first_line_as_headline_only() -> None:
    document = clean("x.txt", "Danh sách việc cần làm\nMua rau\nĐón con\n")
    assert document.title == "Danh sách việc cần làm"
    assert _body(document) == ["Mua rau", "Đón con"]


@pytest.mark.parametrize("end", ["", " ./."])
def test_a_name_fused_to_the_last_sentence_is_the_author(end: str) -> None:
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\n{SECOND}{end} Minh Anh\n")
    assert document.author == "Minh Anh"
    assert _body(document) == [BODY, SECOND + end]
    assert _removed(document) == [("byline", "Minh Anh")]


QUESTION = "Vì sao giá rau ở chợ đầu mối tăng mạnh sau ba ngày mưa lớn, người mua phải làm gì?"
MARKET = (
    "Giá rau xanh tại các chợ đầu mối tăng gấp đôi chỉ sau ba ngày mưa lớn kéo dài, "
    "nhiều tiểu thương cho biết nguồn hàng từ các tỉnh lân cận về rất ít."
)


@pytest.mark.parametrize(
    ("above", "title"),
    [
        ("Giá rau tăng gấp đôi", "Giá rau tăng gấp đôi"),  # five words: a headline above the question
        ("Thị trường", QUESTION),  # a section label
        ("Thứ hai, ngày 12 tháng 3 năm 2024", QUESTION),  # a date line is no headline
        ("Trang chủ\nĐăng nhập", QUESTION),  # menus
    ],
)
def test_a_question_starting_the_body_is_the_headline_unless_one_is_above(above: str, title: str) -> None:
    document = clean("x.txt", f"{above}\n{QUESTION}\n\n{MARKET}\n")
    assert document.title == title
    assert _body(document) == ([QUESTION, MARKET] if title != QUESTION else [MARKET])


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("# Giá vàng hôm nay tăng mạnh", "Giá vàng hôm nay tăng mạnh"),  # a Markdown heading mark
        ("####### Giá vàng hôm nay tăng mạnh", "####### Giá vàng hôm nay tăng mạnh"),  # seven: not a mark
        ("Giá vàng hôm nay tăng | Báo Người Lao Động", "Giá vàng hôm nay tăng"),  # five words, a site of four
        ("Giá vàng hôm nay tăng mạnh | Báo Kinh Tế Sài Gòn", "Giá vàng hôm nay tăng mạnh | Báo Kinh Tế Sài Gòn"),
        ("Giá vàng hôm nay | Báo Kinh Tế", "Giá vàng hôm nay | Báo Kinh Tế"),  # four words: the bar is the title's
        ("Giá vàng | tăng mạnh hôm nay | Báo Kinh Tế", "Giá vàng | tăng mạnh hôm nay"),  # the last bar
    ],
)
def test_the_headline_loses_heading_marks_and_the_site_name(line: str, title: str) -> None:
    story = "Chiều qua, giá vàng trong nước tăng mạnh sau nhiều phiên giảm liên tiếp, nhiều người dân đổ xô đi mua."
    assert clean("x.txt", f"{line}\n\n{story}\n").title == title


def test_captions_are_kept_as_body_when_they_are_most_of_the_text() -> None:
    captions = [
        "Người dân đi bộ qua cầu trong buổi sáng đẹp trời",
        "Trẻ em chơi đùa bên bờ sông vào buổi chiều mát",
        "Xe cộ nối đuôi nhau qua cầu mới trong giờ cao điểm",
        "Pháo hoa rực rỡ trên bầu trời trong đêm khánh thành",
    ]
    story = "Cây cầu mới được thông xe hôm qua sau hai năm xây dựng, người dân vui."
    # Each caption twice in a row (an image's alt text and legend): 390 characters of captions,
    # 70 of story, 27 of headline; 417 of the 487 would have gone.
    page = "Lễ thông xe cầu mới hôm qua\n\n" + "".join(f"{c}\n{c}\n\n" for c in captions) + story + "\n"
    document = clean("x.txt", page)
    assert document.title == "Lễ thông xe cầu mới hôm qua"
    assert _body(document) == [c for c in captions for _ in (1, 2)] + [story]
    assert document.removed == ()
    assert document.notes == ("cleaning would have dropped 85% of the text as captions or repeats; kept it as body",)


def test_a_lone_question_stays_the_body() -> None:
    document = clean("x.txt", f"Trang chủ\n{QUESTION}\n")
    assert (document.title, _body(document)) == (None, [QUESTION])


@pytest.mark.parametrize(
    "heading",
    [
        "Tin liên quan",
        "Tin liên quan: giá vàng hôm nay và những điều cần biết.",  # twelve words, like a sentence
    ],
)
def test_a_related_links_heading_inside_the_body_ends_the_article(heading: str) -> None:
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\n{heading}\n\n{SECOND}\n\n{THIRD}\n")
    assert _body(document) == [BODY]
    assert _removed(document) == [("boilerplate", heading), ("boilerplate", SECOND), ("boilerplate", THIRD)]


def test_a_heading_of_thirteen_words_is_not_a_related_links_heading() -> None:
    heading = "Tin liên quan: giá vàng hôm nay và những điều cần biết thêm"
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\n{heading}\n\n{SECOND}\n")
    assert _body(document) == [BODY, SECOND]


def test_a_related_links_heading_above_the_headline_is_a_menu_item() -> None:
    document = clean("x.txt", f"Trang chủ\nTin liên quan\nGiá vàng tăng mạnh\n\n{BODY}\n\n{SECOND}\n")
    assert document.title == "Giá vàng tăng mạnh"
    assert _body(document) == [BODY, SECOND]


def test_a_text_given_alone_is_utf8_plain_text() -> None:
    document = clean("x.txt", f"{BODY}\n")
    assert (document.encoding, document.format) == ("utf-8", "text")


def test_the_readers_headings_reach_the_document() -> None:
    text = f"Cầu mới\n\n{BODY}\n"
    heading = Heading(0, len("Cầu mới"), 1, "Cầu mới")
    document = clean("x.md", text, format="markdown", headings=(heading,))
    assert (document.format, document.headings) == ("markdown", (heading,))


def test_a_date_line_deep_in_the_body_is_a_date() -> None:
    # Below the body's first three lines, where the header's date search does not reach.
    fourth = "Người dân hai bên bờ sông đã chờ đợi cây cầu này trong nhiều năm qua và rất vui mừng."
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\n{SECOND}\n\n{THIRD}\n\n12/03/2024\n\n{fourth}\n")
    assert _body(document) == [BODY, SECOND, THIRD, fourth]
    assert _removed(document) == [("date", "12/03/2024")]


def test_lines_below_the_body_are_page_furniture() -> None:
    related = "Giá xăng trong nước tăng mạnh lần thứ ba liên tiếp trong tuần này"  # not a caption: 14 words
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\n{SECOND}\n\n{related}\nXem tiếp\n")
    assert _body(document) == [BODY, SECOND]
    assert _removed(document) == [("boilerplate", related), ("boilerplate", "Xem tiếp")]


def test_a_caption_in_brackets_is_a_caption_at_any_length() -> None:
    caption = "(Video: người dân đi bộ qua cây cầu mới trong ngày đầu tiên thông xe hôm qua)"  # 17 words
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n{caption}\n{SECOND}\n")
    assert _body(document) == [BODY, SECOND]
    assert _removed(document) == [("caption", caption)]


@pytest.mark.parametrize(("words", "furniture"), [(40, True), (41, False)])
def test_a_copyright_line_of_up_to_forty_words_is_furniture(words: int, furniture: bool) -> None:
    line = "Bản quyền thuộc về tòa soạn, " + " ".join(["mọi"] * (words - 7)) + " nguồn."
    assert len(line.split()) == words
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\n{line}\n\n{SECOND}\n")
    assert (("boilerplate", line) in _removed(document)) is furniture
    assert (line in _body(document)) is not furniture


def test_a_sentence_below_the_byline_is_not_taken_into_the_body() -> None:
    note = "Bạn đọc có thể gửi ý kiến về bài viết này."
    document = clean("x.txt", f"Giá vàng tăng mạnh\n\n{BODY}\n\n{SECOND}\n\nMinh Anh\n\n{note}\n")
    assert _body(document) == [BODY, SECOND]
    assert _removed(document) == [("byline", "Minh Anh"), ("boilerplate", note)]
