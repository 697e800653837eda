"""Official documents: the layout of Decree 30/2020/NĐ-CP (state bodies) and of the Party
Central Office's guidance (Party bodies).

Such a document opens with its issuing body beside the national or Party motto,
its number and symbol beside the place and date, then its type (``QUYẾT ĐỊNH``)
and subject (``Về việc …``); it may go on with an authority line and ``Căn cứ …``
preamble lines, and ends with the recipients (``Nơi nhận:``) beside the signature
block (``KT. THỦ TƯỚNG`` / ``PHÓ THỦ TƯỚNG`` / name). Two-column headers often
arrive flattened into one line or interleaved, and scans bring OCR noise
(``QUYÉT ĐỊNH``), so the cues are matched on text folded without diacritics.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tui.core.fold import fold
from tui.core.lines import Line, Reason
from tui.core.page import Header
from tui.core.signature import is_caps, mark_end, signer_name
from tui.core.subject import PREAMBLE, SEPARATOR, citation, number_of, sentence_case, subject

# Folded mottos (state and Party) and the national motto's second line.
_MOTTO = re.compile(
    r"cong\s*h[oò]a\s*xa\s*h[oộ]i\s*chu\s*ngh[iĩ]a\s*viet\s*nam|xa\s*hoi\s*chu\s*nghia\s*viet\s*nam|"
    r"dang\s*cong\s*san\s*viet\s*nam|doc\s*lap\s*[-–.,]?\s*tu\s*do\s*[-–.,]?\s*hanh\s*phuc"
)
# Document types as folded words -> how the document names itself.
_TYPES: dict[str, str] = {
    "nghi quyet": "Nghị quyết",
    "quyet dinh": "Quyết định",
    "chi thi": "Chỉ thị",
    "ket luan": "Kết luận",
    "quy che": "Quy chế",
    "quy dinh": "Quy định",
    "thong tri": "Thông tri",
    "huong dan": "Hướng dẫn",
    "bao cao": "Báo cáo",
    "ke hoach": "Kế hoạch",
    "chuong trinh": "Chương trình",
    "to trinh": "Tờ trình",
    "thong bao": "Thông báo",
    "nghi dinh": "Nghị định",
    "thong tu": "Thông tư",
    "cong van": "Công văn",
    "cong dien": "Công điện",
    "bien ban": "Biên bản",
    "de an": "Đề án",
    "du an": "Dự án",
    "phuong an": "Phương án",
    "giay moi": "Giấy mời",
    "giay gioi thieu": "Giấy giới thiệu",
    "to khai": "Tờ khai",
    "don": "Đơn",
    "luat": "Luật",
    "bo luat": "Bộ luật",
    "thong tu lien tich": "Thông tư liên tịch",
    "nghi quyet lien tich": "Nghị quyết liên tịch",
    "noi quy": "Nội quy",
    "phap lenh": "Pháp lệnh",
    "lenh": "Lệnh",
    "hop dong": "Hợp đồng",
    "so yeu ly lich": "Sơ yếu lý lịch",
}
_TYPE_WORDS = "|".join(sorted((k.replace(" ", r"\W*") for k in _TYPES), key=len, reverse=True))
_TYPE_AT_END = re.compile(rf"(?:^|[^\w])({_TYPE_WORDS})\W*$")
_NOISY_TYPE_WORDS = 6
# Number symbols name the type (Decree 30/2020, appendix): ``…/QĐ-TTg`` is a decision.
_SYMBOL_TYPES = {
    "qd": "quyet dinh",
    "nq": "nghi quyet",
    "ct": "chi thi",
    "bc": "bao cao",
    "kh": "ke hoach",
    "ttr": "to trinh",
    "tb": "thong bao",
    "nd": "nghi dinh",
    "hd": "huong dan",
    "kl": "ket luan",
}
_TYPE_LINE = re.compile(
    r"^(" + "|".join(sorted((k.replace(" ", r"\s*") for k in _TYPES), key=len, reverse=True)) + r")\b"
)
# `Thái Nguyên, ngày 12 tháng 3 năm 2021` (day and month may be blank on a form: `ngày … tháng …`).
_PLACE_DATE = re.compile(
    r"(?:^|\s)([^\W\d_]+(?:\s+[^\W\d_]+){0,5}),?\s*ng[àa]y\s+(\S{1,4})\s+th[áa]ng\s+(\S{1,4})\s+n[ăa]m\s+(\S{2,6})",
    re.IGNORECASE,
)
# Subject lines: ``V/v …`` under a letter's number.
_ABOUT = re.compile(r"^(?:v\s*/\s*v\s*[.:]?|về\s*việc)\s*", re.IGNORECASE)
# Letters OCR reads for figures in a date (``ngày O7``, ``tháng l1``).
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "Ì": "1", "]": "1", "ó": "6"})
_HEADER_LINES = 14  # the header block of a document, with OCR noise lines
_CUES_NEEDED = 2
_CUE_MAX_WORDS = 20
_AUTHENTICATION = re.compile(r"^\W*xac\s*thuc\s*van\s*ban\s*hop\s*nhat\b")
_AUTHENTICATION_LINES = 10  # the authentication block: issuer, number, place and date, title, name
_CUE_MAX_CHARS = 160  # a header line (number, place and date), even with the other column flattened into it
_MOTTO_MAX_CHARS = 400  # the longest motto, however spaced (both lines run together: about 90 characters)


@dataclass
class Official:
    """What an official document says about itself."""

    header: Header
    title: str | None
    metadata: dict[str, str] = field(default_factory=dict)


def read_official(lines: list[Line]) -> Official | None:
    """Recognise an official document's layout and mark its blocks; None for other texts."""
    remaining = [line for line in lines if line.removed is None]
    head = remaining[:_HEADER_LINES]
    # Header lines are short, even with two columns flattened into one; prose is never a cue.
    # (A long line counts only when it opens with the motto: a flattened form's first line.)
    folded = [fold(line.text) if len(line.text) <= _CUE_MAX_CHARS else _opening_motto(line.text) for line in head]
    motto = [i for i, line in enumerate(head) if _has_motto(line.text, folded[i])]
    number = next((i for i, line in enumerate(head) if line.words <= _CUE_MAX_WORDS and number_of(line.text)), None)
    # A retyped text cites itself under its type (``SỐ 30/2007/TT-BCA NGÀY 12-12-2007 …``): its number and date.
    cited = next((i for i, line in enumerate(head) if citation(line.text)[0]), None)
    if number is None:
        number = cited
    place = next(
        (
            i
            for i, line in enumerate(head)
            if (line.words <= _CUE_MAX_WORDS or i in motto or i == number) and _PLACE_DATE.search(line.text)
        ),
        None,
    )
    # A flattened header may run the motto and the type line together: the type is read without the motto.
    typed = [_without_motto(line.text) if i in motto else line.text for i, line in enumerate(head)]
    kind = _kind_line(typed)
    about = next((i for i, line in enumerate(head) if _ABOUT.match(line.text)), None)
    cues = sum(x is not None for x in (motto[:1] or None, number, place, kind))
    if cues < _CUES_NEEDED or not (motto or number is not None):
        return None
    metadata: dict[str, str] = {}
    issuer = _issuer(head, motto, number, place, kind)
    if issuer:
        metadata["issuer"] = issuer
    if number is not None:
        metadata["number"] = number_of(head[number].text) or ""
    date, date_text = _date(head[place].text) if place is not None else (None, None)
    if date is None and cited is not None and (date := citation(head[cited].text)[1]):
        date_text = head[cited].text.strip()
    title = None
    header_end = max(i for i in (*motto, number, place, kind, 0) if i is not None)
    type_name, rest = _type_match(typed[kind]) if kind is not None else (None, "")
    if type_name is None and about is not None:
        # No readable type line: a letter (``V/v …``), or the type its number's symbol names (``/QĐ-``).
        type_name = _symbol_type(metadata.get("number", "")) or _TYPES["cong van"]
        kind, rest = about, _ABOUT.sub("", head[about].text)
        rest = rest if fold(head[about].text).startswith("ve viec") is False else "về việc " + rest
    if type_name is not None and kind is not None:
        about_text, subject_end = subject(remaining, kind, rest, on_type_line=kind != about)
        metadata["type"] = type_name
        title = sentence_case(type_name, about_text)
        header_end = max(header_end, subject_end)
    for line in remaining[: header_end + 1]:
        line.removed = Reason.HEADER
    title_line = remaining[kind] if kind is not None else None
    if title_line is not None:
        title_line.removed = Reason.TITLE
    signer_line = mark_end(remaining[header_end + 1 :])
    _mark_preamble(remaining[header_end + 1 :])
    authenticated = _authentication(remaining[header_end + 1 :])
    if authenticated is not None:
        # A consolidated text: its date and signer are the authentication's, not the cited acts'.
        auth_date, auth_text, auth_signer = authenticated
        date, date_text = (auth_date, auth_text) if auth_date else (date, date_text)
        signer_line = auth_signer or signer_line
    signer = signer_name(signer_line.text) if signer_line else None
    if signer:
        metadata["signer"] = signer
    header = Header(title_line, (), date, date_text if date else None, signer, signer_line if signer else None)
    return Official(header, title, metadata)


