"""Official documents (Decree 30/2020 and Party layouts): title, date, signer, metadata, body.

Every document here is invented for the test.
"""

from __future__ import annotations

import datetime as dt

from tui.core.clean import clean
from tui.core.model import Document

PARTY_REPORT = "\n".join(
    [
        "TỈNH ỦY BẮC HÀ                                   ĐẢNG CỘNG SẢN VIỆT NAM",
        "BAN TỔ CHỨC",
        "*",
        "Số: 15-BC/BTCTU                          Bắc Hà, ngày 20 tháng 12 năm 2022",
        "",
        "BÁO CÁO",
        "Tổng kết công tác tổ chức xây dựng Đảng năm 2022,",
        "phương hướng, nhiệm vụ năm 2023",
        "-----",
        "",
        (
            "Thực hiện Chương trình công tác năm 2022 của Ban Thường vụ Tỉnh ủy, Ban Tổ chức Tỉnh ủy "
            "báo cáo kết quả như sau:"
        ),
        "",
        (
            "Năm 2022, ngành tổ chức xây dựng Đảng của tỉnh đã tham mưu ban hành nhiều văn bản quan "
            "trọng về công tác cán bộ, góp phần nâng cao chất lượng đội ngũ cán bộ các cấp."
        ),
        "",
        (
            "Toàn tỉnh kết nạp được 1.250 đảng viên mới, đạt 104% kế hoạch; tỷ lệ tổ chức cơ sở đảng "
            "hoàn thành tốt nhiệm vụ trở lên đạt 89%."
        ),
        "",
        (
            "Năm 2023, ngành tiếp tục tập trung rà soát, bổ sung quy hoạch cán bộ và đổi mới phương "
            "thức đánh giá, xếp loại tổ chức đảng, đảng viên theo hướng thực chất."
        ),
        "",
        "Nơi nhận:                                          T/M BAN THƯỜNG VỤ",
        "- Ban Tổ chức Trung ương,                          PHÓ BÍ THƯ THƯỜNG TRỰC",
        "- Thường trực Tỉnh ủy,                             (đã ký)",
        "- Lưu Văn phòng.",
        "                                                   Lê Văn Quang",
        "",
    ]
)

# The same layout as a PDF or OCR gives it: columns flattened into one line, an OCR'd type line.
GOVERNMENT_DECISION = "\n".join(
    [
        "Người ký: CỔNG THÔNG TIN ĐIỆN TỬ",
        "Email: congthongtin@example.vn",
        "Cơ quan: VĂN PHÒNG ỦY BAN",
        "Thời gian ký: 02.04.2023 10:11:12 +07:00",
        "ỦY BAN NHÂN DÂN TỈNH SƠN NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 412/QĐ-UBND Sơn Nam, ngày 28 tháng 3 năm 2023",
        "QUYÉT ĐỊNH",
        "Về việc phê duyệt kế hoạch trồng rừng thay thế",
        "giai đoạn 2023 - 2025 trên địa bàn tỉnh",
        "ỦY BAN NHÂN DÂN TỈNH SƠN NAM",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Lâm nghiệp ngày 15 tháng 11 năm 2017;",
        "Theo đề nghị của Giám đốc Sở Nông nghiệp và Phát triển nông thôn.",
        "QUYẾT ĐỊNH:",
        (
            "Điều 1. Phê duyệt kế hoạch trồng 1.200 ha rừng thay thế trong giai đoạn 2023 - 2025, ưu "
            "tiên các huyện miền núi có diện tích rừng bị chuyển đổi mục đích sử dụng lớn."
        ),
        (
            "Điều 2. Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với các địa phương tổ "
            "chức thực hiện và báo cáo kết quả hằng năm."
        ),
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        "Nơi nhận: KT. CHỦ TỊCH",
        "- Như Điều 3; PHÓ CHỦ TỊCH",
        "- Bộ Nông nghiệp và PTNT;",
        "- Lưu: VT, NN. Trần Thị Hồng Vân",
        "",
    ]
)

