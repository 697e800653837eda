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
    "phap lenh": "Pháp lệnh",
    "lenh": "Lệnh",
    "hop dong": "Hợp đồng",
}
_TYPE_LINE = re.compile(
    r"^(" + "|".join(sorted((k.replace(" ", r"\s*") for k in _TYPES), key=len, reverse=True)) + r")\b"
)
# `Số: 01-NQ/TU`, `Số 970/QĐ-TTg` (OCR may read "Số" as "S6").
_NUMBER = re.compile(r"\bS[ốoóồổ6]\s*[:.]?\s*([0-9][\w.]*(?:\s*[-/]\s*[\w.Đđ]+)+)", re.IGNORECASE)
# `Thái Nguyên, ngày 12 tháng 3 năm 2021` (day and month may be blank on a form: `ngày … tháng …`).
_PLACE_DATE = re.compile(
    r"(?:^|\s)([^\W\d_]+(?:\s+[^\W\d_]+){0,5}),?\s*ng[àa]y\s+(\S{1,4})\s+th[áa]ng\s+(\S{1,4})\s+n[ăa]m\s+(\S{2,6})",
    re.IGNORECASE,
)
# Lines that end the header: the legal basis and what follows it.
_PREAMBLE = re.compile(r"^(?:căn\s*cứ|xét\s*đề\s*nghị|theo\s*đề\s*nghị|thực\s*hiện\s*(?:nghị|chỉ|kết|quyết))\b", re.I)
_RECIPIENTS = re.compile(r"^(?:n[ơo]i\s*nh[ậa]n|kính\s*gửi)\s*:?", re.IGNORECASE)
# Signature cues: `KT. THỦ TƯỚNG`, `TM. BAN THƯỜNG VỤ`, `T/M`, `TL.`, `Q.`, `(Đã ký)`, `(ký, ghi rõ họ tên)`.
_SIGN_CUE = re.compile(r"(?:^|\s)(?:KT|TM|T/M|TL|T/L|TUQ|Q|K/T)\s*[.:]\s*[A-ZĐ][A-ZĐ]?\w*\s+[A-ZĐ]")
_SIGNED = re.compile(r"\(\s*(?:đã\s*ký|ký|chữ\s*ký)[^()]{0,40}\)", re.IGNORECASE)
# The digital-signature stamp of a government portal's PDF: never the document's own metadata.
_STAMP = re.compile(r"^(?:người\s*ký|email|cơ\s*quan|thời\s*gian\s*ký|ký\s*bởi|ngày\s*ký)\s*:", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\W_]*$")
# Subject lines: ``V/v …`` under a letter's number.
_ABOUT = re.compile(r"^v\s*/\s*v\s*[.:]?\s*", re.IGNORECASE)
# Folded titles a signature block prints above the name (``PHÓ THỦ TƯỚNG``, ``BÍ THƯ``).
_TITLE_PHRASE = re.compile(
    r"thu tuong|bo truong|thu truong|chu tich|giam doc|bi thu|uy vien|thuong vu|thuong truc|truong ban|"
    r"pho ban|chanh van phong|tong cuc|cuc truong|vu truong|nguoi (?:khai|lam don|yeu cau|viet)|xac nhan"
)
_NAME_MAX = 5
_HEADER_LINES = 14  # the header block of a document, with OCR noise lines
_SUBJECT_LINES = 4
_CUES_NEEDED = 2
_CUE_MAX_WORDS = 20  # a header line (number, place and date), even with the other column flattened into it


@dataclass
class Official:
    """What an official document says about itself."""

    header: Header
    title: str | None
    metadata: dict[str, str] = field(default_factory=dict)


def mark_signature_stamp(lines: list[Line]) -> None:
    """The portal's signature stamp (``Người ký: … Thời gian ký: …``) is not part of the text."""
    for line in lines:
        if line.removed is None and _STAMP.match(line.text):
            line.removed = Reason.SIGNATURE


