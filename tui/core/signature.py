"""The end of an official document: the recipients (``Nơi nhận:``) and the signature block
(``KT. THỦ TƯỚNG`` / ``PHÓ THỦ TƯỚNG`` / ``(Đã ký)`` / name), and the digital-signature stamp a
government portal adds to its PDFs. Flattened two-column layouts put the signer's lines beside
the recipients' (``- Lưu: VT, NN. Trần Thị Hồng Vân``), so the name is read from a line's end.
"""

from __future__ import annotations

import re

from tui.core.fold import fold
from tui.core.furniture import RANK_BEFORE_NAME
from tui.core.lines import Line, Reason

# The recipients' list opens the document's end; `Kính gửi:` at the top names the addressee.
RECIPIENTS = re.compile(r"^n[ơo]i\s*nh[ậa]n\s*:?", re.IGNORECASE)
_ADDRESSEE = re.compile(r"^kính\s*gửi\s*:?", re.IGNORECASE)
# Signature cues: `KT. THỦ TƯỚNG`, `TM. BAN THƯỜNG VỤ`, `T/M`, `TL.`, `Q.`, `(Đã ký)`, `(ký, ghi rõ họ tên)`.
_SIGN_CUE = re.compile(r"(?:^|\s)(?:(?:KT|TM|TL|TUQ|Q)\s*[.:]|T/M|K/T|T/L)\s*[A-ZĐ][A-ZĐ]?\w*\s+[A-ZĐ]")
_SIGNED = re.compile(r"\(\s*(?:đã\s*ký|ký|chữ\s*ký)[^()]{0,40}\)", re.IGNORECASE)
# The digital-signature stamp of a government portal's PDF: never the document's own metadata.
_STAMP = re.compile(
    r"^(?:\W*\w*\.?\w*\s*)?(?:người\s*ký|email|cơ\s*quan|thời\s*gian\s*ký|ký\s*bởi|ngày\s*ký)\s*:", re.IGNORECASE
)
_SIGNING = re.compile(r"^(?:\W*\w*\.?\w*\s*)?(?:người\s*ký|thời\s*gian\s*ký|ký\s*bởi|ngày\s*ký)\s*:", re.IGNORECASE)
_STAMP_MIN_LINES = 2
# Folded titles a signature block prints above the name (``PHÓ THỦ TƯỚNG``, ``BÍ THƯ``).
_TITLE_PHRASE = re.compile(
    r"thu tuong|bo truong|thu truong|chu tich|giam doc|bi thu|uy vien|thuong vu|thuong truc|truong ban|"
    r"pho ban|chanh van phong|chu nhiem|tong cuc|cuc truong|vu truong|nguoi (?:khai|lam don|yeu cau|viet)|xac nhan"
)
_NAME_MAX = 5
_ROMAN = re.compile(r"[IVXLC]+")
_ADDRESSEE_LINES = 4
_SIGNATURE_LINES = 10  # a signature block without its cues sits in the document's last lines

_TITLE_MAX_WORDS = 8


def mark_signature_stamp(lines: list[Line]) -> None:
    """The portal's signature stamp (``Người ký: … Email: … Cơ quan: … Thời gian ký: …``) is not
    part of the text: a run of such lines with at least one naming the signing itself."""
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.removed is None and _STAMP.match(line.text):
            run.append(line)
            continue
        if any(_SIGNING.match(stamp.text) for stamp in run) and len(run) >= _STAMP_MIN_LINES:
            for stamp in run:
                stamp.removed = Reason.SIGNATURE
        run = []


def mark_end(body: list[Line]) -> Line | None:
    """Mark the addressee, the recipients and the signature block; return the signer's line."""
    for line in body[:_ADDRESSEE_LINES]:
        if line.removed is None and _ADDRESSEE.match(line.text):
            line.removed = Reason.HEADER  # "Kính gửi: …" addresses the document
    start = next(
        (
            i
            for i, line in enumerate(body)
            if line.removed is None and (RECIPIENTS.match(line.text) or _SIGN_CUE.search(line.text))
        ),
        None,
    )
    if start is None:
        start = _signature_title(body)
    if start is None:
        return None
    signer: Line | None = None
    signer_after_cue = False
    signed = False  # a signature cue or title seen: the first name after it is the signer's
    for line in body[start:]:
        name = signer_name(line.text)
        cue = bool(_SIGN_CUE.search(line.text) or _SIGNED.search(line.text) or _signer_title(line.text))
        line.removed = Reason.SIGNATURE if cue or name else Reason.RECIPIENTS
        if name and not (signed and signer is not None and signer_after_cue):
            signer = line
            signer_after_cue = signed
        signed = signed or cue
    return signer


def _signature_title(body: list[Line]) -> int | None:
    """Without ``Nơi nhận:`` or ``KT.``: the signer's title in capitals (``BÍ THƯ``) or ``(Đã ký)``
    among the last lines."""
    first = max(0, len(body) - _SIGNATURE_LINES)
    return next(
        (i for i in range(first, len(body)) if _signer_title(body[i].text) or _SIGNED.search(body[i].text)), None
    )


def _signer_title(text: str) -> bool:
    return is_caps(text) and len(text.split()) <= _TITLE_MAX_WORDS and bool(_TITLE_PHRASE.search(fold(text)))


def signer_name(text: str) -> str | None:
    """A person's name closing a signature line: 2 to 5 syllables in title case, not a title, not
    the end of a phrase (``tỉnh Lạng Sơn``); a recipient's last word carries its ``,`` or ``;``."""
    words = _SIGNED.sub(" ", text).split()
    caps_run = 0
    while caps_run < len(words) and _caps_word(words[-1 - caps_run]):
        caps_run += 1
    if 2 <= caps_run < len(words):
        words = words[:-caps_run]  # the next page's header flattened after the name (``Trần Văn A CHỦ TỊCH …``)
    name: list[str] = []
    for word in reversed(words):
        if len(name) == _NAME_MAX or not _title_case(word):
            break
        name.insert(0, word)
    before = words[-len(name) - 1] if len(words) > len(name) else ""
    ranked = bool(RANK_BEFORE_NAME.search(" ".join(words[: len(words) - len(name)])))
    if len(name) < 2 or (before.isalpha() and before.islower() and not ranked):
        return None  # "… tỉnh Lạng Sơn" ends a phrase; "Đại tướng Lê Văn A" is a rank and a name
    if _TITLE_PHRASE.search(fold(" ".join(name))):
        return None
    return " ".join(name)


def _title_case(word: str) -> bool:
    if _ROMAN.fullmatch(word):
        return False  # ``Chương I``: a numeral, never a syllable of a name
    return word.isalpha() and word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _caps_word(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)
