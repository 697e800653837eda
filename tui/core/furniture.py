"""Page furniture: what a news page or an official document prints around its text.

Photo and clip credits, bylines and source lines, link lines, menus and form
fields, copyright footers, captions in parentheses, and the dates pages print.
The cleaner, the sentence filter, the tokenizer, the summarizers and the entity
rules all import their patterns from here, so each rule has one home. Patterns
are written from the vocabulary pages use, never from particular articles.
"""

from __future__ import annotations

import datetime as dt
import re

# --- Credits and captions ------------------------------------------------------------------

# Words that open a credit, for the sentence filter (any case).
_CREDIT_WORD = r"(?:ảnh|clip|video|nguồn|đồ\s*hoạ|đồ\s*họa|infographic)"
# A sentence that starts as a caption or a credit: `Ảnh: …`, `(Nguồn: …)`, `Video: …`.
CAPTION_START = re.compile(
    rf"^[\s(\[\-–>]*(?:{_CREDIT_WORD}(?:\s*minh\s*ho[ạa])?\s*[:|]|ảnh\s*minh\s*ho[ạa]\b)", re.IGNORECASE
)
# A sentence that ends with a credit: `… - Ảnh: QUANG ĐỊNH`, `… (Ảnh: Reuters).`
CREDIT_END = re.compile(
    rf"(?:[-–|(\[]|^|\.)\s*{_CREDIT_WORD}(?:\s*minh\s*ho[ạa])?\s*:\s*[^.!?:]{{1,50}}[)\]]?\s*\.?$", re.IGNORECASE
)
# A line that ends with a photo credit: `Toàn cảnh hội nghị (Ảnh: Minh Anh)`.
PHOTO_CREDIT_TAIL = re.compile(
    r"\(?\s*(?:ảnh\s*(?:minh\s*họa|minh\s*hoạ)?|video|clip)\s*:\s*[^.]{1,60}\)?\s*$", re.IGNORECASE
)
# A line that is a photo credit: `Ảnh: TTXVN`, `(Ảnh minh hoạ: Internet)`.
CREDIT_LINE_START = re.compile(r"\(?\s*ảnh\s*(?:minh\s*ho[ạa]\s*)?:", re.IGNORECASE)
# A credit inside running text, where scraped pages glue the next sentence onto it:
# `Ảnh: QUANG ĐỊNHChiều 18-12, ...` (capitalised forms only: "ảnh" is also an ordinary word).
GLUED_CREDIT = re.compile(r"\b(?:Ảnh|ẢNH|Clip|CLIP|Video|VIDEO)\s*:\s*")
# A credit that opens a line, follows a bracket, or follows the end of the caption sentence;
# group 1 is the colon (without it only ``Ảnh TTXVN.`` reads as a credit).
CREDIT_IN_LINE = re.compile(
    r"(?:^|[(\[]|(?<=[.!?…])[^\S\n])[^\S\n]*"
    r"(?:[Ảả]nh|[Ii]nfographic|[Vv]ideo|[Cc]lip|[Đđ]ồ họa)"
    r"(?:[^\S\n]+(?:minh[^\S\n]+họa|tư[^\S\n]+liệu))?[^\S\n]*(:)?[^\S\n]*"
)
# Words in a credit that name no one: Ảnh: Internet, Ảnh: NVCC (supplied by the person), Ảnh: PV.
NO_CREDIT_NAMES = frozenset({"Internet", "NVCC", "PV", "CTV", "BTV", "Facebook", "FB", "Google", "Nguồn"})
# A caption in parentheses on a line of its own: `(Ảnh minh hoạ)`, `(Video: VTV)`, `(Hình: Internet)`.
PAREN_CAPTION = re.compile(
    r"^[(\[]\s*(?:ảnh|hình(?:\s*ảnh)?|video|clip|đồ\s*ho[ạa]|đồ\s*họa|infographic|nguồn)\b[^()\[\]]{0,80}[)\]]\s*\.?$",
    re.IGNORECASE,
)
# How captions open: `Ảnh …`, `Toàn cảnh hội nghị`, `Các đại biểu …`.
CAPTION_CUE = re.compile(
    r"^(?:\(?ảnh\b|toàn\s*cảnh|quang\s*cảnh|hình\s*ảnh|các\s*đại\s*biểu|đại\s*biểu|điểm\s*cầu|"
    r"video|clip|infographic)",
    re.IGNORECASE,
)
# Words that mark a sentence as page matter rather than news, for Edmundson's cue method.
STIGMA_WORDS: tuple[str, ...] = ("ảnh", "video", "clip", "xem", "nguồn", "theo")

