"""Character classes and small helpers shared by the entity rules.

The rules work on the raw document text with regular expressions over
syllables, so every match is already an offset into ``Document.text``.
Vietnamese capitalisation is the strongest signal there is for names, so the
upper- and lower-case letter classes used in the patterns are built from Unicode rather than typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def _letters(upper: bool) -> str:
    chars = []
    for code in list(range(0x41, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        if ch.isalpha() and (ch.isupper() if upper else ch.islower()):
            chars.append(ch)
    return "".join(chars)


UP = _letters(True)
LO = _letters(False)
# Spaces inside a line: the files contain NBSPs; never cross a line break.
WS = r"[^\S\n]+"
# A Roman numeral as used for terms and congresses (khóa XIII, Đại hội XII).
ROMAN = r"(?<![\w])(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})(?![\w])"


_OLD_TONES = str.maketrans({"\xa0": " "})
_OLD_STYLE = (("oá", "óa"), ("oà", "òa"), ("uỷ", "ủy"), ("oạ", "ọa"), ("oả", "ỏa"), ("oã", "õa"), ("uý", "úy"))


def fold(text: str) -> str:
    """A comparison key: single spaces, lower case, ``khoá``/``khóa`` alike (input is NFC already)."""
    text = " ".join(text.translate(_OLD_TONES).split()).lower()
    for old, new in _OLD_STYLE:
        if old in text:
            text = text.replace(old, new)
    return text


def place_name(mention: str) -> str:
    """``Kim Mã`` of ``phố Kim Mã``, ``Thái Nguyên`` of ``tỉnh Thái Nguyên``: the capitalised words
    after the lowercase level or street words; "" when there are none (``TP. Huế``, ``thôn 6``)."""
    words = mention.split()
    lead = next((n for n, word in enumerate(words) if not word[:1].islower()), len(words))
    name = words[lead:]
    if lead == 0 or not name or not all(word[:1].isupper() for word in name):
        return ""
    return " ".join(name)


def spelling_variants(words: list[str] | tuple[str, ...]) -> list[str]:
    """Add the old-style tone placement (``uỷ``, ``khoá``) that many sites still use."""
    swap = {"ủy": "uỷ", "Ủy": "Uỷ", "óa": "oá", "òa": "oà", "ọa": "oạ", "Óa": "Oá"}
    out = list(words)
    for w in words:
        v = w
        for new, old in swap.items():
            v = v.replace(new, old)
        if v != w:
            out.append(v)
    return out


# Onset, vowel nucleus (with glides) and coda of a Vietnamese syllable, tone marks removed.
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")


@lru_cache(maxsize=20_000)
def vietnamese_syllable(word: str) -> bool:
    """Could ``word`` be one Vietnamese syllable? ``Foster``, ``Zing``, ``Bank`` cannot; ``May`` can."""
    base = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))
    return bool(_SYLLABLE.fullmatch(base.replace("đ", "d")))
