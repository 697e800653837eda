"""DATE and DOC: regular expressions over one line of text.

Each function takes the document text and a line's ``[start, end)`` and
returns candidates with offsets into the document text.
"""

from __future__ import annotations

import re

from tui.core.entities.candidates import Candidate
from tui.core.entities.text import LO, ROMAN, UP, WS

_YEAR = r"(?:19|20)\d\d"
_D = r"\d{1,2}"
_NOT_BEFORE = r"(?<![\d/.,:\-–])"
_NOT_AFTER = r"(?![\d/]|[.,]\d|\s*%)"
_KHOA = r"(?:[Kk]hóa|[Kk]hoá)"
_NGAY = rf"(?:[Nn]gày{WS})"

# 22/01/2021, ngày 6/11/2020, Ngày 25-10-2021, 7.5.2019, ngày 12 tháng 6 năm 2020
_FULL_DATE = re.compile(
    rf"{_NOT_BEFORE}(?:{_NGAY})?(?:{_D}/{_D}/{_YEAR}|{_D}-{_D}-{_YEAR}|{_D}\.{_D}\.{_YEAR}"
    rf"|{_D}{WS}tháng{WS}{_D}{WS}năm{WS}{_YEAR}){_NOT_AFTER}"
)
# A day and month without a year (13/01, 10-12, 7.5): a date only after a cue word or alone in brackets.
_DAY_MONTH = re.compile(rf"{_NOT_BEFORE}(?:{_NGAY})?({_D})([/.\-])({_D}){_NOT_AFTER}")
_DAY_CUE = re.compile(
    r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|nay|mai|từ|đến|tới|và|qua|rạng|khuya|chiều tối|sáng sớm)"
    r"[^\S\n]*$|\([^\S\n]*$",
    re.IGNORECASE,
)
_DAY_ALONE = re.compile(rf"{_NGAY}{_D}(?={WS}(?:và|đến|tới)\b|[^\S\n]*[-–][^\S\n]*{_D}[/\-]{_D})")
# tháng 9-2016, tháng 5/2017, tháng 6.2013, tháng 3 năm 2020, tháng 12
_MONTH = re.compile(rf"[Tt]háng{WS}{_D}(?:[/.\-]{_YEAR}|{WS}năm{WS}{_YEAR})(?![\d/])")
# 9 tháng năm 2021, 6 tháng đầu năm 2022, quý I/2021
_PERIOD = re.compile(
    rf"(?<![\d.,])\d{{1,2}}{WS}tháng{WS}(?:(?:đầu|cuối){WS})?năm{WS}{_YEAR}(?!\d)"
    rf"|[Qq]uý{WS}(?:[IV]{{1,3}}|\d)(?:/|{WS}năm{WS}){_YEAR}(?!\d)"
)
_RANGE = rf"{_YEAR}(?:[^\S\n]*[-–][^\S\n]*{_YEAR})?"
# năm 2021, nhiệm kỳ 2020 – 2025, giai đoạn 2021-2025, vụ đông xuân 2017
_YEARS = re.compile(
    rf"(?:[Nn]ăm|[Nn]hiệm{WS}kỳ|[Gg]iai{WS}đoạn|[Tt]hời{WS}kỳ|[Nn]iên{WS}khóa|[Nn]ăm{WS}học"
    rf"|[Nn]iên{WS}độ|(?<!nhiệm )vụ{WS}(?:đông|xuân|hè|thu|mùa|chiêm|lúa)(?:(?:{WS}|[^\S\n]*[-–][^\S\n]*)(?:đông|xuân|hè|thu|mùa|chiêm)){{0,2}})"  # noqa: E501
    rf"{WS}{_RANGE}(?![\d/.,]\d|\d)"
)
_BARE_RANGE = re.compile(rf"(?<![\d/.,\-–]){_YEAR}[^\S\n]*[-–][^\S\n]*{_YEAR}(?![\d/]|[.,]\d)")
# A bare year as a time point: "từ 1980", "đến 2020", "năm 2015 và 2016"
_BARE_YEAR = re.compile(rf"(?<![\d/.,\-–]){_YEAR}(?![\d/%]|[.,]\d|{WS}(?:tỷ|triệu|nghìn|ngàn|người|đồng))")
# SN: "sinh năm" (SN 1971)
_YEAR_CUE = re.compile(r"(?:\b(?:từ|đến|tới|vào|hồi|sau|trước|cuối|đầu|sinh|SN)|\()[^\S\n]*$", re.IGNORECASE)
_TERM = re.compile(rf"{_KHOA}{WS}({ROMAN})((?:[^\S\n]*,[^\S\n]*(?:{_KHOA}{WS})?{ROMAN})*)")
# A term in Arabic figures: Quốc hội khóa 14 (a school year, niên khóa 2016-2020, is four digits).
_TERM_NUMBER = re.compile(rf"(?<!niên ){_KHOA}{WS}\d{{1,2}}(?![\d/]|[.,\-–]\d)")
_TERM_PART = re.compile(rf"(?:{_KHOA}{WS})?{ROMAN}")
_DIGIT = re.compile(r"\d")  # what every DATE pattern but ``_TERM`` holds


