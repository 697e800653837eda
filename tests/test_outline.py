"""Numbered headings of plain-text reports and their sections' key sentences."""

from __future__ import annotations

from tui.core.model import Document, Sentence, Span
from tui.core.outline import numbered_headings, sections, shown_spans

REPORT = """BÁO CÁO TỔNG KẾT CÔNG TÁC NĂM 2024

I. KẾT QUẢ ĐẠT ĐƯỢC
1. Công tác tuyên truyền
Năm qua, xã đã tổ chức nhiều buổi tuyên truyền về chuyển đổi số. Người dân tham gia đông đủ.
a) Về hình thức
Tuyên truyền qua loa truyền thanh và mạng xã hội.
1.1. Kết quả cụ thể
Hơn 90% hộ dân được phổ biến.
2. Tiếp tục đẩy mạnh việc cải cách hành chính, rút ngắn thời gian giải quyết hồ sơ cho người dân và \
doanh nghiệp trên địa bàn toàn xã trong năm tới.
b) tăng cường kiểm tra;
II. PHƯƠNG HƯỚNG NĂM 2025
Xã phấn đấu hoàn thành các chỉ tiêu.
"""


def test_numbered_lines_become_headings_with_levels() -> None:
    headings = numbered_headings(REPORT)
    assert [(h.level, h.text) for h in headings] == [
        (1, "I. KẾT QUẢ ĐẠT ĐƯỢC"),
        (2, "1. Công tác tuyên truyền"),
        (4, "a) Về hình thức"),
        (3, "1.1. Kết quả cụ thể"),
        (1, "II. PHƯƠNG HƯỚNG NĂM 2025"),
    ]  # the long numbered paragraph and the list item ending in ';' are body text
    for heading in headings:
        assert REPORT[heading.start : heading.end] == heading.text


def test_one_numbered_line_or_a_date_is_not_an_outline() -> None:
    assert numbered_headings("Ngày 12.3 họp.\n1. Một ý duy nhất\nVăn bản thường.") == ()
    assert numbered_headings("MIX. không phải số La Mã\nDIV. cũng không\n") == ()


def test_sections_count_the_summarys_sentences_under_each_heading() -> None:
    headings = numbered_headings(REPORT)
    sentences = []
    for index, line in enumerate(x for x in REPORT.splitlines() if x and all(h.text != x for h in headings)):
        start = REPORT.index(line)
        sentences.append(Sentence(index, start, start + len(line), line, index))
    ranks = {s.index: len(sentences) - s.index for s in sentences}  # the last sentence ranks best
    parts = sections(headings, sentences, ranks, 2)
    assert [p.key_sentences for p in parts] == [0, 0, 0, 1, 1]
    assert parts[-1].best is not None and parts[-1].best.text.startswith("Xã phấn đấu")
    assert parts[0].best is None  # nothing between I. and 1.


def test_headings_kept_out_of_the_body_are_shown_between_paragraphs() -> None:
    text = "I. TÌNH HÌNH CHUNG\nXã có ba thôn. Dân số tăng.\nII. NHIỆM VỤ\nXã làm đường mới."
    first, second = text.index("Xã có"), text.index("Xã làm")
    body = (Span(first, text.index("\nII.")), Span(second, len(text)))
    document = Document(path="a.txt", text=text, encoding="utf-8", paragraphs=body)
    spans, headings = shown_spans(document)
    assert [text[h.start : h.end] for h in headings] == ["I. TÌNH HÌNH CHUNG", "II. NHIỆM VỤ"]
    assert [s.start for s in spans] == [0, first, text.index("II."), second]
    # a heading already inside a body paragraph is not shown twice
    whole = Document(path="a.txt", text=text, encoding="utf-8", paragraphs=(Span(0, len(text)),))
    assert shown_spans(whole) == ((Span(0, len(text)),), ())
