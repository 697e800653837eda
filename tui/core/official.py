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
from tui.core.signature import RECIPIENTS, is_caps, mark_end, signer_name

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
# `Số: 01-NQ/TU`, `Số 970/QĐ-TTg` (OCR may read "Số" as "S6").
_NUMBER = re.compile(r"\bS[ốoóồổ6]\s*[:.]?\s*([0-9][\w.]*(?:\s*[-/⁄]\s*[\w.Đđ]+)+)", re.IGNORECASE)
# `Thái Nguyên, ngày 12 tháng 3 năm 2021` (day and month may be blank on a form: `ngày … tháng …`).
_PLACE_DATE = re.compile(
    r"(?:^|\s)([^\W\d_]+(?:\s+[^\W\d_]+){0,5}),?\s*ng[àa]y\s+(\S{1,4})\s+th[áa]ng\s+(\S{1,4})\s+n[ăa]m\s+(\S{2,6})",
    re.IGNORECASE,
)
# Lines that end the header: the legal basis and what follows it.
_PREAMBLE = re.compile(r"^(?:căn\s*cứ|xét\s*đề\s*nghị|theo\s*đề\s*nghị|thực\s*hiện\s*(?:nghị|chỉ|kết|quyết))\b", re.I)
_SEPARATOR = re.compile(r"^[\W_]*$")
# Subject lines: ``V/v …`` under a letter's number.
_ABOUT = re.compile(r"^(?:v\s*/\s*v\s*[.:]?|về\s*việc)\s*", re.IGNORECASE)
# Letters OCR reads for figures in a date (``ngày O7``, ``tháng l1``).
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "Ì": "1", "]": "1", "ó": "6"})
_HEADER_LINES = 14  # the header block of a document, with OCR noise lines
_SUBJECT_LINES = 4
_CUES_NEEDED = 2
# A form's field: a label and a colon, or dots and ellipses to fill in.
_FORM_FIELD = re.compile(r"\w\s*:\s*\S|[.…]{3,}")
_SUBJECT_LINE_WORDS = 20
_SUBJECT_SCAN = 8  # lines under the type line, stray OCR lines included
# The receipt stamp an office prints on incoming mail: ``ĐẾN``, ``Số: …``, ``Ngày: …``, ``Giờ: …``.
_RECEIPT_STAMP = re.compile(r"\bĐẾN\b\W*|\b(?:Ngày|Ngy|Giờ|Chuyển)\s*[.:,]\S*")
# A token of OCR junk: runs of dots or dashes, slashes and figures glued to letters (``wa./6i312024.--``).
_JUNK_TOKEN = re.compile(r"[.]{2,}|--|[^\w\s,.;:()\-–/%]|\w[./]\d|\d[./]?[^\W\d]")
_CUE_MAX_WORDS = 20
_CUE_MAX_CHARS = 160  # a header line (number, place and date), even with the other column flattened into it


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
    folded = [fold(line.text) if len(line.text) <= _CUE_MAX_CHARS else "" for line in head]
    motto = [i for i, line in enumerate(head) if _has_motto(line.text, folded[i])]
    number = next((i for i, line in enumerate(head) if line.words <= _CUE_MAX_WORDS and _number(line.text)), None)
    place = next(
        (i for i, line in enumerate(head) if line.words <= _CUE_MAX_WORDS and _PLACE_DATE.search(line.text)), None
    )
    kind = next((i for i, line in enumerate(head) if len(line.text) <= _CUE_MAX_CHARS and _type_of(line.text)), None)
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
    type_name, rest = _type_match(head[kind].text) if kind is not None else (None, "")
    if type_name is None and about is not None:
        # No readable type line: a letter (``V/v …``), or the type its number's symbol names (``/QĐ-``).
        type_name = _symbol_type(metadata.get("number", "")) or _TYPES["cong van"]
        kind, rest = about, _ABOUT.sub("", head[about].text)
        rest = rest if fold(head[about].text).startswith("ve viec") is False else "về việc " + rest
    if type_name is not None and kind is not None:
        subject, subject_end = _subject(remaining, kind, rest, on_type_line=kind != about)
        metadata["type"] = type_name
        title = _sentence_case(type_name, subject)
        header_end = max(header_end, subject_end)
    for line in remaining[: header_end + 1]:
        line.removed = Reason.HEADER
    title_line = remaining[kind] if kind is not None else None
    if title_line is not None:
        title_line.removed = Reason.TITLE
    signer_line = mark_end(remaining[header_end + 1 :])
    _mark_preamble(remaining[header_end + 1 :])
    signer = signer_name(signer_line.text) if signer_line else None
    if signer:
        metadata["signer"] = signer
    header = Header(title_line, (), date, date_text if date else None, signer, signer_line if signer else None)
    return Official(header, title, metadata)


def _has_motto(text: str, folded: str) -> bool:
    """A motto written as the layout writes it: the state and Party lines in capitals."""
    for match in _MOTTO.finditer(folded):
        written = text[match.start() : match.end()]
        if match.group(0).startswith("doc") or is_caps(written):
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
    return _type_match(text)[0]