def dates(text: str, start: int, end: int) -> list[Candidate]:
    found: list[Candidate] = []

    def add(a: int, b: int) -> None:
        found.append(Candidate.of("DATE", a, b))

    if not _DIGIT.search(text, start, end):
        # Every pattern but the Roman-numeral term needs a digit; most lines of prose have none,
        # and the patterns that start with a look-behind are tried at every character.
        return [Candidate.of("DATE", a, b) for a, b in _terms(text, start, end)]
    for pattern in (_FULL_DATE, _MONTH, _PERIOD, _YEARS, _BARE_RANGE, _DAY_ALONE):
        for m in pattern.finditer(text, start, end):
            add(m.start(), m.end())
    for m in _DAY_MONTH.finditer(text, start, end):
        if _valid_day_month(m) and _has_day_cue(text, start, m):
            add(m.start(), m.end())
    for a, b in _terms(text, start, end):
        add(a, b)
    for m in _TERM_NUMBER.finditer(text, start, end):
        add(m.start(), m.end())
    years = {c.end for c in found}
    for m in _BARE_YEAR.finditer(text, start, end):
        if _YEAR_CUE.search(text, max(start, m.start() - 12), m.start()) or _follows_year(text, m.start(), years):
            add(m.start(), m.end())
    return found


def _terms(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``khóa XIV``, ``khóa XIII, XIV``: each term."""
    spans = []
    for m in _TERM.finditer(text, start, end):
        spans.append((m.start(), m.end(1)))
        spans.extend(part.span() for part in _TERM_PART.finditer(text, m.end(1), m.end()))
    return spans


def _valid_day_month(m: re.Match[str]) -> bool:
    day, month = int(m.group(1)), int(m.group(3))
    return 1 <= day <= 31 and 1 <= month <= 12


def _has_day_cue(text: str, start: int, m: re.Match[str]) -> bool:
    if m.group(0).lower().startswith("ngày"):
        return True
    before = text[max(start, m.start() - 12) : m.start()]
    return bool(_DAY_CUE.search(before))


def _follows_year(text: str, pos: int, year_ends: set[int]) -> bool:
    """``năm 2015 và 2016``: a bare year coordinated with a preceding dated year (``year_ends``:
    where the dates found so far end; only the six characters before ``pos`` are looked at)."""
    for end in range(max(0, pos - 6), pos):
        if end in year_ends and re.fullmatch(r"[^\S\n]*(?:và|,|hoặc|-|–|đến)[^\S\n]*", text[end:pos]):
            return True
    return False


# ---------------------------------------------------------------- DOC
_DOC_TYPES = [
    "Nghị quyết",
    "Chỉ thị",
    "Kết luận",
    "Quyết định",
    "Đề án",
    "Chương trình hành động",
    "Chương trình",
    "Kế hoạch",
    "Quy định",
    "Hướng dẫn",
    "Thông tư liên tịch",
    "Thông tư",
    "Nghị định",
    "Thông báo",
    "Công văn",
    "Công điện",
    "Luật",
    "Pháp lệnh",
    "Quy chế",
    "Tờ trình",
    "Thông tri",
    "Chiến lược",
    "Dự án",
    "Văn bản",
]


def _type_alternation() -> str:
    out = []
    for t in sorted(_DOC_TYPES, key=len, reverse=True):
        first, rest = t[0], t[1:]
        out.append(f"[{first}{first.lower()}]" + re.escape(rest).replace(r"\ ", WS))
    return "(?:" + "|".join(out) + ")"


_CODE = r"\d+[\w.]*(?:[/\-][\wĐđ&.]*[\wĐđ])+"
_NUMBER = r"\d{1,4}[a-z]?(?![\w/%]|[.,]\d)"
_CONGRESS_BODY = (
    rf"(?:(?:{WS}(?:[{UP}][{UP}{LO}]*|tỉnh|thành|phố|huyện|quận|xã|toàn|quốc|lần|thứ|đại|biểu|bộ)){{0,8}}?)"
)
_ID = (
    rf"(?:[Ss]ố{WS})?{_CODE}"
    rf"|[Ss]ố{WS}{_NUMBER}"
    rf"|{_NUMBER}"
    rf"|(?:Hội{WS}nghị{WS})?Trung{WS}ương{WS}\d{{1,2}}(?:[^\S\n]*,[^\S\n]*\d{{1,2}})*(?!\d)"
    rf"|Đại{WS}hội{_CONGRESS_BODY}(?:{WS}lần{WS}thứ)?{WS}{ROMAN}"
    rf"|{ROMAN}"
)
_DOC_TERM = (
    rf"(?:[^\S\n]*\({_KHOA}{WS}{ROMAN}(?:[^\S\n]*,[^\S\n]*(?:{_KHOA}{WS})?{ROMAN})*\)"
    rf"|{WS}{_KHOA}{WS}{ROMAN}(?:[^\S\n]*,[^\S\n]*(?:{_KHOA}{WS})?{ROMAN})*)?"
)
_DOC = re.compile(rf"(?<![\w]){_type_alternation()}{WS}(?:{_ID}){_DOC_TERM}")
# Unique charters named without a number.
_NAMED_DOC = re.compile(
    rf"(?<![\w])(?:Điều{WS}lệ{WS}Đảng|Hiến{WS}pháp|Bộ{WS}luật{WS}(?:Hình{WS}sự|Dân{WS}sự|Lao{WS}động"
    rf"|Tố{WS}tụng{WS}hình{WS}sự|Tố{WS}tụng{WS}dân{WS}sự|Hàng{WS}hải))(?![\w])"
)
_TRAILING = re.compile(r"[\s.,;:\-–/]+$")


def documents(text: str, start: int, end: int) -> list[Candidate]:
    found: list[Candidate] = []
    for m in _DOC.finditer(text, start, end):
        stop = m.end()
        trail = _TRAILING.search(text, m.start(), stop)
        if trail:
            stop = trail.start()
        if _is_document_number(text, m.start(), stop, end):
            found.append(Candidate.of("DOC", m.start(), stop))
    for m in _NAMED_DOC.finditer(text, start, end):
        found.append(Candidate.of("DOC", m.start(), m.end()))
    return found


_COUNT_AFTER = re.compile(rf"{WS}[{LO}]")


def _is_document_number(text: str, start: int, stop: int, end: int) -> bool:
    """Reject ``Kế hoạch 2 năm`` and the like: a bare small number followed by a counted noun."""
    m = re.search(rf"{WS}(\d{{1,4}}[a-z]?)$", text[start:stop])
    if not m or "số" in text[start:stop].lower().split():
        return True
    following = text[stop : min(end, stop + 12)]
    unit = re.match(rf"{WS}(năm|tháng|ngày|lần|người|điểm|tỷ|triệu|%|giờ)\b", following)
    return unit is None
