"""Turn a scraped page into a Document: headline, date, author, body paragraphs.

Scraped news pages carry more than the article: category kickers, date lines,
photo captions (often repeated), bylines and the site's comment forms and
menus. These rules recognise such lines by their shape and by the vocabulary
web pages use for furniture, never by the exact strings of particular articles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from tui.core.model import Document, Heading, Removed, Span
from tui.core.readers.hints import apply_hints

_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|2|3|4|5|6|7)|chủ\s*nhật|cn)"
_DATE_NUM = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
# What may surround a date on a date line: weekdays, clock times, labels, time zones.
_DATE_LINE_FILLER = re.compile(
    rf"{_WEEKDAY}|\d{{1,2}}\s*[:h]\s*\d{{2}}(?:\s*'|\s*(?:am|pm))?|gmt\s*[+-]?\s*\d*|utc|"
    r"cập\s*nhật(?:\s*lúc)?|ngày\s*đăng|đăng\s*(?:lúc|ngày)|ngày|xuất\s*bản|thời\s*gian|"
    r"published|updated|posted|lúc",
    re.IGNORECASE,
)
# A line that starts the site's comment form or related-links list: the rest of the page is furniture.
_TAIL_START = re.compile(
    r"^(?:ý\s*kiến\s*(?:bạn\s*đọc|của\s*bạn)|gửi\s*ý\s*kiến|bình\s*luận|viết\s*bình\s*luận|"
    r"bài\s*(?:viết\s*)?cùng\s*chuyên\s*mục|tin\s*cùng\s*chuyên\s*mục|(?:các\s*)?tin\s*(?:bài\s*)?"
    r"(?:liên\s*quan|khác)|bài\s*viết\s*liên\s*quan|đọc\s*nhiều\s*nhất|tin\s*mới\s*nhất)\b",
    re.IGNORECASE,
)
# Single lines of page furniture: form fields, buttons, menus.
_FURNITURE = re.compile(
    r"^(?:họ\s*(?:và\s*)?tên|e-?mail|địa\s*chỉ|điện\s*thoại|mã\s*(?:bảo\s*vệ|xác\s*nhận)|"
    r"tìm\s*kiếm|in\s*(?:trang\s*này|bài(?:\s*viết)?)|gửi\s*bài|chia\s*sẻ|share|tweet|like|"
    r"video\s*clips?|xem\s*thêm|đọc\s*thêm|xem\s*tiếp|quay\s*lại|về\s*đầu\s*trang|trở\s*về|"
    r"tags?|từ\s*kho[áa]|bản\s*quyền|copyright|©|tra\s*cứu|giới\s*thiệu\s*tạp\s*chí|"
    r"số\s*\d+\s*[-–]\s*\d{4}$|trang\s*chủ|đăng\s*nhập|đăng\s*ký|top)\b",
    re.IGNORECASE,
)
# "Xem thêm: <another headline>" and the like: links to other pages, whatever their length.
_LINK_LINE = re.compile(r"^\(?(?:xem\s*(?:thêm|tiếp|video|clip)|đọc\s*thêm|mời\s*xem|>>)\s*[:>»]", re.IGNORECASE)
_KICKER_OCCASION = re.compile(r"^(?:nhân|kỷ\s*niệm|chào\s*mừng|hướng\s*tới|tiến\s*tới|chào\s*đón)\b", re.IGNORECASE)
_CAPTION_CUE = re.compile(
    r"^(?:\(?ảnh\b|toàn\s*cảnh|quang\s*cảnh|hình\s*ảnh|các\s*đại\s*biểu|đại\s*biểu|điểm\s*cầu|"
    r"video|clip|infographic)",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(r"\(?\s*ảnh\s*(?:minh\s*họa|minh\s*hoạ)?\s*:\s*[^.]{1,60}\)?\s*$", re.IGNORECASE)
_SOURCE_BYLINE = re.compile(r"^\(?\s*(?:theo|nguồn)\s*:?\s*\S.{0,60}\)?$", re.IGNORECASE)
# Academic and professional titles written before a byline name.
_NAME_TITLES = re.compile(
    r"^(?:(?:th\.?s|ts|pgs|gs|ks|bs|ls|cn|nhà\s*báo|nhà\s*thơ|đại\s*tá|thượng\s*tá|trung\s*tá|"
    r"thiếu\s*tá)\.?\s*)+",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’)\]]*$")
_HEADLINE_END = re.compile(r"[!?…]['\"”’)\]]*$")
_SHORT_LINE_WORDS = 10
_HEADING_MAX_WORDS = 12  # a menu item, form field or section heading is no longer than this
_CAPTION_MAX_WORDS = 30


@dataclass
class _Line:
    start: int
    end: int
    text: str
    block: int
    removed: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


def clean(
    path: str,
    text: str,
    encoding: str = "utf-8",
    notes: tuple[str, ...] = (),
    *,
    format: str = "text",
    metadata: Mapping[str, str] | None = None,
    headings: tuple[Heading, ...] = (),
) -> Document:
    """Split ``text`` into metadata, body paragraphs and removed page furniture.

    ``format``, ``metadata`` and ``headings`` come from the file's reader: a title, date or
    author the file states wins over the guesses below (``readers.hints``)."""
    lines = _split_lines(text)
    _mark_furniture(lines)
    _mark_repeated(lines)
    date, date_text = _mark_dates(lines)
    title_line, subtitle = _mark_header(lines)
    author_line = _mark_byline(lines)
    _mark_captions(lines)
    body = tuple(Span(line.start, line.end) for line in lines if line.removed is None)
    removed = tuple(
        Removed(line.start, line.end, line.removed) for line in lines if line.removed not in (None, "title")
    )
    document = Document(
        path=path,
        text=text,
        encoding=encoding,
        title=title_line.text if title_line else None,
        title_span=Span(title_line.start, title_line.end) if title_line else None,
        subtitle=subtitle,
        date=date,
        date_text=date_text,
        author=author_line.text if author_line else None,
        author_span=Span(author_line.start, author_line.end) if author_line else None,
        paragraphs=body,
        removed=removed,
        notes=notes,
    )
    return apply_hints(document, format, metadata or {}, headings)


def parse_date(text: str) -> dt.date | None:
    """The first valid calendar date written as d/m/yyyy, d-m-yyyy, d.m.yyyy or in words."""
    for pattern in (_DATE_NUM, _DATE_WORDS):
        for match in pattern.finditer(text):
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                continue
    return None


def _split_lines(text: str) -> list[_Line]:
    """Non-blank lines with the offsets of their stripped content; blank lines separate blocks."""
    lines: list[_Line] = []
    block = 0
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + (len(raw) - len(raw.lstrip()))
            lines.append(_Line(start, start + len(stripped), stripped, block))
        else:
            block += 1
        offset += len(raw) + 1
    return lines


def _mark_furniture(lines: list[_Line]) -> None:
    tail = False
    for line in lines:
        if tail or _is_tail_start(line.text):
            tail = True
            line.removed = "boilerplate"
        elif _is_furniture(line.text):
            line.removed = "boilerplate"


def _is_tail_start(text: str) -> bool:
    """A heading that ends the article ("Tin liên quan"); a long line that starts with those words
    is a headline or a paragraph ("Tin mới nhất vụ …: Cơ sở … bị đình chỉ")."""
    return len(text.split()) <= _HEADING_MAX_WORDS and bool(_TAIL_START.match(text))


def _is_furniture(text: str) -> bool:
    if not any(ch.isalnum() for ch in text):
        return True
    if _LINK_LINE.match(text) and len(text.split()) <= 40:
        return True
    if len(text.split()) > _HEADING_MAX_WORDS:
        return False
    return bool(_FURNITURE.match(text)) or text.rstrip().endswith((": *", ":*"))


def _mark_repeated(lines: list[_Line]) -> None:
    """A line printed twice on a page is a photo caption (the image's alt text and its legend)."""
    seen: dict[str, list[_Line]] = {}
    for line in lines:
        if line.removed is None:
            seen.setdefault(line.text, []).append(line)
    for copies in seen.values():
        if len(copies) > 1:
            for line in copies:
                line.removed = "caption"


def _mark_dates(lines: list[_Line]) -> tuple[dt.date | None, str | None]:
    found: tuple[dt.date | None, str | None] = (None, None)
    for line in lines:
        if line.removed is None and _is_date_line(line.text):
            line.removed = "date"
            if found[0] is None:
                found = (parse_date(line.text), line.text)
    return found


def _is_date_line(text: str) -> bool:
    if len(text) > 80 or parse_date(text) is None:
        return False
    rest = _DATE_NUM.sub(" ", text)
    rest = _DATE_WORDS.sub(" ", rest)
    rest = _DATE_LINE_FILLER.sub(" ", rest)
    return not re.search(r"[^\W\d_]{2,}", rest)


def _mark_header(lines: list[_Line]) -> tuple[_Line | None, str | None]:
    """Find the headline among the lines above the first body paragraph."""
    candidates: list[_Line] = []
    for line in lines:
        if line.removed is not None:
            continue
        if _looks_like_body(line.text) and not (not candidates and _is_question_headline(line.text)):
            break
        candidates.append(line)
    kickers = [line for line in candidates if _is_kicker(line, candidates)]
    rest = [line for line in candidates if line not in kickers]
    if not rest:
        # A lone kicker-looking line is still the best headline there is.
        rest, kickers = kickers[-1:], kickers[:-1]
    for line in kickers:
        line.removed = "kicker"
    if not rest:
        return None, None
    title = rest[0]
    title.removed = "title"
    for line in rest[1:]:
        line.removed = "caption"
    subtitle = " · ".join(line.text for line in kickers) or None
    return title, subtitle


def _looks_like_body(text: str) -> bool:
    words = len(text.split())
    return words >= 35 or (words >= 12 and bool(_SENTENCE_END.search(text)) and not _CAPTION_CUE.match(text))


def _is_question_headline(text: str) -> bool:
    """A first line asking or exclaiming ("…, tôi phải làm thế nào?"): news headlines do, a body's
    first sentence rarely does, and it would then be a paragraph of more words."""
    return len(text.split()) < _CAPTION_MAX_WORDS and bool(_HEADLINE_END.search(text))


def _is_kicker(line: _Line, candidates: list[_Line]) -> bool:
    """A category label (``Thời sự - Chính trị``) or an occasion line above the real headline."""
    if line is candidates[-1]:
        return False
    parts = re.split(r"\s+[-–|/»>]\s+", line.text)
    if len(parts) > 1 and line.words <= 6 and not re.search(r"\d", line.text):
        return True
    return bool(_KICKER_OCCASION.match(line.text))


def _mark_byline(lines: list[_Line]) -> _Line | None:
    """The last remaining line, when it is a name (with titles) or a source credit."""
    remaining = [line for line in lines if line.removed is None]
    if len(remaining) < 2:
        return None
    last = remaining[-1]
    if _is_byline(last.text):
        last.removed = "byline"
        return last
    return None


def _is_byline(text: str) -> bool:
    if len(text.split()) > 25 or re.search(r"[.!?;:]$", text):
        return False
    if _SOURCE_BYLINE.match(text):
        return True
    # "Minh Anh (tổng hợp)", "Hà Linh (theo Reuters)": the name before the note.
    text = re.sub(r"\s*\([^()]{1,40}\)$", "", text)
    name = _NAME_TITLES.sub("", text.split(",")[0]).strip()
    syllables = name.split()
    if not 2 <= len(syllables) <= 5 or re.search(r"\d", name):
        return False
    return all(s[0].isupper() for s in syllables if s[0].isalpha()) and all(s[0].isalpha() for s in syllables)


def _mark_captions(lines: list[_Line]) -> None:
    blocks: dict[int, list[_Line]] = {}
    for line in lines:
        if line.removed is None:
            blocks.setdefault(line.block, []).append(line)
    for block in blocks.values():
        joined = " ".join(line.text for line in block)
        if len(joined.split()) <= _CAPTION_MAX_WORDS and not _SENTENCE_END.search(joined):
            for line in block:
                line.removed = "caption"
            continue
        for line in block:
            if _is_caption_line(line):
                line.removed = "caption"


def _is_caption_line(line: _Line) -> bool:
    if line.words <= _SHORT_LINE_WORDS:
        return True
    if line.words <= 25 and _CAPTION_CUE.match(line.text):
        return True
    return bool(_PHOTO_CREDIT.search(line.text)) and line.words <= _CAPTION_MAX_WORDS
