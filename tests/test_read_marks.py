"""Read articles kept between sessions: atomic private writes, damaged files moved aside."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tui.app.read_marks import ReadMarks, default_file


def test_marks_survive_a_new_session_in_a_private_file(tmp_path: Path) -> None:
    file = tmp_path / "data" / "read.json"
    marks, warning = ReadMarks.load(file)
    assert warning is None and not marks.is_read("a.txt")
    assert marks.mark(str(tmp_path / "a.txt")) is True
    assert marks.mark(str(tmp_path / "a.txt")) is False
    assert marks.save() is None
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    again, warning = ReadMarks.load(file)
    assert warning is None
    assert again.is_read(str(tmp_path / "x" / ".." / "a.txt"))  # the same file by another spelling
    assert not again.is_read(str(tmp_path / "b.txt"))
    assert [p.name for p in file.parent.iterdir()] == ["read.json"]  # no temporary left behind


@pytest.mark.parametrize("content", [b"{not json", b'{"version": 1, "read": [3]}', b"\xff\xfe", b"[]"])
def test_a_damaged_file_is_moved_aside_with_one_warning(tmp_path: Path, content: bytes) -> None:
    file = tmp_path / "read.json"
    file.write_bytes(content)
    marks, warning = ReadMarks.load(file)
    assert warning is not None and str(file) in warning and "\n" not in warning
    assert not file.exists()
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("read.json.damaged-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content  # kept, never deleted
    marks.mark("a.txt")
    assert marks.save() is None and ReadMarks.load(file)[0].is_read("a.txt")


def test_lives_in_the_data_folder_not_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_file().is_relative_to(tmp_path / "data")


def test_a_save_that_fails_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    marks = ReadMarks(blocker / "read.json")
    marks.mark("a.txt")
    message = marks.save()
    assert message is not None and "read.json" in message
    assert os.listdir(tmp_path) == ["not-a-folder"]


def test_a_whole_list_is_looked_up_as_each_path_would_be(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    real.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (real / name).write_text("x")
    (tmp_path / "linked").symlink_to(real)  # a folder reached through a link
    (real / "other-name.txt").symlink_to(real / "b.txt")  # a file link with a name of its own
    marks = ReadMarks(tmp_path / "read.json")
    listed = [
        str(real / "a.txt"),
        str(tmp_path / "linked" / "a.txt"),
        str(real / "other-name.txt"),
        str(real / "c.txt"),
        str(tmp_path / "linked" / ".." / "real" / "b.txt"),
    ]
    assert marks.read_among(listed) == [False] * 5  # nothing read: nothing looked at
    marks.mark(str(real / "a.txt"))
    marks.mark(str(tmp_path / "linked" / "b.txt"))
    monkeypatch.chdir(real)
    relative = ["a.txt", "c.txt", "../linked/other-name.txt"]
    expected = [True, True, True, False, True, True, False, True]  # the list, then the relative paths
    assert marks.read_among(listed + relative) == expected
    assert [marks.is_read(p) for p in listed + relative] == expected
    marks.flag(str(real / "c.txt"), True)
    assert marks.flagged_among(listed) == [False, False, False, True, False]


def test_flags_are_kept_beside_the_read_articles(tmp_path: Path) -> None:
    file = tmp_path / "read.json"
    marks, _ = ReadMarks.load(file)
    marks.flag(str(tmp_path / "a.txt"), True)
    marks.flag(str(tmp_path / "b.txt"), True)
    marks.flag(str(tmp_path / "b.txt"), False)
    assert marks.save() is None
    again, warning = ReadMarks.load(file)
    assert warning is None
    assert again.is_flagged(str(tmp_path / "a.txt")) and not again.is_flagged(str(tmp_path / "b.txt"))
    assert not again.is_read(str(tmp_path / "a.txt"))  # a flag does not mark it read
    before = file.stat().st_mtime_ns
    assert again.save() is None and file.stat().st_mtime_ns == before  # nothing changed: nothing written


def test_a_file_of_the_first_version_is_read_without_flags(tmp_path: Path) -> None:
    file = tmp_path / "read.json"
    file.write_text('{"version": 1, "read": ["/x/a.txt"]}', encoding="utf-8")
    marks, warning = ReadMarks.load(file)
    assert warning is None and marks.is_read("/x/a.txt") and not marks.is_flagged("/x/a.txt")


def test_a_damaged_flag_list_is_moved_aside(tmp_path: Path) -> None:
    file = tmp_path / "read.json"
    file.write_text('{"version": 2, "read": [], "flagged": [1]}', encoding="utf-8")
    _, warning = ReadMarks.load(file)
    assert warning is not None and "damaged" in warning and not file.exists()