BLANK_FORM = "\n".join(
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "----------------",
        "TỜ KHAI ĐĂNG KÝ THƯỜNG TRÚ",
        "Kính gửi: Công an xã, phường ……………",
        "Họ, chữ đệm và tên người khai: ……………………………………",
        "Ngày, tháng, năm sinh: ……/……/……… Giới tính: ……",
        "Nơi cư trú hiện tại: ………………………………………………………………",
        "……, ngày …… tháng …… năm 20……",
        "NGƯỜI KHAI",
        "(Ký, ghi rõ họ tên)",
        "",
    ]
)


def _body(document: Document) -> str:
    return "\n".join(document.text[p.start : p.end] for p in document.paragraphs)


def test_party_report_title_date_signer_and_metadata() -> None:
    doc = clean("bao-cao.txt", PARTY_REPORT)
    assert doc.title == ("Báo cáo tổng kết công tác tổ chức xây dựng Đảng năm 2022, phương hướng, nhiệm vụ năm 2023")
    assert doc.date == dt.date(2022, 12, 20)
    assert doc.author == "Lê Văn Quang"
    assert doc.metadata == {
        "issuer": "TỈNH ỦY BẮC HÀ BAN TỔ CHỨC",
        "number": "15-BC/BTCTU",
        "type": "Báo cáo",
        "signer": "Lê Văn Quang",
    }


def test_party_report_body_is_the_report_only() -> None:
    doc = clean("bao-cao.txt", PARTY_REPORT)
    body = _body(doc)
    assert body.startswith("Năm 2022, ngành tổ chức")
    assert "1.250 đảng viên" in body and "Năm 2023, ngành" in body
    for block in (
        "ĐẢNG CỘNG SẢN",
        "Số: 15",
        "BÁO CÁO",
        "Nơi nhận",
        "Ban Tổ chức Trung ương,",
        "BÍ THƯ",
        "Lê Văn Quang",
    ):
        assert block not in body
    reasons = {doc.text[r.start : r.end]: r.reason for r in doc.removed}
    assert reasons["- Lưu Văn phòng."] == "recipients"
    assert [r for t, r in reasons.items() if "(đã ký)" in t] == ["signature"]
    assert reasons["Lê Văn Quang"] == "signature"


def test_flattened_ocr_decision_with_signature_stamp() -> None:
    doc = clean("quyet-dinh.txt", GOVERNMENT_DECISION)
    assert (
        doc.title == "Quyết định về việc phê duyệt kế hoạch trồng rừng thay thế giai đoạn 2023 - 2025 trên địa bàn tỉnh"
    )
    assert doc.date == dt.date(2023, 3, 28)  # the place-and-date line, not the stamp's signing time
    assert doc.author == "Trần Thị Hồng Vân"
    assert doc.metadata["issuer"] == "ỦY BAN NHÂN DÂN TỈNH SƠN NAM"
    assert doc.metadata["number"] == "412/QĐ-UBND"
    assert doc.metadata["type"] == "Quyết định"
    body = _body(doc)
    assert body.startswith("Điều 1. Phê duyệt kế hoạch")
    assert "Điều 3." in body
    for block in ("Người ký", "Thời gian ký", "Căn cứ", "QUYẾT ĐỊNH:", "Nơi nhận", "PHÓ CHỦ TỊCH", "Như Điều 3"):
        assert block not in body
    reasons = {r.reason for r in doc.removed}
    assert {"header", "preamble", "recipients", "signature"} <= reasons


def test_blank_form_gets_no_invented_date_or_author() -> None:
    doc = clean("to-khai.txt", BLANK_FORM)
    assert doc.title == "Tờ khai đăng ký thường trú"
    assert doc.date is None
    assert doc.author is None
    assert "signer" not in doc.metadata


def test_the_signature_stamp_alone_is_never_title_author_or_date() -> None:
    stamp = GOVERNMENT_DECISION.split("ỦY BAN NHÂN DÂN TỈNH SƠN NAM CỘNG")[0]
    doc = clean("scan.txt", stamp)
    assert doc.date is None
    assert doc.author is None
    assert doc.title is None or "Người ký" not in doc.title