# --- Bylines and source lines --------------------------------------------------------------

# A whole line naming the source: `Theo VnExpress`, `(Nguồn: Bộ Y tế)`.
SOURCE_BYLINE = re.compile(r"^\(?\s*(?:theo|nguồn)\s*:?\s*\S.{0,60}\)?$", re.IGNORECASE)
# A sentence that opens as a source line.
SOURCE_LINE = re.compile(r"^\(?\s*(?:theo|nguồn)\s*:?\s*[^\s,.]", re.IGNORECASE)
# The source cue inside a line (``Theo``/``Nguồn`` at its start or after a bracket), up to the name.
SOURCE_CUE = re.compile(r"(?:^|(?<=[(\[]))[^\S\n]*(?:[Tt]heo|[Nn]guồn)[^\S\n]*:?[^\S\n]*(?=\S)")
# Academic and professional titles written before a byline name.
# Military and police ranks, printed before a signer's name (``Đại tướng Lê Văn A``, ``Thiếu tá …``).
_RANK = r"(?:đại|thượng|trung|thiếu)\s*(?:tướng|tá|úy|uý)"
NAME_TITLES = re.compile(
    rf"^(?:(?:th\.?s|ts|pgs|gs|ks|bs|ls|cn|nhà\s*báo|nhà\s*thơ|{_RANK})\.?\s*)+",
    re.IGNORECASE,
)
# A rank right before a name (the text up to the name ends with it).
RANK_BEFORE_NAME = re.compile(rf"(?:^|\s){_RANK}\s*$", re.IGNORECASE)
# How a byline ends: `(tổng hợp)`, `(T/h)`, `(Theo Reuters)`, `(lược dịch)`, `(Video: …)`.
BYLINE_TAIL = re.compile(
    r"\((?:\s*(?:tổng\s*hợp|t\s*/\s*h|th|lược\s*dịch|dịch|biên\s*dịch|theo|nguồn|video|ảnh|clip)\b[^()]{0,60})\)\s*$",
    re.IGNORECASE,
)
# What separates several authors of one byline: `THUẬN VĂN - LÊ ÁNH`, `Minh Anh, Hà Linh`, `A và B`.
AUTHOR_SEPARATOR = re.compile(r"\s+[-–&]\s+|\s*,\s*|\s*/\s*|\s+và\s+")
# A byline naming a team, not a writer: `Nhóm PV`, `PV`, `Nhóm phóng viên`, `CTV`.
COLLECTIVE_BYLINE = re.compile(r"^(?:nhóm\s*)?(?:pv|ctv|btv|phóng\s*viên|p\.?v\.?)\b", re.IGNORECASE)
# Labels some sites print before the byline: `Tác giả: …`, `Bài và ảnh: …`, `PV: …`.
BYLINE_LABEL = re.compile(
    r"^(?:tác\s*giả|(?:bài|tin)(?:\s*(?:và|,|/)\s*ảnh)?|thực\s*hiện|nhóm\s*phóng\s*viên|phóng\s*viên|pv|ctv|by)"
    r"\s*[:：]\s*",
    re.IGNORECASE,
)

# --- Links, menus, forms and footers -------------------------------------------------------