def read_official(lines: list[Line]) -> Official | None:
    """Recognise an official document's layout and mark its blocks; None for other texts."""
    remaining = [line for line in lines if line.removed is None]
    head = remaining[:_HEADER_LINES]
    folded = [fold(line.text) for line in head]
    motto = [i for i, line in enumerate(head) if _has_motto(line.text, folded[i])]
    number = next((i for i, line in enumerate(head) if line.words <= _CUE_MAX_WORDS and _number(line.text)), None)
    place = next(
        (i for i, line in enumerate(head) if line.words <= _CUE_MAX_WORDS and _PLACE_DATE.search(line.text)), None
    )
    kind = next((i for i, line in enumerate(head) if _type_of(line.text)), None)
    about = next((i for i, line in enumerate(head) if _ABOUT.match(line.text)), None)
    cues = sum(x is not None for x in (motto[:1] or None, number, place, kind))
    if cues < _CUES_NEEDED or not (motto or number is not None):
        return None
    metadata: dict[str, str] = {}
    issuer = _issuer(head, motto, number, place, kind)
    if issuer:
        metadata["issuer"] = issuer
    if number is not None:
        metadata["number"] = _number(head[number].text) or ""
    date, date_text = _date(head[place].text) if place is not None else (None, None)
    title = None
    header_end = max(i for i in (*motto, number, place, kind, 0) if i is not None)
    if kind is not None:
        type_name, subject, subject_end = _subject(remaining, kind)
        metadata["type"] = type_name
        title = _sentence_case(type_name, subject)
        header_end = max(header_end, subject_end)
    elif about is not None:  # a letter: ``V/v hướng dẫn …`` under its number
        kind = about
        metadata["type"] = _TYPES["cong van"]
        title = _sentence_case(_TYPES["cong van"], "về việc " + _ABOUT.sub("", head[about].text))
        header_end = max(header_end, about)
    for line in remaining[: header_end + 1]:
        line.removed = Reason.HEADER
    title_line = remaining[kind] if kind is not None else None
    if title_line is not None:
        title_line.removed = Reason.TITLE
    signer_line = _mark_end(remaining[header_end + 1 :])
    _mark_preamble(remaining[header_end + 1 :])
    signer = _signer(signer_line) if signer_line else None
    if signer:
        metadata["signer"] = signer
    header = Header(title_line, (), date, date_text if date else None, signer, signer_line if signer else None)
    return Official(header, title, metadata)


def _has_motto(text: str, folded: str) -> bool:
    """A motto written as the layout writes it: the state and Party lines in capitals."""
    for match in _MOTTO.finditer(folded):
        written = text[match.start() : match.end()]
        if match.group(0).startswith("doc") or _is_caps(written):
            return True
    return False


def _number(text: str) -> str | None:
    """The number and symbol (``01-NQ/TU``): figures, then a symbol with capitals."""
    for match in _NUMBER.finditer(text):
        number = re.sub(r"\s+", "", match.group(1))
        if re.search(r"[A-ZĐ]{2}", number):
            return number
    return None