def test_a_news_article_quoting_a_document_number_is_not_an_official_document() -> None:
    text = (
        "Tỉnh triển khai Nghị quyết về phát triển nông nghiệp\n\n"
        "Ngày 12/3, Ban Thường vụ Tỉnh ủy tổ chức hội nghị quán triệt Nghị quyết số 05-NQ/TU ngày 12 tháng 1 "
        "năm 2023 về phát triển nông nghiệp hàng hóa, với sự tham dự của lãnh đạo các sở, ngành và địa phương.\n\n"
        "Hội nghị thống nhất giao chỉ tiêu cụ thể cho từng huyện và yêu cầu báo cáo kết quả hằng quý.\n"
    )
    doc = clean("tin.txt", text)
    assert doc.title == "Tỉnh triển khai Nghị quyết về phát triển nông nghiệp"
    assert doc.metadata == {}
    assert len(doc.paragraphs) == 2


def test_a_place_at_the_end_of_a_recipient_is_not_the_signer() -> None:
    lines = GOVERNMENT_DECISION.rstrip("\n").split("\n")
    doc = clean("quyet-dinh.txt", "\n".join([*lines, "- UBND huyện Tân Lạc", ""]))
    assert doc.author == "Trần Thị Hồng Vân"
    assert doc.metadata["signer"] == "Trần Thị Hồng Vân"


def test_a_plan_signed_without_recipients_or_kt() -> None:
    text = "\n".join(
        [
            "ĐẢNG BỘ TỈNH SƠN NAM          ĐẢNG CỘNG SẢN VIỆT NAM",
            "HUYỆN ỦY TÂN LẠC",
            "Số 31-KH/HU                    Tân Lạc, ngày 5 tháng 1 năm 2024",
            "KẾ HOẠCH",
            "Tổ chức hội nghị học tập, quán triệt nghị quyết của Tỉnh ủy",
            "-----",
            "Huyện ủy tổ chức hội nghị cho toàn thể cán bộ chủ chốt của huyện trong ngày 20 tháng 1, "
            "bảo đảm nghiêm túc, thiết thực và tiết kiệm.",
            "Các chi bộ, đảng bộ cơ sở tổ chức học tập cho đảng viên xong trước ngày 15 tháng 2 và báo cáo "
            "kết quả về Ban Tuyên giáo Huyện ủy.",
            "BÍ THƯ",
            "(Đã ký)",
            "Đinh Công Sơn",
            "",
        ]
    )
    doc = clean("ke-hoach.txt", text)
    assert doc.title == "Kế hoạch tổ chức hội nghị học tập, quán triệt nghị quyết của Tỉnh ủy"
    assert doc.date == dt.date(2024, 1, 5)
    assert doc.author == "Đinh Công Sơn"
    assert doc.metadata["number"] == "31-KH/HU"
    assert doc.metadata["issuer"] == "ĐẢNG BỘ TỈNH SƠN NAM HUYỆN ỦY TÂN LẠC"
    body = _body(doc)
    assert body.startswith("Huyện ủy tổ chức") and body.endswith("Ban Tuyên giáo Huyện ủy.")


def test_contact_lines_in_an_article_are_not_a_signature_stamp() -> None:
    text = (
        "Sở Y tế mở đường dây nóng tiếp nhận phản ánh của người dân\n\n"
        "Người dân có thể phản ánh các vấn đề về chất lượng khám chữa bệnh qua đường dây nóng hoạt động "
        "suốt ngày đêm, kể cả ngày nghỉ và ngày lễ.\n\n"
        "Cơ quan: Sở Y tế tỉnh Sơn Nam\n"
        "Email: duongdaynong@example.vn\n"
    )
    doc = clean("tin.txt", text)
    assert "signature" not in {r.reason for r in doc.removed}


