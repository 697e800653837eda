"""ORG: a head noun (Ban, Sở, Tỉnh ủy, UBND ...) and the name that follows it.

The name is read word by word: capitalised words (grouped into dictionary
words, so ``Tổ chức`` is one word and a following verb ``tổ chức`` is not
part of it), acronyms, connectors inside a name (``và``, ``-``), a level word
with its place (``tỉnh Bắc Kạn``) and a few lowercase words that belong to
names (``nhân dân``, ``hành chính``). It stops at anything else, and where a
person's name begins (``Bí thư Tỉnh ủy Thái Bình Ngô Đông Hải``).
"""

from __future__ import annotations

from tui.core.entities.candidates import Candidate
from tui.core.entities.companies import latin_companies, teams
from tui.core.entities.lexicon import lexical_tag
from tui.core.entities.line import Line, cap_run, glued_acronym_end
from tui.core.entities.places import gazetteer_at, known_level_place_at, level_place_at, structure_at
from tui.core.entities.text import fold, vietnamese_syllable
from tui.core.entities.tokens import Tok, phrase_at, word_end
from tui.core.entities.vocab import (
    BODY_LEVELS,
    ORG_HEAD_INDEX,
    ORG_LOWER_WORDS,
    ORG_STANDALONE_INDEX,
    PHRASE_STARTERS,
    SURNAMES,
    TITLE_INDEX,
)

# Heads that name a specific body with only a level word after them (HĐND tỉnh, Đảng bộ huyện).
_LEVEL_HEADS = {
    "Đảng bộ",
    "Đảng ủy",
    "Đảng uỷ",
    "HĐND",
    "UBND",
    "Hội đồng nhân dân",
    "Ủy ban nhân dân",
    "Công an",
    "MTTQ",
    "UBMTTQ",
    "Tòa án nhân dân",
    "Viện kiểm sát nhân dân",
    "Viện Kiểm sát nhân dân",
    "CA",
    "Ban Chấp hành Đảng bộ",
    "Thường trực",
    "Ban Thường vụ",
    "Văn phòng",
    "Liên đoàn Lao động",
    "Huyện đoàn",
    "Tỉnh đoàn",
    "Thành đoàn",
    "Đoàn ĐBQH",
    "đoàn ĐBQH",
    "Bộ Chỉ huy Quân sự",
    "Ủy ban Kiểm tra",
    "Hội Nông dân",
    "Hội Cựu chiến binh",
    "Hội Liên hiệp Phụ nữ",
    "Kho bạc Nhà nước",
    "Chi cục Thuế",
    "Cục Thuế",
    "Bảo hiểm xã hội",
    "Trung tâm Y tế",
    "Bệnh viện Đa khoa",
    "Phòng Giáo dục và Đào tạo",
    "Ủy ban MTTQ",
    "Huyện ủy",
    "Thành ủy",
    "Tỉnh ủy",
    "Đoàn đại biểu Quốc hội",
}
_LEVEL_HEAD_KEYS = {fold(h) for h in _LEVEL_HEADS}
# Lowercase heads inside a title: Trưởng [ban Tổ chức Trung ương], Trưởng [đoàn ĐBQH tỉnh Bắc Kạn].
_LOWER_HEADS = {"ban", "đoàn", "phòng", "vụ", "cục", "sở", "văn phòng"}
_TITLE_BEFORE_LOWER_HEAD = frozenset(
    fold(t) for t in ("trưởng", "phó", "phó trưởng", "ủy viên", "uỷ viên", "chánh", "phó chánh")
)
# Lowercase heads that open a body wherever a capitalised name follows them
# (công ty Điện lực Hà Nội, đảng Dân chủ, trường THCS Lê Lợi, huyện ủy Tam Nông).
_NAMED_LOWER_HEADS = {
    "công ty",
    "tập đoàn",
    "ngân hàng",
    "đảng",
    "trường",
    "huyện ủy",
    "huyện uỷ",
    "tỉnh ủy",
    "tỉnh uỷ",
    "thành ủy",
    "thành uỷ",
    "quận ủy",
    "quận uỷ",
}
# A political party: Đảng + its name (Đảng Dân chủ, Đảng Lao động Anh); Đảng alone is not annotated.
_PARTY = {"Đảng", "\u00d0ảng", "đảng"}  # Ð: the look-alike some sites type
_SETTLEMENTS = {"thôn", "xóm", "bản", "ấp", "khu phố", "tổ dân phố", "làng", "buôn"}
# School levels: the name after them is the school's, even a person's (trường THCS Lê Lợi).
_SCHOOL_LEVELS = {"THCS", "THPT", "PTTH", "PTCS", "PTDTNT", "PTDTBT", "TH", "MN"}
_MAX_LOWER_WORDS = 3
# First syllables of those heads (a token holds no space, so a head of two starts with one of these).
_LOWER_HEAD_STARTS = frozenset(head.split(" ")[0] for head in _PARTY | _NAMED_LOWER_HEADS)
# Every syllable ``_org_at`` can start a body at: the first of a head or of a self-named body, and
# the lowercase heads.
_OPENERS = frozenset([*ORG_STANDALONE_INDEX.lengths, *ORG_HEAD_INDEX.lengths, *_LOWER_HEADS, *_LOWER_HEAD_STARTS])
_CONNECTORS = {"và", "&", "-", "–"}
_ELLIPTIC = {"Thường trực", "Đảng ủy", "Đảng uỷ", "Ban Thường vụ"}
_TITLES_BEFORE_ELLIPTIC = frozenset(fold(t) for t in ("bí thư", "phó bí thư", "ủy viên", "uỷ viên", "thường trực"))
_TITLE_WORDS = frozenset(fold(t) for t in ("bí thư", "phó bí thư", "ủy viên", "uỷ viên", "phó chủ tịch", "chủ tịch"))


