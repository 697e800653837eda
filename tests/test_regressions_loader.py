"""What the loader tells the user about a file it refuses, and where its limits lie.

Every refusal is one line naming the file and the reason (the command line and the interface show it
as it is), so the tests compare whole messages. Written where mutation testing showed messages, paths
and limits that no test pinned down.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tui.core import readers
from tui.core.loader import (
    LoadError,
    content_hash,
    decode,
    find_articles,
    load_bytes,
    load_text,
    looks_binary,
    read_start,
)

ARTICLE = "Tin vắn: trường học mở cửa lại từ thứ hai tuần sau.\n"


def _write(folder: Path, data: bytes, name: str = "bai.txt") -> str:
    path = folder / name
    path.write_bytes(data)
    return str(path)


def _refusal(path: str, max_bytes: int = 1_000_000) -> LoadError:
    with pytest.raises(LoadError) as caught:
        load_text(path, max_bytes)
    return caught.value


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"abc\x00def", "binary file (contains NUL bytes)"),
        # Invalid UTF-8 with bytes Windows-1258 leaves undefined.
        (b"\xe1\x81\x8d\x8f\x90 text", "not UTF-8, UTF-16 or Windows-1258 text"),
        # Valid Windows-1258 (not UTF-8) that is mostly control characters.
        (b"\x01\x02\x03\x04\x05\xe9\x06\x07", "binary file (control characters)"),
        # Valid UTF-8 that is mostly control characters.
        (b"\x01\x02\x03\x04 abc", "binary file (control characters)"),
        (b"\xef\xbb\xbfabc\xff", "invalid utf-8 at byte 3"),
        (b"\xff\xfe\x41", "invalid utf-16 at byte 2"),
        ("\ufeff \n".encode(), "empty file"),  # nothing left once the invisible mark is gone
    ],
)
def test_each_refusal_names_the_file_and_the_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, data)
    error = _refusal(path)
    assert (error.path, error.reason, str(error)) == (path, reason, f"{path}: {reason}")
    assert error.args == (reason,)


def test_decode_names_the_path_it_is_given() -> None:
    with pytest.raises(LoadError) as caught:
        decode(b"\xef\xbb\xbf\xff", "a/b.txt")
    assert str(caught.value) == "a/b.txt: invalid utf-8 at byte 0"


def test_a_refusal_survives_pickling_whole() -> None:
    error = pickle.loads(pickle.dumps(LoadError("a/b.txt", "empty file")))
    assert (error.path, error.reason, error.args) == ("a/b.txt", "empty file", ("empty file",))


def test_the_legacy_fallback_note_says_what_happened(tmp_path: Path) -> None:
    loaded = load_text(_write(tmp_path, "Hà Nội mưa to.".encode("cp1258", errors="ignore") + b"\xe9"))
    assert loaded.note == "not valid UTF-8: decoded as Windows-1258 (legacy fallback)"


def test_a_loaded_file_keeps_its_path_and_its_bytes_hash(tmp_path: Path) -> None:
    data = ARTICLE.encode()
    path = _write(tmp_path, data)
    loaded = load_text(path)
    assert (loaded.path, loaded.text, loaded.encoding, loaded.note) == (path, ARTICLE, "utf-8", None)
    assert loaded.content_hash == content_hash(data)


def test_content_hash_is_128_bits_of_the_bytes() -> None:
    digest = content_hash(b"abc")
    assert len(digest) == 32 and int(digest, 16) >= 0
    assert digest == content_hash(b"abc") != content_hash(b"abd")


def test_the_size_limit_is_inclusive(tmp_path: Path) -> None:
    data = ARTICLE.encode()
    path = _write(tmp_path, data)
    assert load_text(path, max_bytes=len(data)).text == ARTICLE
    error = _refusal(path, max_bytes=len(data) - 1)
    size, limit = f"{len(data):,}", f"{len(data) - 1:,}"
    assert str(error) == (
        f"{path}: file too large ({size} bytes; the limit is {limit}, set by max_file_bytes in config.toml)"
    )


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    assert str(_refusal(str(tmp_path))) == f"{tmp_path}: is a folder, not a file"


def test_a_missing_file_says_why_it_cannot_be_read(tmp_path: Path) -> None:
    path = str(tmp_path / "missing.txt")
    assert str(_refusal(path)) == f"{path}: cannot read (No such file or directory)"


def test_control_characters_up_to_one_percent_are_text() -> None:
    assert not looks_binary("")
    assert not looks_binary("a" * 99 + "\x01")  # exactly 1%
    assert looks_binary("a" * 98 + "\x01\x02")
    assert not looks_binary("a" * 100 + "\n\r\t\x0b\x0c")  # whitespace is not a control character here
    assert looks_binary("a" * 50 + "\x7f\x85")  # DEL and C1 controls are


def test_only_the_first_20000_characters_are_sampled() -> None:
    start = "a" * 19_800 + "\x01" * 200  # exactly 1% of the sample
    assert not looks_binary(start + "\x01" * 5_000)


def test_find_articles_reports_each_bad_path_and_goes_on(tmp_path: Path) -> None:
    article = _write(tmp_path, ARTICLE.encode(), "a.txt")
    missing = tmp_path / "missing"
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    found = list(find_articles([missing, fifo, article]))
    assert [str(f) for f in found] == [
        f"{missing}: no such file or folder",
        f"{fifo}: not a regular file",
        article,
    ]
    assert [type(f) for f in found] == [LoadError, LoadError, str]
    assert [f.path for f in found if isinstance(f, LoadError)] == [str(missing), str(fifo)]


def test_a_folder_that_cannot_be_listed_is_reported_and_the_rest_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    article = _write(tmp_path, ARTICLE.encode(), "a.txt")

    scandir = os.scandir

    def refuse(path: str) -> object:
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    found = list(find_articles([locked, article]))
    assert [str(f) for f in found] == [f"{locked}: cannot list folder (Permission denied)", article]
    assert isinstance(found[0], LoadError) and found[0].path == str(locked)


class _Listing:
    """``os.scandir``'s entries in a fixed order (by name, or the reverse), so a walk's order is known."""

    def __init__(self, path: str, reverse: bool, scandir: Callable[[str], Any]) -> None:
        with scandir(path) as scan:
            self.entries = sorted(scan, key=lambda e: e.name, reverse=reverse)

    def __enter__(self) -> list[os.DirEntry[str]]:
        return self.entries

    def __exit__(self, *exc: object) -> None:
        return None


def _walk_in_both_orders(monkeypatch: pytest.MonkeyPatch, root: Path, refused: Path | None = None) -> list[list[str]]:
    """find_articles(root) as strings, with the folders' entries listed by name and then in reverse."""
    scandir = os.scandir
    walks = []
    for reverse in (False, True):

        def listing(path: str, reverse: bool = reverse) -> _Listing:
            if refused is not None and os.fspath(path) == str(refused):
                raise PermissionError(13, "Permission denied")
            return _Listing(path, reverse, scandir)

        monkeypatch.setattr(os, "scandir", listing)
        walks.append([str(f) for f in find_articles([root])])
    monkeypatch.setattr(os, "scandir", scandir)
    return walks