# "Xem thêm: <another headline>" and the like: a whole line linking to another page.
LINK_LINE = re.compile(r"^\(?(?:xem\s*(?:thêm|tiếp|video|clip)|đọc\s*thêm|mời\s*xem|>>)\s*[:>»]", re.IGNORECASE)
# A sentence that sends the reader elsewhere: `Xem video: …`, `Xem thêm tại đây.`, `>> Đọc thêm …`.
LINK_SENTENCE = re.compile(
    r"^[\s>»\-–*]*(?:(?:xem|đọc|mời\s*(?:quý\s*vị|bạn\s*đọc|độc\s*giả)\s*xem)\s*"
    r"(?:thêm|tiếp|video|clip|chi\s*tiết|toàn\s*bộ|ảnh|tin|bài)|video|clip|infographic|"
    r"nguồn\s*video|(?:link|trailer)\s*:)\b",
    re.IGNORECASE,
)
# A line that starts the site's comment form or related-links list: the rest of the page is furniture.
TAIL_START = re.compile(
    r"^(?:ý\s*kiến\s*(?:bạn\s*đọc|của\s*bạn)|gửi\s*ý\s*kiến|bình\s*luận|viết\s*bình\s*luận|"
    r"bài\s*(?:viết\s*)?cùng\s*chuyên\s*mục|tin\s*cùng\s*chuyên\s*mục|(?:các\s*)?tin\s*(?:bài\s*)?"
    r"(?:liên\s*quan|khác)|bài\s*viết\s*liên\s*quan|đọc\s*nhiều\s*nhất|tin\s*mới\s*nhất|"
    r"xem\s*nhiều\s*nhất|tin\s*nổi\s*bật|có\s*thể\s*bạn\s*quan\s*tâm|bạn\s*có\s*thể\s*quan\s*tâm|"
    r"tin\s*xem\s*nhiều)\b",
    re.IGNORECASE,
)
# Single short lines of page furniture: form fields, buttons, menus.
MENU_LINE = re.compile(
    r"^(?:họ\s*(?:và\s*)?tên|e-?mail|địa\s*chỉ|điện\s*thoại|mã\s*(?:bảo\s*vệ|xác\s*nhận)|"
    r"tìm\s*kiếm|in\s*(?:trang\s*này|bài(?:\s*viết)?)|gửi\s*bài|chia\s*sẻ|share|tweet|like|"
    r"video\s*clips?|xem\s*thêm|đọc\s*thêm|xem\s*tiếp|quay\s*lại|về\s*đầu\s*trang|trở\s*về|"
    r"tags?|từ\s*kho[áa]|bản\s*quyền|copyright|©|tra\s*cứu|giới\s*thiệu\s*tạp\s*chí|"
    r"số\s*\d+\s*[-–]\s*\d{4}$|trang\s*chủ|đăng\s*nhập|đăng\s*ký|top|podcast|e-?magazine|"
    r"lưu\s*bài|nghe\s*bài|sao\s*chép\s*liên\s*kết)\b",
    re.IGNORECASE,
)


def first_char_guarded(alternatives: tuple[str, ...], flags: int = 0) -> re.Pattern[str]:
    """``alt|alt|…`` tried only where one of the alternatives' first characters stands.

    Python's ``re`` tries every alternative at every position of a line; a one-character class in
    front rejects most positions at once (a 5 MB file of short lines: COPYRIGHT 0.46 → 0.18 s).
    Each alternative must start, after ``^`` or ``\\b``, with a literal character or an escaped one.
    """
    firsts = {_first_char(alternative) for alternative in alternatives}
    guard = "".join(re.escape(ch) for ch in sorted(firsts))
    return re.compile(rf"(?=[{guard}])(?:{'|'.join(alternatives)})", flags)


def _first_char(alternative: str) -> str:
    body = alternative.removeprefix("^").removeprefix(r"\b")
    escaped = body.startswith("\\")
    first = body[1] if escaped else body[0]
    if (escaped and first.isalnum()) or (not escaped and first in "[(.?*+{|$"):  # ``\d``, a group, a class
        raise ValueError(f"{alternative!r} does not start with a literal character")
    return first


# A copyright or publisher footer line, wherever it sits: `© 2026 Báo X`, `Bản quyền thuộc …`,
# `Giấy phép số 123/GP-BTTTT`, `Tổng biên tập: …`, `Ghi rõ nguồn … khi phát hành lại`.
COPYRIGHT = first_char_guarded(
    (
        r"©",
        r"\(c\)\s*\d{4}",
        r"\bcopyright\b",
        r"bản\s*quyền\s*(?:thuộc|©|của)",
        r"giữ\s*bản\s*quyền",
        r"giấy\s*phép\s*(?:số|hoạt\s*động|xuất\s*bản|thiết\s*lập)",
        r"chịu\s*trách\s*nhiệm\s*(?:nội\s*dung|xuất\s*bản)",
        r"^tổng\s*biên\s*tập\s*:",
        r"ghi\s*rõ\s*nguồn",
        r"phát\s*hành\s*lại\s*thông\s*tin",
        r"all\s*rights\s*reserved",
        r"cơ\s*quan\s*chủ\s*quản\s*:",
        r"tòa\s*soạn\s*:",
        r"hotline\s*:",
    ),
    re.IGNORECASE,
)
# A breadcrumb or menu path: `Trang chủ > Thời sự`, `Tin tức » Kinh doanh`.
BREADCRUMB_SEPARATOR = re.compile(r"\s*[>»›|/]\s*")