def _authentication(body: list[Line]) -> tuple[dt.date | None, str | None, Line | None] | None:
    """The block that authenticates a consolidated text (``XÁC THỰC VĂN BẢN HỢP NHẤT``, then the
    number, the place and date, the title and the name): its date, date text and signer's line."""
    start = next((i for i, line in enumerate(body) if _AUTHENTICATION.match(fold(line.text))), None)
    if start is None:
        return None
    date: dt.date | None = None
    date_text: str | None = None
    signer: Line | None = None
    for line in body[start : start + _AUTHENTICATION_LINES]:
        line.removed = Reason.SIGNATURE
        if date is None:
            date, date_text = _date(line.text)
        if signer is None and signer_name(line.text):
            signer = line
    return date, date_text, signer


def _opening_motto(text: str) -> str:
    # Only the line's opening is folded: a motto is a few dozen characters, and a long line may be
    # a whole file without line breaks (5 MB: 0.06 s a fold).
    folded = fold(text[:_MOTTO_MAX_CHARS])
    match = _MOTTO.match(folded)
    return folded[: match.end()] if match else ""


def _has_motto(text: str, folded: str) -> bool:
    """A motto written as the layout writes it: the state and Party lines in capitals."""
    for match in _MOTTO.finditer(folded):
        written = text[match.start() : match.end()]
        if match.group(0).startswith("doc") or is_caps(written):
            return True
    return False


