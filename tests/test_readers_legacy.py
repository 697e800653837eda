"""TCVN3 (ABC) and VNI: tables, round trips, detection in .txt files and in Word runs by font."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from readers_fixtures import PARAGRAPHS, TITLE

from tui.core.loader import load_text
from tui.core.pipeline import load_document
from tui.core.readers.legacy import Legacy, decode_font_run, decode_tcvn3, decode_vni, detect, encode, syllable_share

# Every Vietnamese letter with every mark, lower and upper case, then a paragraph of prose.
ALPHABET = "aàảãáạ ăằẳẵắặ âầẩẫấậ đ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ"
PROSE = " ".join(PARAGRAPHS)


def test_vni_round_trips_every_letter_in_both_cases() -> None:
    for text in (ALPHABET, ALPHABET.upper(), PROSE, TITLE):
        encoded = encode(text, Legacy.VNI)
        assert decode_vni(encoded.decode("latin-1")) == unicodedata.normalize("NFC", text)


def test_tcvn3_round_trips_lowercase_and_plain_capitals() -> None:
    # TCVN3 has codes for lowercase letters and for Ă Â Ê Ô Ơ Ư Đ only (capitals with a tone are
    # drawn by the ".VnTimeH" fonts from lowercase codes), so those capitals come back lowercase.
    for text in (ALPHABET, PROSE.lower(), "ĂÂÊÔƠƯĐ"):
        assert decode_tcvn3(encode(text, Legacy.TCVN3).decode("latin-1")) == text


def test_published_chart_positions() -> None:
    """A few code points checked against the charts, so a shifted table cannot pass the round trip."""
    assert decode_tcvn3("\xb8\xb5\xae\xad\xac\xab\xa9\xa8\xa7") == "áàđươôâăĐ"
    assert decode_tcvn3("\xdd\xdc\xee\xf9\xfc\xc9\xc6\xd7\xb6\xbe") == "íĩợựỹẫặìảắ"
    assert decode_vni("a\xf9 a\xf8 o\xe2 \xf4\xf9 \xf6\xef \xf1 A\xd9 \xd1") == "á à ô ớ ự đ Á Đ"
    assert decode_vni("\xf3 \xe6 \xf2 \xee a\xfa a\xfc e\xe5 O\xc4") == "ĩ ỉ ị ỵ ẳ ẵ ể Ộ"


@pytest.mark.parametrize("kind", [Legacy.TCVN3, Legacy.VNI])
def test_txt_in_legacy_encoding_is_detected_and_converted(tmp_path: Path, kind: Legacy) -> None:
    source = f"{TITLE}\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    if kind is Legacy.TCVN3:
        source = source.lower()  # see above: no capitals with tones in TCVN3
    path = tmp_path / "old.txt"
    path.write_bytes(encode(source, kind))
    loaded = load_text(str(path))
    assert loaded.text == unicodedata.normalize("NFC", source)
    assert loaded.note == f"converted from {kind.value}"
    assert loaded.encoding == kind.name.lower()
    document = load_document(str(path))
    assert document.title == source.split("\n")[0]
    assert f"converted from {kind.value}" in document.notes


def test_tcvn3_text_saved_again_as_utf8_is_converted(tmp_path: Path) -> None:
    path = tmp_path / "resaved.txt"
    path.write_text(encode(PROSE.lower(), Legacy.TCVN3).decode("latin-1"), encoding="utf-8")
    loaded = load_text(str(path))
    assert loaded.text == PROSE.lower() and loaded.note == "converted from TCVN3 (ABC)"


def test_unicode_and_windows_1258_text_are_left_alone(tmp_path: Path) -> None:
    utf8 = tmp_path / "new.txt"
    utf8.write_text(PROSE, encoding="utf-8")
    assert load_text(str(utf8)).note is None
    data = "".join(_cp1258_char(ch) for ch in PROSE).encode("cp1258")
    assert detect(data.decode("latin-1"), unicodedata.normalize("NFC", data.decode("cp1258"))) is None
    legacy = tmp_path / "cp1258.txt"
    legacy.write_bytes(data)
    loaded = load_text(str(legacy))
    assert loaded.encoding == "windows-1258" and loaded.text == unicodedata.normalize("NFC", PROSE)


def _cp1258_char(ch: str) -> str:
    """A character as Windows-1258 holds it: the letter with its vowel mark, then the tone apart."""
    parts = unicodedata.normalize("NFD", ch)
    tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
    return base + tones


def test_english_and_french_text_is_not_converted() -> None:
    french = "Le café était fermé à côté de l'hôtel où nous étions déjà arrivés très tôt le matin."
    assert detect(french, french) is None
    assert syllable_share("Điều 1. Phê duyệt kế hoạch") == 1.0


def test_docx_runs_in_legacy_fonts_are_converted(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    title = document.add_paragraph()
    run = title.add_run(encode(TITLE.lower(), Legacy.TCVN3).decode("latin-1"))
    run.font.name = ".VnTimeH"  # the capitals font: the headline comes out in capitals
    body = document.add_paragraph()
    body.add_run(encode(PARAGRAPHS[0], Legacy.VNI).decode("latin-1")).font.name = "VNI-Times"
    mixed = document.add_paragraph()
    mixed.add_run(encode(PARAGRAPHS[1].lower(), Legacy.TCVN3).decode("latin-1")).font.name = ".VnTime"
    mixed.add_run(" Ghi chú bằng Unicode.").font.name = "Times New Roman"
    path = tmp_path / "old.docx"
    document.save(str(path))
    loaded = load_text(str(path))
    paragraphs = loaded.text.strip().split("\n\n")
    assert paragraphs[0] == TITLE.upper()
    assert paragraphs[1] == PARAGRAPHS[0]
    assert paragraphs[2] == PARAGRAPHS[1].lower() + " Ghi chú bằng Unicode."
    assert "converted from TCVN3 (ABC)" in (loaded.note or "") and "converted from VNI" in (loaded.note or "")


def test_font_names_choose_the_table() -> None:
    assert decode_font_run("\xae\xb8", ".VnArial") == ("đá", Legacy.TCVN3)
    assert decode_font_run("\xf1a\xf9", "VNI-Helve") == ("đá", Legacy.VNI)
    assert decode_font_run("\xae\xb8", "Arial") == ("\xae\xb8", None)


def test_docx_legacy_text_without_its_font_keeps_heading_offsets(tmp_path: Path) -> None:
    """VNI text whose font was replaced: found by its statistics, converted block by block."""
    import docx

    document = docx.Document()
    document.add_heading(encode(TITLE, Legacy.VNI).decode("latin-1"), 1)
    for paragraph in PARAGRAPHS:
        document.add_paragraph(encode(paragraph, Legacy.VNI).decode("latin-1"))
    path = tmp_path / "lost-font.docx"
    document.save(str(path))
    loaded = load_text(str(path))
    assert loaded.note == "converted from VNI"
    assert [(loaded.text[h.start : h.end], h.text) for h in loaded.headings] == [(TITLE, TITLE)]
    assert PARAGRAPHS[-1] in loaded.text
