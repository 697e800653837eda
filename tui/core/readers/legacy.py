"""Vietnamese text typed in the 8-bit font encodings of the 1990s: TCVN3 (ABC) and VNI.

Both put Vietnamese letters where Windows fonts have Latin-1 symbols, so such a file
opens as "Bé Kinh tÕ" or "Boä Kinh teá". The tables below follow the published charts:
TCVN 5712:1993 VN3 (the ABC fonts ``.VnTime``, ``.VnArial``: one byte per lowercase
letter, the seven uppercase letters with a vowel mark but no tone, and ``.VnTimeH``-style
fonts drawing the lowercase bytes as capitals) and VNI for Windows (``VNI-Times``: a base
letter followed by a byte for the vowel mark and tone).

Bytes are read as Latin-1 characters (what Word stores for a run in such a font), then
mapped. Detection compares how many words form valid Vietnamese syllables under each
reading: a statistic of the text, never its file name.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum


class Legacy(Enum):
    TCVN3 = "TCVN3 (ABC)"
    VNI = "VNI"


# TCVN3: Unicode letters in chart order, and the Latin-1 byte each is typed as.
_TCVN3_LETTERS = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵĂÂÊÔƠƯĐ"
_TCVN3_BYTES = bytes.fromhex(
    "b5 b6 b7 b8 b9 a8 bb bc bd be c6 a9 c7 c8 c9 ca cb ae"  # a à-ạ, ă ằ-ặ, â ầ-ậ, đ
    " cc ce cf d0 d1 aa d2 d3 d4 d5 d6"  # è-ẹ, ê ề-ệ
    " d7 d8 dc dd de"  # ì-ị
    " df e1 e2 e3 e4 ab e5 e6 e7 e8 e9 ac ea eb ec ed ee"  # ò-ọ, ô ồ-ộ, ơ ờ-ợ
    " ef f1 f2 f3 f4 ad f5 f6 f7 f8 f9"  # ù-ụ, ư ừ-ự
    " fa fb fc fd fe"  # ỳ-ỵ
    " a1 a2 a3 a4 a5 a6 a7"  # Ă Â Ê Ô Ơ Ư Đ
)
_TCVN3_DECODE = {chr(b): u for b, u in zip(_TCVN3_BYTES, _TCVN3_LETTERS, strict=True)}
_TCVN3_ENCODE = {u: chr(b) for b, u in zip(_TCVN3_BYTES, _TCVN3_LETTERS, strict=True)}

# VNI: tone bytes after a plain vowel, after a circumflex and after a breve (lowercase forms;
# uppercase forms are the same Latin-1 letters in capitals). Order: acute, grave, hook, tilde, dot.
_TONES = "\u0301\u0300\u0309\u0303\u0323"
_VNI_PLAIN = "ùøûõï"
_VNI_CIRCUMFLEX = "âáàåãä"  # the mark alone, then with each tone
_VNI_BREVE = "êéèúüë"
# Letters written as a single byte in VNI: i with tones, ỵ, ơ, ư, đ.
_VNI_SINGLE = {"í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î", "ơ": "ô", "ư": "ö", "đ": "ñ"}


def _vni_lower_table() -> dict[str, str]:
    table = dict(_VNI_SINGLE)
    for base in "aeouy":
        for tone, byte in zip(_TONES, _VNI_PLAIN, strict=True):
            table.setdefault(unicodedata.normalize("NFC", base + tone), base + byte)
    for base in "aeo":
        table[unicodedata.normalize("NFC", base + "\u0302")] = base + _VNI_CIRCUMFLEX[0]
        for tone, byte in zip(_TONES, _VNI_CIRCUMFLEX[1:], strict=True):
            table[unicodedata.normalize("NFC", base + "\u0302" + tone)] = base + byte
    table["ă"] = "a" + _VNI_BREVE[0]
    for tone, byte in zip(_TONES, _VNI_BREVE[1:], strict=True):
        table[unicodedata.normalize("NFC", "a\u0306" + tone)] = "a" + byte
    for horned, byte_form in (("ơ", "ô"), ("ư", "ö")):
        for tone, byte in zip(_TONES, _VNI_PLAIN, strict=True):
            table[unicodedata.normalize("NFC", horned + tone)] = byte_form + byte
    return table


_VNI_ENCODE_LOWER = _vni_lower_table()
_VNI_ENCODE = {
    **_VNI_ENCODE_LOWER,
    **{u.upper(): v.upper() for u, v in _VNI_ENCODE_LOWER.items()},
}
_VNI_DECODE = {v: u for u, v in _VNI_ENCODE.items()}
# Two-character sequences first, so "oâ" is read as "ô" before "â" could be read alone.
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True)))
_TCVN3_PATTERN = re.compile("[" + re.escape("".join(_TCVN3_DECODE)) + "]")


def decode_tcvn3(text: str, capitals: bool = False) -> str:
    """Latin-1 characters typed in a TCVN3 font → Unicode; ``capitals`` for ``.VnTimeH``-style fonts."""
    out = _TCVN3_PATTERN.sub(lambda m: _TCVN3_DECODE[m.group()], text)
    return out.upper() if capitals else out


def decode_vni(text: str) -> str:
    """Latin-1 characters typed in a VNI font → Unicode."""
    return _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group()], text)


def decode(text: str, encoding: Legacy) -> str:
    """Latin-1 characters typed in ``encoding`` → Unicode (NFC)."""
    decoder = decode_tcvn3 if encoding is Legacy.TCVN3 else decode_vni
    return unicodedata.normalize("NFC", decoder(text))


def encode(text: str, encoding: Legacy) -> bytes:
    """Unicode → bytes in a legacy encoding (for writing test documents and checking round trips).

    Uppercase letters with a tone have no TCVN3 code (their fonts draw lowercase codes as
    capitals), so they are written lowercase there."""
    text = unicodedata.normalize("NFC", text)
    if encoding is Legacy.TCVN3:
        chars = (_TCVN3_ENCODE.get(ch) or _TCVN3_ENCODE.get(ch.lower(), ch) for ch in text)
    else:
        chars = (_VNI_ENCODE.get(ch, ch) for ch in text)
    return "".join(chars).encode("latin-1")


def decode_font_run(text: str, font: str | None) -> tuple[str, Legacy | None]:
    """A Word run's text, converted when its font is a TCVN3 (``.Vn*``) or VNI (``VNI-*``) font."""
    if not font:
        return text, None
    name = font.strip()
    if name.lower().startswith(".vn"):
        # ".VnTimeH", ".VnArialH": the capitals variant of the same encoding.
        return decode_tcvn3(text, capitals=name.endswith("H")), Legacy.TCVN3
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return decode_vni(text), Legacy.VNI
    return text, None