def _type_of(text: str) -> str | None:
    return _type_match(text)[0]


def _kind_line(texts: list[str]) -> int | None:
    """The type line: one that opens with the type comes before one that ends with it (a gazette's
    ``VĂN BẢN QUY PHẠM PHÁP LUẬT`` banner ends with a type word, a scan's ``ĐẾN QUYẾT ĐỊNH`` too)."""
    typed = [i for i, text in enumerate(texts) if len(text) <= _CUE_MAX_CHARS and _type_of(text)]
    opening = [i for i in typed if _TYPE_LINE.match(fold(texts[i].strip()))]
    found = opening or typed
    return found[0] if found else None


def _type_match(text: str) -> tuple[str | None, str]:
    """The document type a line names in capitals (``QUYẾT ĐỊNH``, ``TỜ KHAI ĐĂNG KÝ …``) and the
    rest of the line; the subject may follow on the same line in sentence case (``NGHỊ ĐỊNH Quy
    định …``); on a scan the type may follow a few stray marks (``ĐẾN”” QUYẾT ĐỊNH``)."""
    text = text.strip()
    folded = fold(text)
    match = _TYPE_LINE.match(folded)
    rest = text[match.end() :].strip(" :") if match else ""
    if rest and not _mostly_caps(rest):
        rest = _caps_head(rest)  # ``HỢP ĐỒNG DỊCH VỤ (V/v …) Số: …``: the subject in capitals, then notes
    if match and _mostly_caps(text[: match.end()]) and (not rest or _mostly_caps(rest) or _sentence_start(rest)):
        pass  # the type in capitals, then its subject in capitals or in sentence case
    elif _mostly_caps(text) and len(text.split()) <= _NOISY_TYPE_WORDS:
        match, rest = _TYPE_AT_END.search(folded), ""
    else:
        match = None
    if not match:
        return None, ""
    key = re.sub(r"\W+", " ", match.group(1)).strip()
    if key == "don" and not rest:
        return None, ""  # "ĐƠN" alone is too short to trust
    return _TYPES[key], rest