def test_a_link_back_up_the_tree_ends_there_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "z").mkdir()
    first = _write(tmp_path / "a", ARTICLE.encode(), "1.txt")
    last = _write(tmp_path / "z", ARTICLE.encode(), "2.txt")
    (tmp_path / "m").symlink_to(tmp_path)  # the folder itself, met between the two others
    (tmp_path / "a" / "up").symlink_to(tmp_path)
    for walk in _walk_in_both_orders(monkeypatch, tmp_path):
        assert walk == [first, last]


def test_a_folder_inside_that_cannot_be_listed_does_not_stop_the_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "m", "z"):
        (tmp_path / name).mkdir()
    first = _write(tmp_path / "a", ARTICLE.encode(), "1.txt")
    last = _write(tmp_path / "z", ARTICLE.encode(), "2.txt")
    refused = tmp_path / "m"
    for walk in _walk_in_both_orders(monkeypatch, tmp_path, refused):
        assert walk == [first, f"{refused}: cannot list folder (Permission denied)", last]


def test_odd_entries_named_like_articles_are_reported(tmp_path: Path) -> None:
    article = _write(tmp_path, ARTICLE.encode(), "a.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "c.txt").symlink_to(tmp_path / "c.txt")  # a link to itself cannot be looked at
    os.mkfifo(tmp_path / "d.txt")
    (tmp_path / "e.txt").symlink_to(article)  # a working link to an article is one
    (tmp_path / "e2.txt").symlink_to(tmp_path / "d.txt")  # a link to a FIFO is not broken
    (tmp_path / "f.bin").symlink_to(tmp_path / "gone.bin")  # not named like an article: left alone
    found = list(find_articles([tmp_path]))
    assert [(type(f), str(f)) for f in found] == [
        (str, article),
        (LoadError, f"{tmp_path / 'b.txt'}: broken link"),
        (LoadError, f"{tmp_path / 'c.txt'}: cannot open (Too many levels of symbolic links)"),
        (LoadError, f"{tmp_path / 'd.txt'}: not a regular file"),
        (str, str(tmp_path / "e.txt")),
        (LoadError, f"{tmp_path / 'e2.txt'}: not a regular file"),
    ]
    assert [f.path for f in found if isinstance(f, LoadError)] == [
        str(tmp_path / n) for n in ("b.txt", "c.txt", "d.txt", "e2.txt")
    ]
    assert [f.reason for f in found if isinstance(f, LoadError)][1] == "cannot open (Too many levels of symbolic links)"


def test_the_reader_gets_the_progress_callback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, ARTICLE.encode())
    seen: list[object] = []
    extract = readers.extract

    def spy(path: str, data: bytes, progress: object = None) -> Any:
        seen.append(progress)
        return extract(path, data)

    monkeypatch.setattr(readers, "extract", spy)

    def progress(page: int, pages: int) -> None:
        return None

    load_text(path, progress=progress)
    load_bytes(path, ARTICLE.encode(), progress)
    assert seen == [progress, progress]


def test_a_loaded_file_keeps_what_its_reader_found(tmp_path: Path) -> None:
    source = "---\ntitle: Cầu mới thông xe\nauthor: Minh Anh\n---\n\n# Cầu mới\n\nCây cầu mới được thông xe hôm qua.\n"
    loaded = load_text(_write(tmp_path, source.encode(), "bai.md"))
    assert loaded.format == "markdown"
    assert loaded.metadata == {"title": "Cầu mới thông xe", "author": "Minh Anh"}
    assert [(h.text, h.level) for h in loaded.headings] == [("Cầu mới", 1)]


def test_the_start_of_a_file_is_read_past_any_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, ARTICLE.encode())
    assert read_start(path, 7) == ARTICLE.encode()[:7]
    assert read_start(path, 10_000) == ARTICLE.encode()


def test_the_reader_notes_are_said_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, ARTICLE.encode())
    extract = readers.extract

    def two_notes(path: str, data: bytes, progress: object = None) -> Any:
        return replace(extract(path, data), notes=("converted from .doc", "read by OCR"))

    monkeypatch.setattr(readers, "extract", two_notes)
    assert load_text(path).note == "converted from .doc; read by OCR"
