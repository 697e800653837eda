"""NUM: a figure written in digits plus what it counts (``2.053 đảng viên``, ``102% chỉ tiêu``).

The counted noun is read word by word after the figure, words being
underthesea dictionary words; it stops at punctuation, a function word, a
verb or adjective (by underthesea's tagger), a capitalised word (a name
follows) or after four words.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from tui.core.entities.candidates import Candidate
from tui.core.entities.lexicon import MAX_WORD_SYLLABLES, lexical_tag
from tui.core.entities.text import LO
from tui.core.entities.tokens import Tok, more_tokens, tokenize, tokens_before, word_end

_FIGURE = re.compile(
    r"(?<![\w./,:\-–])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"(?:[^\S\n]*/[^\S\n]*\d{1,3}(?:\.\d{3})*(?:,\d+)?)?"
    r"(?:[-–]\d+(?:,\d+)?(?=[^\S\n]?%))?"  # a range of percentages: 0,1-0,2%
    r"(?:[^\S\n]?%)?"
)
# Words that scale the figure before them, with their factor (the figures table reads the value).
MULTIPLIERS: dict[str, int] = {
    "triệu": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
    "nghìn": 10**3,
    "ngàn": 10**3,
    "vạn": 10**4,
    "trăm": 100,
}
UNITS = {
    "ha",
    "m",
    "m2",
    "m3",
    "km",
    "km2",
    "kg",
    "g",
    "tấn",
    "tạ",
    "lít",
    "cm",
    "mm",
    "mw",
    "kw",
    "kwh",
    "usd",
    "vnđ",
    "vnd",
    "đồng",
    "đ",
    "euro",
    "yên",
    "nhân dân tệ",
    "hecta",
    "héc ta",
    "mét",
    "ki lô mét",
}
# Letters glued to a figure that still make a quantity (15ha, 500m, 10m2).
_GLUED_UNIT = re.compile(r"(?:ha|m2|m3|m|km2|km|kg|g|tấn|cm|mm|MW|kW|kWh|USD|đ)(?![\w])")
# m² typed as "m 2" where the superscript was lost: 13.000m 2 đất
_SQUARE = re.compile(rf"([^\S\n][23])(?=[^\S\n]+[{LO}])")
_DURATION = {
    "năm",
    "tháng",
    "ngày",
    "tuần",
    "giờ",
    "phút",
    "giây",
    "tuổi",
    "thế kỷ",
    "thập kỷ",
    "thập niên",
    "đêm",
    "buổi",
    "quý",
    "hôm",
    "mình",
    "thân",
    "đời",
}
_STOP = set(
    [
        "của",
        "cho",
        "với",
        "tại",
        "ở",
        "trong",
        "trên",
        "dưới",
        "từ",
        "đến",
        "về",
        "theo",
        "vào",
        "ra",
        "lên",
        "xuống",
        "bằng",
        "do",
        "bởi",
        "để",
        "như",
        "và",
        "hoặc",
        "hay",
        "là",
        "được",
        "bị",
        "đã",
        "đang",
        "sẽ",
        "có",
        "không",
        "thì",
        "mà",
        "nên",
        "này",
        "đó",
        "kia",
        "ấy",
        "nào",
        "mỗi",
        "so",
        "sau",
        "trước",
        "khi",
        "nhưng",
        "cũng",
        "vẫn",
        "đều",
        "nữa",
        "rồi",
        "các",
        "những",
        "một",
        "nhiều",
        "ít",
        "gần",
        "khoảng",
        "hơn",
        "đạt",
        "gồm",
        "thuộc",
        "trở",
        "tăng",
        "giảm",
        "còn",
        "chỉ",
        "mới",
        "đi",
        "tới",
        "nhằm",
        "qua",
        "nay",
        "cùng",
        "đâu",
        "đấy",
        "ông",
        "bà",
        "anh",
        "chị",
        "em",
        "tôi",
        "họ",
        "nó",
        "mình",
        "ai",
        "gì",
        "vậy",
        "thế",
        "rằng",
        "nếu",
        "vì",
        "ngay",
        "luôn",
        "tự",
        "chưa",
        "rất",
        "quá",
        "lại",
    ]
) | {"trực thuộc", "đề ra", "tham gia", "đối với", "bao gồm", "so với", "trong đó", "chúng ta", "bởi vì"}
# A multi-syllable word opening with these is a conjunction or preposition (trước khi, sau khi).
_STOP_FIRST = {"trước", "sau", "trong", "ngoài", "từ", "để", "vì", "nếu", "khi", "cho", "với", "bởi"}
# Words the tagger calls verbs out of context but that name what is counted.
_NOUN_LIKE = {"tổ chức", "chỉ thị", "tỷ", "xà cừ", "đề án", "quyết định", "nghị quyết", "kết luận"}
_NOUN_TAGS = {"N", "Nc", "Nu", "Ny", "Nb", "M", "?"}
# The word before a figure that makes it an identifier, an ordinal or a part of a date.
_ID_BEFORE = re.compile(
    r"(?<![\w])(?:(?<!tổng )(?<!Tổng )(?<!con )(?<!Con )số|thứ|đợt|điều|khoản|chương|mục|khóa|khoá|kỳ|quận|phường|thôn|xóm|tổ|đường|ngõ|hẻm|ngách|"  # noqa: E501
    r"đoàn|giai đoạn|trung ương|lần|phòng|tầng|lô|km|ql|quốc lộ|tỉnh lộ|tuyến|mã|câu|bảng|vòng|hiệp|"
    r"phút|năm|tháng|ngày|hôm|lúc|sáng|chiều|tối|đêm|khu|ấp|bản|cụm|covid|kênh|trang|tập|hạng|"
    r"level|top|quy định|chỉ thị|nghị quyết|kết luận|nghị định|thông tư|quyết định|đề án|cầu|"
    r"bảo|đội|điểm|trường|lớp|số nhà|nhà|căn|tiểu đoàn|trung đoàn|sư đoàn|lữ đoàn|quân khu|quân đoàn)"
    r"[^\S\n]*$",
    re.IGNORECASE,
)
_MAX_WORDS = 4
# Characters after a figure its counted noun is looked for in, and the first, shorter stretch read.
_TOKENS_AFTER = 120
_TOKENS_AFTER_SHORT = 60
# Tokens the counted-noun reading may look at beyond the one it stops at: a word (its syllables)
# and the next word (``_peek``).
_READ_AFTER = 2 * MAX_WORD_SYLLABLES + 1
_MULTIPLIER_BEFORE = re.compile(r"(?:gấp|hơn)[^\S\n]*$")


def figures(text: str, start: int, end: int, line_toks: list[Tok] | None = None) -> list[Candidate]:
    """The figures of the line ``text[start:end]``; ``line_toks``, its tokens if they are at hand
    (``tokenize(text, start, end)``), spare reading the words after most figures again."""
    found: list[Candidate] = []
    starts = [t.start for t in line_toks] if line_toks else []
    for m in _FIGURE.finditer(text, start, end):
        c = _figure(text, start, end, m, line_toks or [], starts)
        if c is not None:
            found.append(c)
    return found


def _line_tokens_after(line_toks: list[Tok], starts: list[int], stop: int, limit: int) -> list[Tok] | None:
    """The first tokens of ``tokenize(text, stop, limit)`` taken from the line's tokens: those
    ending two characters or more before ``limit`` (see ``tokens_before``); None when ``stop``
    is not where a token of the line ends (then reading from it may cut the text otherwise)."""
    first = bisect_left(starts, stop)
    if first == 0 or line_toks[first - 1].end != stop:
        return None
    after = bisect_left(starts, limit - 2, first)
    if after > first and line_toks[after - 1].end > limit - 2:
        after -= 1
    return line_toks[first:after]


def _figure(
    text: str, line_start: int, line_end: int, m: re.Match[str], line_toks: list[Tok], starts: list[int]
) -> Candidate | None:
    value = m.group(0)
    if _ID_BEFORE.search(text, max(line_start, m.start() - 14), m.start()):
        return None
    if text[m.start() - 1 : m.start()] == "(" and text[m.end() : m.end() + 1] == ")" and value.isdigit():
        return None  # a list marker: (1)
    stop = m.end()
    glued = _GLUED_UNIT.match(text, stop)
    if glued:
        stop = glued.end()
        square = _SQUARE.match(text, stop) if glued.group() in {"m", "km", "cm"} else None
        stop = square.end(1) if square else stop
    elif re.match(r"[^\W\d_]", text[stop : stop + 1]):
        return None  # 8X, 8h30, 3G: not a quantity
    if re.fullmatch(r"(?:19|20)\d\d", value):
        return None  # a year, not a count (dates are found elsewhere)
    stand_alone = "%" in value or "/" in value or glued is not None
    limit = min(line_end, stop + _TOKENS_AFTER)
    # Most figures are decided by a few words: the first tokens after the figure, from the line's
    # or else from a short stretch, and all of them only when the reading came near their end.
    toks = _line_tokens_after(line_toks, starts, stop, limit) if line_toks else None
    if toks is None and stop + _TOKENS_AFTER_SHORT < line_end:
        toks = tokens_before(tokenize(text, stop, stop + _TOKENS_AFTER_SHORT), stop + _TOKENS_AFTER_SHORT)
    if toks is None:
        toks = tokenize(text, stop, limit)
    else:
        if len(toks) > _READ_AFTER:
            found, read = _figure_after(text, line_start, m, stop, stand_alone, glued is not None, toks)
            if read + _READ_AFTER < len(toks):
                return found
        toks = more_tokens(text, toks, stop, limit)
    return _figure_after(text, line_start, m, stop, stand_alone, glued is not None, toks)[0]


def _figure_after(
    text: str, line_start: int, m: re.Match[str], stop: int, stand_alone: bool, glued: bool, toks: list[Tok]
) -> tuple[Candidate | None, int]:
    """The figure ``m`` (its unit ending at ``stop``) judged by the tokens after it, and the index
    of the last token the reading got to before looking at most ``_READ_AFTER`` further."""
    value = m.group(0)
    if toks and toks[0].text == "lần" and _MULTIPLIER_BEFORE.search(text, max(line_start, m.start() - 10), m.start()):
        return None, 0  # giảm đi hơn 3 lần, gấp 2 lần: a ratio, not a count
    noun_end, read = _counted_noun(toks, percent="%" in value, after_unit=glued)
    if noun_end is not None:
        return Candidate.of("NUM", m.start(), noun_end), read
    if stand_alone or _coordinated(toks):
        return Candidate.of("NUM", m.start(), stop), read
    return None, read


def _coordinated(toks: list[Tok]) -> bool:
    """``50.000 và 100.000 đồng``: a bare figure sharing the next figure's unit."""
    return len(toks) >= 2 and toks[0].text in {"và", "hoặc", "đến", "-", "–"} and toks[1].digit