# A Vietnamese syllable without its tone: onset, vowel nucleus, final consonant.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(?:[aăâeêioôơuưy]{1,3})"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_TONE_MARKS = frozenset(_TONES)
_WORD = re.compile(r"[^\W\d_]+")


def is_syllable(word: str) -> bool:
    """A written Vietnamese syllable: onset, vowels, final consonant and at most one tone mark."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(ch in _TONE_MARKS for ch in decomposed)
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    return tones <= 1 and _SYLLABLE.fullmatch(bare) is not None


def syllable_share(text: str) -> float:
    """Share of the words with letters beyond ASCII that are valid Vietnamese syllables."""
    words = [word for word in _WORD.findall(text[:50_000]) if not word.isascii()]
    return sum(map(is_syllable, words)) / len(words) if words else 0.0


_MIN_SHARE = 0.6  # a real Vietnamese text gives 0.9 and more; garbage readings stay far below


def detect(raw: str, baseline: str) -> tuple[str, Legacy] | None:
    """``raw`` (bytes read as Latin-1 characters) converted, when it reads as TCVN3 or VNI far better
    than ``baseline`` (the same bytes as the ordinary decoding read them)."""
    floor = syllable_share(baseline)
    best: tuple[float, str, Legacy] | None = None
    for kind, decoder in ((Legacy.TCVN3, decode_tcvn3), (Legacy.VNI, decode_vni)):
        text = unicodedata.normalize("NFC", decoder(raw))
        share = syllable_share(text)
        if share >= _MIN_SHARE and share > floor + 0.1 and (best is None or share > best[0]):
            best = (share, text, kind)
    return (best[1], best[2]) if best else None