_ARTICLE = (
    "Điều 1. Phạm vi điều chỉnh\n\nVăn bản này quy định việc quản lý, khai thác và bảo vệ các công trình "
    "trên địa bàn, trách nhiệm của cơ quan, tổ chức và cá nhân có liên quan.\n\n"
    "Điều 2. Hiệu lực thi hành\n\nVăn bản này có hiệu lực thi hành kể từ ngày ký ban hành và thay thế các "
    "quy định trước đây trái với nội dung của văn bản này.\n"
)


def test_a_law_takes_its_subject_from_the_capital_lines_under_its_type() -> None:
    head = ["QUỐC HỘI", "--------", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    head += ["", "Luật số: 12/2024/QH15", "", "Hà Nội, ngày 20 tháng 6 năm 2024", "", "LUẬT", ""]
    head += [
        "BẢO VỆ NGUỒN NƯỚC",
        "VÀ TÀI NGUYÊN VEN BIỂN",
        "",
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
    ]
    head += ["", "Quốc hội ban hành Luật Bảo vệ nguồn nước và tài nguyên ven biển.", ""]
    tail = "\nCHỦ TỊCH QUỐC HỘI\n\nNguyễn Văn Hải\n"
    doc = clean("luat.docx", "\n".join(head) + "\n" + _ARTICLE + tail)
    assert doc.title == "Luật bảo vệ nguồn nước và tài nguyên ven biển"
    assert (doc.date, doc.author) == (dt.date(2024, 6, 20), "Nguyễn Văn Hải")


def test_a_type_and_its_subject_on_one_line_under_a_gazette_banner() -> None:
    head = ["VĂN BẢN QUY PHẠM PHÁP LUẬT", "", "CHÍNH PHỦ", "", "Số: 99/2024/NĐ-CP", ""]
    head += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc", ""]
    head += ["Hà Nội, ngày 5 tháng 3 năm 2024", ""]
    head += ["NGHỊ ĐỊNH Quy định chi tiết một số điều của Luật Thủy lợi về bảo vệ công trình", ""]
    head += ["Căn cứ Luật Tổ chức Chính phủ;", ""]
    doc = clean("nd.pdf", "\n".join(head) + _ARTICLE)
    assert doc.title == "Nghị định quy định chi tiết một số điều của Luật Thủy lợi về bảo vệ công trình"
    assert doc.metadata["type"] == "Nghị định"
    assert doc.date == dt.date(2024, 3, 5)


def test_a_retyped_circular_citing_itself_gives_subject_number_and_date() -> None:
    head = ["THÔNG TƯ", "", "SỐ 12/2009/TT-BNN NGÀY 3-4-2009 CỦA BỘ TRƯỞNG BỘ NÔNG NGHIỆP"]
    head += ["HƯỚNG DẪN THỰC HIỆN NGHỊ ĐỊNH SỐ 45/2008/NĐ-CP", "VỀ QUẢN LÝ ĐÊ ĐIỀU", ""]
    tail = "\nBỘ TRƯỞNG\n\nPhan Văn Lộc\n"
    doc = clean("tt.docx", "\n".join(head) + "\n" + _ARTICLE + tail)
    assert doc.title == "Thông tư hướng dẫn thực hiện nghị định số 45/2008/NĐ-CP về quản lý đê điều"
    assert doc.date == dt.date(2009, 4, 3)
    assert doc.metadata["number"] == "12/2009/TT-BNN"
    assert "SỐ 12/2009" not in "\n".join(doc.text[p.start : p.end] for p in doc.paragraphs)


def test_a_subject_keeps_its_quotation_marks() -> None:
    head = ["SỞ TƯ PHÁP", "Số: 40/KH-STP", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    head += ["Lâm Sơn, ngày 4 tháng 11 năm 2024", "", "KẾ HOẠCH", "", "Tổ chức hội thi “Tìm hiểu Luật Đất đai"]
    head += ["", "và Luật Nhà ở” trong đoàn viên thanh niên", "", "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh;", ""]
    doc = clean("kh.docx", "\n".join(head) + "\n" + _ARTICLE)
    assert doc.title == "Kế hoạch tổ chức hội thi “Tìm hiểu Luật Đất đai và Luật Nhà ở” trong đoàn viên thanh niên"


def test_a_signer_with_a_rank_before_an_annex_and_a_flattened_next_header() -> None:
    head = ["BỘ NÔNG NGHIỆP", "Số: 21/QĐ-BNN", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    head += ["Hà Nội, ngày 2 tháng 5 năm 2024", "", "QUYẾT ĐỊNH", "Về việc ban hành quy chế quản lý đê điều", ""]
    head += ["Căn cứ Luật Đê điều;", ""]
    end = ["", "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.", "", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]
    annex = ["Chương I", "", "QUY ĐỊNH CHUNG", "", "Điều 1. Quy chế này áp dụng cho các công trình đê điều."]
    annex += ["", "Mẫu số 01", "Người lập biểu", "Trần Thị Thu"]  # a form in the annex, with a sample name
    for signer_line in ("Thiếu tướng Hoàng Văn Minh", "Hoàng Văn Minh QUY CHẾ QUẢN LÝ ĐÊ ĐIỀU"):
        text = "\n".join([*head, _ARTICLE, *end, "", signer_line, "", *annex, ""])
        doc = clean("qd.pdf", text)
        assert doc.author == "Hoàng Văn Minh", signer_line
        assert doc.metadata["signer"] == "Hoàng Văn Minh"


def test_a_consolidated_text_is_dated_and_signed_by_its_authentication_block() -> None:
    head = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "", "LUẬT ĐÊ ĐIỀU", ""]
    head += ["Luật Đê điều số 79/2006/QH11 ngày 29 tháng 11 năm 2006 của Quốc hội, được sửa đổi, bổ sung bởi:", ""]
    head += ["Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;", ""]
    end = ["VĂN PHÒNG QUỐC HỘI", "Số: 15/VBHN-VPQH", "", "XÁC THỰC VĂN BẢN HỢP NHẤT", ""]
    end += ["Hà Nội, ngày 10 tháng 7 năm 2020 CHỦ NHIỆM", "", "Đỗ Quang Huy", "", "1 Luật số 60/2020/QH14 có hiệu lực."]
    articles = [f"Điều {n}. Công trình đê điều cấp {n} do Ủy ban nhân dân cấp tỉnh quản lý." for n in range(3, 12)]
    doc = clean("vbhn.pdf", "\n".join([*head, _ARTICLE, *articles, *end, ""]))
    assert doc.title == "Luật đê điều"
    assert (doc.date, doc.author) == (dt.date(2020, 7, 10), "Đỗ Quang Huy")


def test_forms_flattened_with_the_motto_or_split_over_two_capital_lines() -> None:
    first = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do – Hạnh phúc ĐƠN ĐỀ NGHỊ CẤP LẠI GIẤY PHÉP "
        "XÂY DỰNG (V/v: Cấp lại giấy phép do bị mất bản chính và hư hỏng một phần hồ sơ lưu trữ tại nhà)"
    )
    assert len(first) > 160  # one flattened line, longer than a header line
    fields = ["Kính gửi: ..................................", "", "Họ tên người đề nghị: ....................."]
    fields += ["Địa chỉ thường trú: .......................", "", "Lý do đề nghị cấp lại: ...................."]
    doc = clean("don.pdf", "\n".join([first, "", *fields, ""]))
    assert doc.title == "Đơn đề nghị cấp lại giấy phép xây dựng"
    assert (doc.date, doc.author) == (None, None)
    head = ["Ảnh             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""]
    head += ["SƠ YẾU LÝ LỊCH", "TỰ THUẬT", "", "I. THÔNG TIN BẢN THÂN.", ""]
    doc = clean("syll.doc", "\n".join([*head, *fields, ""]))
    assert doc.title == "Sơ yếu lý lịch tự thuật"
    assert (doc.date, doc.author) == (None, None)