def _counted_noun(toks: list[Tok], percent: bool, after_unit: bool) -> tuple[int | None, int]:
    """End offset of the counted noun after a figure, or None when there is none; and the index
    of the token the reading stopped at (it looked at most ``_READ_AFTER`` tokens beyond it)."""
    i = 0
    end: int | None = None
    words = 0
    while i < len(toks) and words < _MAX_WORDS:
        tok = toks[i]
        if not tok.alpha or (i == 0 and not tok.space and not after_unit):
            break
        j = word_end(toks, i)
        word = " ".join(t.text for t in toks[i:j])
        low = word.lower()
        if words == 0 and _is_acronym_noun(tok):
            return tok.end, i
        if (
            tok.cap
            or low in _STOP
            or (j - i > 1 and tok.text.lower() in _STOP_FIRST)
            or (words == 0 and (low in _DURATION or low.split()[0] in _DURATION))
        ):
            break
        if low in MULTIPLIERS or low in UNITS:
            end, i = toks[j - 1].end, j  # units do not count as words
            continue
        if not _is_noun(low, first=words == 0 and not percent, next_word=_peek(toks, j)):
            break
        end = toks[j - 1].end
        words += 1
        i = j
    return end, i


def _peek(toks: list[Tok], j: int) -> str:
    if j < len(toks) and toks[j].alpha:
        return " ".join(t.text for t in toks[j : word_end(toks, j)]).lower()
    return ""


def _is_noun(word: str, first: bool, next_word: str) -> bool:
    if word in _NOUN_LIKE:
        return first or word != "tổ chức" or next_word in {"đảng", "cơ sở", "tỉnh ủy", "thành ủy", "huyện ủy"}
    if first:
        return True  # right after a count, a lowercase word is the classifier or the noun itself
    return lexical_tag(word) in _NOUN_TAGS


def _is_acronym_noun(tok: Tok) -> bool:
    """``150 CBCS``: a category acronym can be what is counted."""
    return tok.upper and tok.space and len(tok.text) <= 6
