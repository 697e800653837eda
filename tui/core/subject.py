"""The number and the subject of an official document: what its type line (``QUYẾT ĐỊNH``,
``LUẬT``) is about, read from the lines under it (or from the rest of the type line).

A subject is written in sentence case (``Về việc ban hành …``) or, on laws and many re-typed
texts, in capitals over one or more lines (``AN NINH MẠNG``), up to a blank rule, the legal
basis (``Căn cứ …``) or the body. Re-typed circulars put their own citation first
(``SỐ 30/2007/TT-BCA NGÀY 12-12-2007 CỦA BỘ TRƯỞNG BỘ CÔNG AN HƯỚNG DẪN …``): the citation is
the number and date, not the subject. Scans carry stray marks and stamp text into these lines.
"""

from __future__ import annotations

import datetime as dt
import re

from tui.core.fold import fold
from tui.core.lines import Line
from tui.core.signature import RECIPIENTS, is_caps

# `Số: 01-NQ/TU`, `Số 970/QĐ-TTg` (OCR may read "Số" as "S6").
NUMBER = re.compile(r"\bS[ốoóồổ6]\s*[:.]?\s*([0-9][\w.]*(?:\s*[-/⁄]\s*[\w.Đđ]+)+)", re.IGNORECASE)
# Lines that end the header: the legal basis and what follows it.
PREAMBLE = re.compile(r"^(?:căn\s*cứ|xét\s*đề\s*nghị|theo\s*đề\s*nghị|thực\s*hiện\s*(?:nghị|chỉ|kết|quyết))\b", re.I)
SEPARATOR = re.compile(r"^[\W_]*$")
# A document's own citation before its subject (folded): ``so 30/2007/tt-bca ngay 12-12-2007 cua bo truong
# bo cong an``, up to the verb that opens the subject.
_CITATION = re.compile(
    r"^\(?\s*so\s*:?\s*\d\S*\s+ngay\s+(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b(?:\s+cua\s+(?:(?!"
    r"huong dan|quy dinh|ve\b|ban hanh|sua doi|bo sung|phe duyet|thanh lap|giao\b|bai bo)\S+\s*)*)?"
)
# The authority line under a decision's type (``THỦ TƯỚNG CHÍNH PHỦ``, ``BỘ TRƯỞNG BỘ TÀI CHÍNH``):
# capitals, but the issuer speaking, not the subject.
_AUTHORITY = re.compile(
    r"^(?:thu tuong|bo truong|chu tich|chinh phu|quoc hoi|uy ban|ban chap hanh|ban thuong vu|giam doc|"
    r"hoi dong|tong cuc truong|cuc truong|thong doc|tong kiem toan|vien truong|chanh an)\b"
)
# The first heading of the body: ``I. THÔNG TIN BẢN THÂN``, ``1. Mục đích``, ``Chương I``, ``Điều 1.``
_SECTION = re.compile(r"^(?:[IVXLC]+|\d+)[.)]\s|^(?:chương|phần|mục|điều)\s+[\dIVXLC]", re.IGNORECASE)
# A form's field: a label and a colon, or dots and ellipses to fill in.
_FORM_FIELD = re.compile(r"\w\s*:\s*\S|[.…]{3,}")
_SUBJECT_LINES = 4
# A self-citation opens a line of its own, with at most the subject after it (about 300 characters).
_CITATION_LINE_MAX = 2000
_SUBJECT_LINE_WORDS = 20
_SUBJECT_SCAN = 8  # lines under the type line, stray OCR lines included
# The receipt stamp an office prints on incoming mail: ``ĐẾN``, ``Số: …``, ``Ngày: …``, ``Giờ: …``.
_RECEIPT_STAMP = re.compile(r"\bĐẾN\b\W*|\b(?:Ngày|Ngy|Giờ|Chuyển)\s*[.:,]\S*")
# A token of OCR junk: runs of dots or dashes, slashes and figures glued to letters (``wa./6i312024.--``);
# quotation marks are the subject's own (``Cuộc thi “Tìm hiểu Hiến pháp”``).
_JUNK_TOKEN = re.compile(r"[.]{2,}|--|[^\w\s,.;:()\-–/%“”\"‘’«»]|\w[./]\d|\d[./]?[^\W\d]")