def organisations(line: Line) -> list[Candidate]:
    toks = line.toks
    found: list[Candidate] = teams(toks) + latin_companies(toks)
    i = 0
    while i < len(toks):
        if toks[i].text not in _OPENERS:  # no body starts here (``_org_at`` would say so, slower)
            i += 1
            continue
        end = _org_at(line, i)
        if end > i:
            found.append(Candidate.of("ORG", toks[i].start, toks[end - 1].end))
            i = end
        else:
            i += 1
    return found


def _org_at(line: Line, i: int) -> int:
    toks = line.toks
    tok = toks[i]
    if not tok.alpha or (i > 0 and not tok.space and toks[i - 1].alpha):
        return i
    standalone = phrase_at(toks, i, ORG_STANDALONE_INDEX)
    head = phrase_at(toks, i, ORG_HEAD_INDEX)
    if not head and tok.text in _LOWER_HEADS and _title_before(toks, i, _TITLE_BEFORE_LOWER_HEAD):
        head = 1
    if not head and not standalone:
        head = _named_lower_head(toks, i)
    if head and word_end(toks, i) > i + head and not toks[i].upper and toks[i + head].lower:
        head = 0  # "Hội nghị", "Đoàn kết", "Bộ trưởng": the head is part of a longer word
    if head and _preceded_by_title_word(toks, i) and " ".join(t.text for t in toks[i : i + head]) == "Thường trực":
        head = 0  # Phó Bí thư Thường trực Tỉnh ủy: part of the title
    best = i + standalone
    if head:
        # A head that already holds a name (Hội đồng Lý luận Trung ương, Đảng ủy Khối) needs no more.
        named_head = sum(1 for t in toks[i + 1 : i + head] if t.cap)
        end, elements, _ = _extend(line, i + head, i, named_head)
        head_text = " ".join(t.text for t in toks[i : i + head])
        if elements or _accept_bare_head(line, i, i + head, head_text):
            best = max(best, end)
    if standalone and best == i + standalone:
        best = max(best, _standalone_place(toks, i + standalone))
    if line.title_case and best > i and line.kind == "title" and best - i > 6:
        return i  # Title Case headlines: capitals run through everything
    return best


def _named_lower_head(toks: list[Tok], i: int) -> int:
    """``công ty``, ``đảng``, ``Đảng`` and the like count as a head only before a capitalised name."""
    if toks[i].text not in _LOWER_HEAD_STARTS:
        return 0  # read at every syllable: most are no head's first
    for n in (2, 1):
        words = " ".join(t.text for t in toks[i : i + n])
        if words in _PARTY or (words in _NAMED_LOWER_HEADS and toks[i].lower):
            j = i + n
            if n == 1 and i > 0 and toks[i - 1].alpha and toks[i].space and word_end(toks, i - 1) > i:
                return 0  # thị trường, chiến trường: the head ends a longer word
            if j < len(toks) and toks[j].space and toks[j].alpha and toks[j].cap and _opens_name(toks, j):
                return n
    return 0