# --- Dates ---------------------------------------------------------------------------------

# Weekdays, also as pages with their diacritics stripped print them (``Thu sau``, ``Chu nhat``).
_WEEKDAY = r"(?:th[ứu]\s*(?:hai|ba|tư|tu|năm|nam|sáu|sau|bảy|bẩy|bay|2|3|4|5|6|7)|ch[ủu]\s*nh[ậa]t|cn)"
DATE_NUM = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)\s+(\d{4})", re.IGNORECASE)
# ISO dates (``2026-03-07``, ``2026-03-07T08:47``), as pages' metadata and feeds print them: year first.
DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)?)?(?!\d)")
# What may surround a date on a date line: weekdays, clock times, labels, time zones.
_DATE_LINE_FILLER = re.compile(
    rf"{_WEEKDAY}|\d{{1,2}}\s*[:h]\s*\d{{2}}(?:\s*:\s*\d{{2}})?(?:\s*'|\s*(?:am|pm|sa|ch))?|gmt\s*[+-]?\s*\d*|utc|"
    r"cập\s*nhật(?:\s*lúc)?|ngày\s*đăng|đăng\s*(?:lúc|ngày)|ngày|xuất\s*bản|thời\s*gian|"
    r"published|updated|posted|lúc",
    re.IGNORECASE,
)
_DATE_LINE_MAX = 80


def parse_date(text: str) -> dt.date | None:
    """The first valid calendar date written as d/m/yyyy, d-m-yyyy, d.m.yyyy, in words or as yyyy-mm-dd."""
    found = first_date(text)
    return found[0] if found else None


def first_date(text: str) -> tuple[dt.date, re.Match[str]] | None:
    """The first valid calendar date in ``text`` and where it is written."""
    for pattern in (DATE_NUM, DATE_WORDS, DATE_ISO):
        for match in pattern.finditer(text):
            day, month, year = (int(g) for g in match.groups())
            if pattern is DATE_ISO:
                day, year = year, day
            try:
                return dt.date(year, month, day), match
            except ValueError:
                continue
    return None


# The place before a date written in words, as letters and reports date themselves
# (``Yên Hòa, ngày 15 tháng 12 năm 2025``): part of the date line, never a byline.
PLACE_BEFORE_DATE = re.compile(r"^[^\W\d_]+(?:\s+[^\W\d_]+){0,5},\s*(?=ngày\s+\d)", re.IGNORECASE)


def is_date_line(text: str) -> bool:
    """A line that holds a date and nothing but what pages print around one (or a place before it)."""
    text = PLACE_BEFORE_DATE.sub("", text.strip())
    if len(text) > _DATE_LINE_MAX or parse_date(text) is None:
        return False
    return not re.search(r"[^\W\d_]{2,}", _without_date(text))


def _without_date(text: str) -> str:
    rest = DATE_NUM.sub(" ", text)
    rest = DATE_WORDS.sub(" ", rest)
    rest = DATE_ISO.sub(" ", rest)
    return _DATE_LINE_FILLER.sub(" ", rest)


def split_dated_byline(text: str) -> tuple[str, str] | None:
    """``Nguyên Minh - 07/03/2026 08:47``, ``Đỗ Trung • 07:12 ngày 24/03/2024`` or ``07/03/2026 |
    Nguyên Minh``: (name part, date part).

    The line must be a date line once the name part is taken away, and the name part
    must be short and hold no digit; the caller decides whether it is a name.
    """
    if len(text) > _DATE_LINE_MAX or parse_date(text) is None:
        return None
    parts = re.split(r"\s+[-–|•·]\s+|\s*\|\s*", text)
    if len(parts) < 2:
        return None
    for cut in (1, len(parts) - 1):
        head, tail = parts[:cut], parts[cut:]
        for name, date in ((head, tail), (tail, head)):
            name_text = " - ".join(name).strip(" ,-–")
            date_text = " ".join(date)
            if name_text and not re.search(r"\d", name_text) and is_date_line(date_text):
                return name_text, date_text
    return None