def number_of(text: str) -> str | None:
    """The number and symbol (``01-NQ/TU``): figures, then a symbol with capitals."""
    for match in NUMBER.finditer(text):
        number = re.sub(r"\s+", "", match.group(1))
        if re.search(r"[A-ZĐ]{2}", number):
            return number
    return None


def citation(text: str) -> tuple[int, dt.date | None]:
    """The length of a line's opening self-citation (``SỐ 30/2007/TT-BCA NGÀY 12-12-2007 CỦA BỘ TRƯỞNG
    BỘ CÔNG AN``; 0 when there is none) and the date it states."""
    if len(text) > _CITATION_LINE_MAX:
        return 0, None  # prose, or a whole file without line breaks: not folded for nothing
    match = _CITATION.match(fold(text))  # folding keeps one character per character
    if not match:
        return 0, None
    day, month, year = (int(group) for group in match.groups())
    try:
        return match.end(), dt.date(year, month, day)
    except ValueError:
        return match.end(), None


def subject(remaining: list[Line], kind: int, rest: str, on_type_line: bool = True) -> tuple[str, int]:
    """The subject (``rest`` of the type line and the lines under it) and the index of its last line."""
    parts = [rest] if rest else []
    in_caps = bool(rest) and is_caps(rest)
    end = kind
    gap = False
    for index in range(kind + 1, min(kind + 1 + _SUBJECT_SCAN, len(remaining))):
        raw = remaining[index].text
        if SEPARATOR.match(raw):
            end = index  # the rule under the subject
            break
        if not parts and (cited := citation(raw)[0]):
            raw = raw[cited:].strip()  # the document's citation of itself: the subject follows
            if not raw:
                end = index
                continue
        caps = caps_share(raw) >= 0.5
        if (rest and on_type_line) or RECIPIENTS.match(raw) or re.match(r"\s*S[ốỐoO6]\b", raw):
            break  # the subject was on the type line, or the number line of a flattened header
        if caps and ((parts and not in_caps) or _AUTHORITY.match(fold(raw))):
            break  # the authority line (``THỦ TƯỚNG CHÍNH PHỦ``) under a subject or a type
        text = " ".join(raw.split()) if caps else _without_noise(raw)
        if not text:
            gap = gap or bool(parts)  # a line of stray marks
            continue
        if PREAMBLE.match(text) or _FORM_FIELD.search(text) or _SECTION.match(text) or len(parts) == _SUBJECT_LINES:
            break
        if gap and not text[:1].islower():
            break  # after stray marks, a new capitalised line is no longer the subject
        if parts and not caps and not text[:1].islower() and _ends_paragraph(text):
            break  # a body paragraph: a capital, then longer than a subject line or a full stop
        if parts and in_caps and not caps:
            break  # a subject in capitals ends where sentence case begins
        in_caps = in_caps or (not parts and caps)
        parts.append(text)
        end = index
        if text.endswith("."):
            break
    return " ".join(parts), end


def _ends_paragraph(text: str) -> bool:
    return len(text.split()) > _SUBJECT_LINE_WORDS or text.endswith((".", ":", ";"))


def caps_share(text: str) -> float:
    """The share of a line's letters in words written in capitals."""
    letters = sum(ch.isalpha() for ch in text)
    caps = sum(len(w) for w in re.findall(r"\b[^\W\d_]{2,}\b", text) if w.isupper())
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
    return sum(ch.isalpha() for ch in token) >= 2 and token.strip(',.;:-–“”"‘’«»()').isalnum()


def sentence_case(type_name: str, subject: str) -> str:
    """``Quyết định`` + ``Về việc ban hành …`` -> ``Quyết định về việc ban hành …``."""
    subject = subject.strip()
    if not subject:
        return type_name
    if is_caps(subject):
        # Symbols keep their capitals (``150/2005/NĐ-CP``); words go to lower case.
        subject = " ".join(w if re.search(r"[\d/]", w) else w.lower() for w in subject.split())
    first, _, rest = subject.partition(" ")
    if first[:1].isupper() and (first[1:].islower() or len(first) == 1):
        first = first.lower()  # the subject's first word, capitalised because it opened a line
    return f"{type_name} {first} {rest}".strip()