def _type_match(text: str) -> tuple[str | None, str]:
    """The document type a line names in capitals (``QUYẾT ĐỊNH``, ``TỜ KHAI ĐĂNG KÝ …``) and the
    rest of the line; on a scan the type may follow a few stray marks (``ĐẾN”” QUYẾT ĐỊNH``)."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2 or sum(ch.isupper() for ch in letters) < 0.8 * len(letters):
        return None, ""
    folded = fold(text).strip()
    match = _TYPE_LINE.match(folded)
    rest = ""
    if match:
        rest = text.strip()[match.end() :].strip(" :")
    elif len(text.split()) <= _NOISY_TYPE_WORDS:
        match = _TYPE_AT_END.search(folded)
    if not match:
        return None, ""
    key = re.sub(r"\W+", " ", match.group(1)).strip()
    if key == "don" and not rest:
        return None, ""  # "ĐƠN" alone is too short to trust
    return _TYPES[key], rest


def _symbol_type(number: str) -> str | None:
    """``970/QĐ-TTg`` -> Quyết định: the type the number's symbol abbreviates."""
    match = re.search(r"[/⁄]\s*([A-ZĐa-zđ]+)", number)
    key = _SYMBOL_TYPES.get(fold(match.group(1))) if match else None
    return _TYPES[key] if key else None


def _subject(remaining: list[Line], kind: int, rest: str, on_type_line: bool = True) -> tuple[str, int]:
    """The subject (``rest`` of the type line and the lines under it) and the index of its last line.

    Scans carry stray marks and stamp text into these lines; they are cleaned out first.
    """
    parts = [rest] if rest else []
    end = kind
    gap = False
    for index in range(kind + 1, min(kind + 1 + _SUBJECT_SCAN, len(remaining))):
        raw = remaining[index].text
        if _SEPARATOR.match(raw):
            end = index  # the rule under the subject
            break
        if (rest and on_type_line) or RECIPIENTS.match(raw) or _number(raw) or _caps_share(raw) >= 0.5:
            break  # the subject was on the type line, or the authority line (``THỦ TƯỚNG CHÍNH PHỦ``)
        text = _without_noise(raw)
        if not text:
            gap = gap or bool(parts)  # a line of stray marks
            continue
        if _PREAMBLE.match(text) or _FORM_FIELD.search(text) or len(parts) == _SUBJECT_LINES:
            break
        if gap and not text[:1].islower():
            break  # after stray marks, a new capitalised line is no longer the subject
        if (
            parts
            and not text[:1].islower()
            and (len(text.split()) > _SUBJECT_LINE_WORDS or text.endswith((".", ":", ";")))
        ):
            break  # a body paragraph: a capital, then longer than a subject line or a full stop
        parts.append(text)
        end = index
        if text.endswith("."):
            break
    return " ".join(parts), end


def _caps_share(text: str) -> float:
    """The share of a line's letters in words written in capitals."""
    letters = sum(ch.isalpha() for ch in text)
    caps = sum(len(w) for w in re.findall(r"\b[^\W\d_a-zđà-ỹ]{2,}\b", text) if w.isupper())
    return caps / letters if letters else 0.0


def _without_noise(text: str) -> str:
    """A scanned subject line without stray marks, stamp text (runs of capitals) and junk tokens."""
    kept: list[str] = []
    text = _RECEIPT_STAMP.sub(" ", text)
    for segment in text.split("|"):
        tokens = [
            t
            for t in segment.split()
            if t in {"-", "–"} or (any(ch.isalnum() for ch in t) and not _JUNK_TOKEN.search(t))
        ]
        tokens = _without_caps_runs(tokens)
        while tokens and not (len(tokens) > 1 and _word(tokens[0]) and _word(tokens[1])):
            tokens = tokens[1:]  # leading marks and stamp remains before the subject's words
        kept.extend(tokens)
    return " ".join(kept)


def _without_caps_runs(tokens: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if token and token.isupper() and sum(ch.isalpha() for ch in token) >= 2 and token.isalpha():
            run.append(token)
            continue
        if len(run) < 2:
            out.extend(run)
        run = []
        if token:
            out.append(token)
    return out


def _word(token: str) -> bool:
    return sum(ch.isalpha() for ch in token) >= 2 and token.strip(",.;:-–").isalnum()


def _sentence_case(type_name: str, subject: str) -> str:
    """``Quyết định`` + ``Về việc ban hành …`` -> ``Quyết định về việc ban hành …``."""
    subject = subject.strip()
    if not subject:
        return type_name
    if is_caps(subject):
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
        if _PREAMBLE.match(text) or continuing or intro:
            line.removed = Reason.PREAMBLE
            continuing = not text.endswith((";", ",", ".", ":"))
        elif index < 3 and is_caps(text) and len(text.split()) <= 10:
            line.removed = Reason.HEADER  # the authority (``THỦ TƯỚNG CHÍNH PHỦ``) or ``QUYẾT ĐỊNH:``
        elif text.endswith(":") and _type_of(text.rstrip(":")):
            line.removed = Reason.HEADER
        elif _SEPARATOR.match(text) or text.isdigit():
            line.removed = Reason.BOILERPLATE  # rules and page numbers