def _type_of(text: str) -> str | None:
    """The document type a line names when it is written in capitals (``QUYẾT ĐỊNH``, ``TỜ KHAI …``)."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2 or sum(ch.isupper() for ch in letters) < 0.8 * len(letters):
        return None
    match = _TYPE_LINE.match(fold(text).strip())
    if not match:
        return None
    key = re.sub(r"\s+", " ", match.group(1))
    if key == "don" and len(text.split()) < 2:
        return None  # "ĐƠN" alone is too short to trust
    return _TYPES[key]


def _subject(remaining: list[Line], kind: int) -> tuple[str, str, int]:
    """The type, the subject (the rest of the type line and the lines after it) and the last index."""
    line = remaining[kind]
    type_name = _type_of(line.text) or ""
    words = len(type_name.split())
    rest = " ".join(line.text.split()[words:]).strip(" :")
    parts = [rest] if rest else []
    end = kind
    for index in range(kind + 1, min(kind + 1 + _SUBJECT_LINES, len(remaining))):
        text = remaining[index].text
        if _SEPARATOR.match(text) or _PREAMBLE.match(text) or _is_caps(text) or _NUMBER.search(text):
            if _SEPARATOR.match(text):
                end = index
            break
        if parts and not text[:1].islower() and (len(text.split()) > 12 or text.endswith((".", ":"))):
            break  # a body paragraph starts with a capital and runs longer than a subject line
        parts.append(text)
        end = index
        if text.endswith("."):
            break
    return type_name, " ".join(parts), end


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def _sentence_case(type_name: str, subject: str) -> str:
    """``Quyết định`` + ``Về việc ban hành …`` -> ``Quyết định về việc ban hành …``."""
    subject = subject.strip()
    if not subject:
        return type_name
    if _is_caps(subject):
        subject = subject.lower()
    first, _, rest = subject.partition(" ")
    if first[:1].isupper() and (first[1:].islower() or len(first) == 1):
        first = first.lower()  # the subject's first word, capitalised because it opened a line
    return f"{type_name} {first} {rest}".strip()


def _issuer(head: list[Line], motto: list[int], number: int | None, place: int | None, kind: int | None) -> str:
    """The issuing body: the capitals of the left column above the number line, without the motto."""
    stop = min(i for i in (number, place, kind, len(head)) if i is not None)
    parts: list[str] = []
    for index in range(stop):
        text = head[index].text
        if index in motto:
            text = _without_motto(text)
        text = text.strip(" -–*_")
        if text and _is_caps(text) and not _TYPE_LINE.match(fold(text)):
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
        day, month, year = (int(group) for group in match.groups()[1:])
        return dt.date(year, month, day), match.group(0).strip()
    except ValueError:
        return None, None  # a blank form (`ngày … tháng … năm 20…`) or unreadable figures


def _mark_end(body: list[Line]) -> Line | None:
    """Mark the recipients and the signature block; return the line that holds the signer's name."""
    start = next(
        (i for i, line in enumerate(body) if _RECIPIENTS.match(line.text) or _SIGN_CUE.search(line.text)), None
    )
    if start is None:
        return None
    if _RECIPIENTS.match(body[start].text) and fold(body[start].text).startswith("kinh gui") and start < 3:
        body[start].removed = Reason.HEADER  # "Kính gửi:" at the top addresses the document
        return _mark_end(body[start + 1 :])
    signer: Line | None = None
    for line in body[start:]:
        line.removed = Reason.SIGNATURE if _SIGN_CUE.search(line.text) or _SIGNED.search(line.text) else None
        if line.removed is None:
            line.removed = Reason.RECIPIENTS if not _name_in(line.text) else Reason.SIGNATURE
        if _name_in(line.text) and not line.text.lstrip().startswith(("-", "+", "•")):
            signer = line
    return signer


def _name_in(text: str) -> str | None:
    """A person's name at the end of a signature line: 2 to 5 capitalised syllables, no title."""
    words = _SIGNED.sub(" ", text).replace(".", " ").replace(",", " ").split()
    name: list[str] = []
    for word in reversed(words):
        if len(name) == _NAME_MAX or not (word[:1].isupper() and word.isalpha()):
            break
        name.insert(0, word)
    if len(name) < 2 or _TITLE_PHRASE.search(fold(" ".join(name))):
        return None
    return " ".join(name)


def _signer(line: Line) -> str | None:
    return _name_in(line.text)


def _mark_preamble(body: list[Line]) -> None:
    """``Căn cứ …`` lines (with their wrapped continuations), the authority line above them, the
    repeated type line below them (``QUYẾT ĐỊNH:``), rules and page numbers."""
    continuing = False
    for index, line in enumerate(body):
        if line.removed is not None:
            continuing = False
            continue
        text = line.text
        if _PREAMBLE.match(text) or continuing:
            line.removed = Reason.PREAMBLE
            continuing = not text.endswith((";", ",", ".", ":"))
        elif index < 3 and _is_caps(text) and len(text.split()) <= 10:
            line.removed = Reason.HEADER  # the authority (``THỦ TƯỚNG CHÍNH PHỦ``) or ``QUYẾT ĐỊNH:``
        elif text.endswith(":") and _type_of(text.rstrip(":")):
            line.removed = Reason.HEADER
        elif _SEPARATOR.match(text) or text.isdigit():
            line.removed = Reason.BOILERPLATE  # rules and page numbers