def _caps_head(rest: str) -> str:
    """The words in capitals opening ``rest`` when a note follows them (``(V/v …)``, ``Số: …``);
    otherwise ``rest`` unchanged (a subject in sentence case)."""
    words = rest.split()
    count = 0
    while count < len(words) and _mostly_caps(words[count]):
        count += 1
    if count and count < len(words) and re.match(r"\(|S[ốỐ]\b", words[count]):
        return " ".join(words[:count])
    return rest


def _mostly_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _sentence_start(text: str) -> bool:
    """``Quy định xử phạt …``: a capital, then lower case, as a subject written after its type."""
    words = text.split()
    return len(words) >= 2 and words[0][:1].isupper() and words[0][1:].islower() and words[1].islower()


def _symbol_type(number: str) -> str | None:
    """``970/QĐ-TTg`` -> Quyết định: the type the number's symbol abbreviates."""
    match = re.search(r"[/⁄]\s*([A-ZĐa-zđ]+)", number)
    key = _SYMBOL_TYPES.get(fold(match.group(1))) if match else None
    return _TYPES[key] if key else None


def _issuer(head: list[Line], motto: list[int], number: int | None, place: int | None, kind: int | None) -> str:
    """The issuing body: the capitals of the left column above the number line, without the motto."""
    stop = min(i for i in (number, place, kind, len(head)) if i is not None)
    parts: list[str] = []
    for index in range(stop):
        text = head[index].text
        if index in motto:
            text = _without_motto(text)
        text = text.strip(" -–*_")
        if text and is_caps(text) and not _TYPE_LINE.match(fold(text)):
            parts.append(text)
    return " ".join(parts)


def _without_motto(text: str) -> str:
    """A flattened header line minus the motto column (folding keeps one character per character)."""
    folded = fold(text)
    for match in reversed(list(_MOTTO.finditer(folded))):
        text = text[: match.start()] + text[match.end() :]
        folded = folded[: match.start()] + folded[match.end() :]
    return text.strip()


def _date(text: str) -> tuple[dt.date | None, str | None]:
    match = _PLACE_DATE.search(text)
    if not match:
        return None, None
    try:
        day, month, year = (int(group.translate(_OCR_DIGITS)) for group in match.groups()[1:])
        return dt.date(year, month, day), match.group(0).strip()
    except ValueError:
        return None, None  # a blank form (`ngày … tháng … năm 20…`) or unreadable figures


def _mark_preamble(body: list[Line]) -> None:
    """``Căn cứ …`` lines (with their wrapped continuations), the authority line above them, the
    repeated type line below them (``QUYẾT ĐỊNH:``), rules and page numbers."""
    continuing = False
    for index, line in enumerate(body):
        if line.removed is not None:
            continuing = False
            continue
        text = line.text
        intro = index < 2 and text.endswith(":") and fold(text).startswith(("thuc hien", "theo"))
        if PREAMBLE.match(text) or continuing or intro:
            line.removed = Reason.PREAMBLE
            continuing = not text.endswith((";", ",", ".", ":"))
        elif index < 3 and is_caps(text) and len(text.split()) <= 10:
            line.removed = Reason.HEADER  # the authority (``THỦ TƯỚNG CHÍNH PHỦ``) or ``QUYẾT ĐỊNH:``
        elif text.endswith(":") and _type_of(text.rstrip(":")):
            line.removed = Reason.HEADER
        elif SEPARATOR.match(text) or text.isdigit():
            line.removed = Reason.BOILERPLATE  # rules and page numbers
