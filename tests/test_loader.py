from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from tui.core.loader import LoadError, decode, find_articles, load_text

VIETNAMESE = "Hội nghị tổng kết công tác năm 2021 tại Thái Nguyên.\n"


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    plain = load_text(write(tmp_path / "a.txt", VIETNAMESE.encode("utf-8")))
    bom = load_text(write(tmp_path / "b.txt", b"\xef\xbb\xbf" + VIETNAMESE.encode("utf-8")))
    assert plain.text == bom.text == VIETNAMESE
    assert (plain.encoding, bom.encoding) == ("utf-8", "utf-8-sig")
    assert plain.note is None and bom.note is None


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    loaded = load_text(write(tmp_path / "a.txt", bom + VIETNAMESE.encode(codec)))
    assert loaded.text == VIETNAMESE
    assert loaded.encoding == "utf-16"


TONES = "\u0300\u0301\u0303\u0309\u0323"


def as_windows_1258(text: str) -> bytes:
    """Windows-1258 spelling: base letters precomposed, tone marks as combining characters."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONES))
        out.append(base + "".join(p for p in parts if p in TONES))
    return "".join(out).encode("cp1258")


def test_windows_1258_fallback_is_reported_and_normalised(tmp_path: Path) -> None:
    # Windows-1258 writes tones as combining marks: decoding must end in NFC.
    data = as_windows_1258(VIETNAMESE)
    assert data.decode("cp1258") != VIETNAMESE
    loaded = load_text(write(tmp_path / "legacy.txt", data))
    assert loaded.text == VIETNAMESE
    assert loaded.encoding == "windows-1258"
    assert loaded.note and "Windows-1258" in loaded.note


def test_text_is_nfc_normalised(tmp_path: Path) -> None:
    loaded = load_text(write(tmp_path / "nfd.txt", unicodedata.normalize("NFD", VIETNAMESE).encode()))
    assert loaded.text == VIETNAMESE
    assert unicodedata.is_normalized("NFC", loaded.text)


def test_invisible_word_splitters_are_removed(tmp_path: Path) -> None:
    """A zero width space inside a name ("Jae-\u200bin") would split it for search and entities;
    the list's quick first-line title and the analysis agree on the text without it."""
    from tui.app.articles import first_line

    raw = "Ông Moon Jae-\u200bin đắc cử, nhiều quan chức\u2060 từ chức\n\nNội dung bài.\ufeff\n"
    path = write(tmp_path / "zw.txt", raw.encode())
    loaded = load_text(path)
    assert loaded.text == "Ông Moon Jae-in đắc cử, nhiều quan chức từ chức\n\nNội dung bài.\n"
    assert first_line(path) == "Ông Moon Jae-in đắc cử, nhiều quan chức từ chức"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n \t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_content_is_refused_with_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path / "bad.txt", data)
    with pytest.raises(LoadError) as caught:
        load_text(path)
    assert reason in caught.value.reason
    assert str(caught.value).startswith(path)


def test_invalid_utf16_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="invalid utf-16"):
        load_text(write(tmp_path / "odd.txt", b"\xff\xfe\x41"))


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", b"a" * 5000)
    with pytest.raises(LoadError, match="too large"):
        load_text(path, max_bytes=1000)


def test_unreadable_and_missing_paths(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"cannot read|no such"):
        load_text(str(tmp_path / "missing.txt"))
    locked = tmp_path / "locked.txt"
    locked.write_text(VIETNAMESE)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anything: nothing to check
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(LoadError, match="cannot read"):
            load_text(str(locked))
    finally:
        locked.chmod(0o644)


def test_find_articles_recurses_sorted_and_filters(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ["b/2.txt", "b/1.md", "a.txt", "notes.xlsx", "b/image.png"]:
        (tmp_path / name).write_text("x")
    found = list(find_articles([tmp_path, tmp_path / "missing"]))
    names = [f for f in found if isinstance(f, str)]
    errors = [f for f in found if isinstance(f, LoadError)]
    assert [Path(n).relative_to(tmp_path).as_posix() for n in names] == ["a.txt", "b/1.md", "b/2.txt"]
    assert len(errors) == 1 and "no such file" in errors[0].reason


def test_find_articles_keeps_a_folder_together_before_a_longer_name(tmp_path: Path) -> None:
    # "a-b" sorts before "a/" as plain strings ("-" < "/"): by components, folder a comes first
    for name in ["a-b/c.txt", "a/b.TXT", "a/z/d.txt", "a.txt", "a0.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [Path(f).relative_to(tmp_path).as_posix() for f in find_articles([tmp_path]) if isinstance(f, str)]
    assert found == ["a/b.TXT", "a/z/d.txt", "a-b/c.txt", "a.txt", "a0.txt"]


def test_loading_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(VIETNAMESE.encode())
    before = (path.stat().st_mtime_ns, path.read_bytes())
    load_text(str(path))
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_decode_reports_the_path() -> None:
    with pytest.raises(LoadError) as caught:
        decode(b"\x00\x01", "some/file.txt")
    assert caught.value.path == "some/file.txt"


def test_load_error_crosses_process_boundaries() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(LoadError("a/b.txt", "empty file")))
    assert (error.path, error.reason, str(error)) == ("a/b.txt", "empty file", "a/b.txt: empty file")