def _opens_name(toks: list[Tok], j: int) -> bool:
    """The capitalised word after a lowercase head starts a name, not a person, title or another body."""
    if toks[j].text in PHRASE_STARTERS or phrase_at(toks, j, TITLE_INDEX) or phrase_at(toks, j, ORG_HEAD_INDEX):
        return False
    if toks[j].text in SURNAMES and 2 <= cap_run(toks, j, 5) - j <= 4 and not gazetteer_at(toks, j):
        return False
    if toks[j].lower or toks[j].text in {"Nhà", "Ủy", "Uỷ", "Bộ", "Ta", "Đoàn"}:
        return False
    place = gazetteer_at(toks, j)
    if (
        place
        and not toks[j - 1].text.endswith(("ủy", "uỷ"))
        and not (j + place < len(toks) and toks[j + place].cap and toks[j + place].space)
    ):
        return False  # công ty Mỹ, thị trường Nhật: a nationality, not a name
    # trường THPT, ngân hàng TMCP: a category acronym alone is no name; a party may be one (đảng DUP).
    return not toks[j].upper or toks[j - 1].text.lower() == "đảng" or cap_run(toks, j + 1, 1) > j + 1


def _standalone_place(toks: list[Tok], j: int) -> int:
    """A self-named body reads on only into its place (Tỉnh ủy Thái Bình, Thành ủy TP.HCM) or Đảng."""
    if j >= len(toks) or not toks[j].space:
        return j
    if toks[j].text == "Đảng":
        return j + 1
    place = gazetteer_at(toks, j)
    if place:
        return j + place
    return max(j, level_place_at(toks, j))


def _accept_bare_head(line: Line, i: int, j: int, head: str) -> bool:
    """A head with no name: only the elliptic heads of a coordinated title string."""
    toks = line.toks
    if head in _ELLIPTIC:
        if _title_before(toks, i, _TITLES_BEFORE_ELLIPTIC):
            return True
        # [Thường trực], [Ban Thường vụ Tỉnh ủy]: a comma and another body follow.
        if j + 1 < len(toks) and toks[j].text == "," and phrase_at(toks, j + 1, ORG_HEAD_INDEX):
            return head == "Thường trực"
    return False


def _extend(line: Line, j: int, start: int, elements: int = 0) -> tuple[int, int, str]:
    """Read the name after a head; return (end index, number of name words, last word read)."""
    toks = line.toks
    last = " ".join(t.text for t in toks[start:j])
    end = last_end = j
    while j < len(toks):
        tok = toks[j]
        if not tok.space and tok.alpha:
            break
        if tok.alpha and (tok.cap or tok.upper):
            if _stops_name(toks, j, elements):
                break
            place_end = known_level_place_at(toks, j) if tok.upper else j
            if place_end > j + 1:  # UBND TP.Yên Bái
                return place_end, elements + 1, last
            k = word_end(toks, j) if not tok.upper else glued_acronym_end(toks, j)
            last = " ".join(t.text for t in toks[j:k])
            j = end = last_end = k
            elements += 1
            continue
        if (
            tok.text in _CONNECTORS
            and elements
            and j + 1 < len(toks)
            and toks[j + 1].alpha
            and toks[j + 1].cap
            and not phrase_at(toks, j + 1, ORG_HEAD_INDEX)
            and not (tok.text in {"-", "–"} and toks[j + 1].upper)
            and not phrase_at(toks, j + 1, TITLE_INDEX)
            and (toks[j + 1].text not in SURNAMES or _starts_common_word(toks, j + 1))
        ):
            j += 1
            continue
        if tok.alpha and tok.lower:
            word_stop = word_end(toks, j)
            word = " ".join(t.text for t in toks[j:word_stop])
            if word in BODY_LEVELS or word.lower() in {"tp"}:
                place_end = level_place_at(toks, j)
                if place_end > j:
                    return place_end, elements + 1, last
                level_head = (
                    fold(last) in _LEVEL_HEAD_KEYS or fold(" ".join(t.text for t in toks[start:j])) in _LEVEL_HEAD_KEYS
                )
                # HĐND tỉnh, Sở Y tế tỉnh: a level word alone designates the body of this place.
                if (level_head or elements) and not _generic_after(toks, word_stop):
                    return word_stop, elements + 1, last
                break
            if word in _SETTLEMENTS or word == "châu":  # Ngân hàng Phát triển châu Á
                place_end = structure_at(toks, j)
                if place_end > j:
                    return place_end, elements + 1, last
                break
            if last.endswith("Khối") and word in {"các", "cơ quan", "doanh nghiệp"}:
                j = end = word_end(toks, j + 1) if word == "các" else word_stop
                continue
            if word.lower() in ORG_LOWER_WORDS:
                j = end = word_stop
                continue
            run_end = _lowercase_run(toks, j, verb_object=j == last_end and elements == 1 and _verb(last))
            if run_end > j:
                j = end = run_end
                continue
            break
        break
    if j + 1 < len(toks) and toks[j].text == "số" and toks[j + 1].digit:
        return j + 2, elements + 1, last
    return end, elements, last


def _lowercase_run(toks: list[Tok], j: int, verb_object: bool) -> int:
    """Names written in sentence case: lowercase nouns that lead to the body's place
    (``Văn phòng Đăng ký đất đai tỉnh Bình Định``), or one noun that is the object of a verb
    in the name (``Ban Tiếp công dân``). Returns the end index (``j`` if there is none)."""
    k = j
    nouns: list[str] = []
    while k < len(toks) and len(nouns) < _MAX_LOWER_WORDS and toks[k].alpha and toks[k].lower and toks[k].space:
        stop = word_end(toks, k)
        word = " ".join(t.text for t in toks[k:stop])
        if word in BODY_LEVELS:
            return k if nouns and known_level_place_at(toks, k) > k else j
        if word == "số" or not _nounish(word):
            break
        k = stop
        nouns.append(word)
    if verb_object and nouns and lexical_tag(nouns[0]) in {"N", "Nc"}:
        return word_end(toks, j)
    return j


def _verb(word: str) -> bool:
    """A Vietnamese verb opening a name in sentence case (Tiếp, Đăng ký, Dạy)."""
    return not word.isupper() and all(map(vietnamese_syllable, word.split())) and lexical_tag(word.lower()) == "V"


def _nounish(word: str) -> bool:
    """A noun or adjective by underthesea's tagger; a compound also when its first syllable is a noun."""
    tag = lexical_tag(word)
    return tag in {"N", "Nc", "A"} or (" " in word and lexical_tag(word.split()[0]) == "N")


def _stops_name(toks: list[Tok], j: int, elements: int) -> bool:
    two = " ".join(t.text for t in toks[j : j + 2])
    if toks[j].text in PHRASE_STARTERS or two in PHRASE_STARTERS:
        return True
    if (
        phrase_at(toks, j, TITLE_INDEX)
        and not phrase_at(toks, j, ORG_STANDALONE_INDEX)
        and not (toks[j].text == "Thường" and elements == 0)
    ):
        return True
    if (
        toks[j].text in SURNAMES
        and elements
        and not _is_patron_name(toks, j)
        and toks[j - 1].text not in _SCHOOL_LEVELS
    ):
        run = cap_run(toks, j, 5)
        # Full names have three or four syllables; two (Hà Lầm) more often end the body's own name,
        # except after an acronym, where a place is written as such (Sở TN-MT Yên Bái).
        shortest = 2 if toks[j - 1].upper else 3
        if shortest <= run - j <= 4 and not gazetteer_at(toks, j) and not phrase_at(toks, j, ORG_HEAD_INDEX):
            return True
    return False


def _starts_common_word(toks: list[Tok], j: int) -> bool:
    """``Hạ tầng``: a family-name syllable that opens a lowercase word is no person's name."""
    return j + 1 < len(toks) and toks[j + 1].lower and word_end(toks, j) > j + 1


def _is_patron_name(toks: list[Tok], j: int) -> bool:
    """Hồ Chí Minh names institutions (Học viện Chính trị quốc gia Hồ Chí Minh, Đoàn TNCS Hồ Chí Minh)."""
    return " ".join(t.text for t in toks[j : j + 3]) == "Hồ Chí Minh"


def _generic_after(toks: list[Tok], j: int) -> bool:
    """``HĐND các cấp``: a plural or generic reference follows the level word."""
    return j < len(toks) and toks[j].text in {"các", "cấp", "những"}


def _title_before(toks: list[Tok], i: int, titles: frozenset[str]) -> bool:
    """One of ``titles`` (folded, see ``fold``) ends right before token ``i``."""
    return any(i - n >= 0 and fold(" ".join(t.text for t in toks[i - n : i])) in titles for n in (3, 2, 1))


def _preceded_by_title_word(toks: list[Tok], i: int) -> bool:
    return _title_before(toks, i, _TITLE_WORDS)
