"""Who may use a cache folder and file: exact reasons for refusals, and the modes they are left with."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tui.core.cache.folder import prepare_file, prepare_folder


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_a_new_folder_is_made_with_its_parents_and_closed(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b" / "cache"
    assert prepare_folder(folder) is None
    assert folder.is_dir() and _mode(folder) == 0o700
    assert prepare_folder(folder) is None  # an existing private folder is fine


@pytest.mark.parametrize(("mode", "left"), [(0o755, 0o700), (0o750, 0o700), (0o500, 0o500)])
def test_read_and_list_rights_of_others_are_dropped(tmp_path: Path, mode: int, left: int) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(mode)
    assert prepare_folder(folder) is None
    assert _mode(folder) == left


@pytest.mark.parametrize("mode", [0o720, 0o702, 0o777])
def test_a_folder_others_may_write_is_refused_and_left_alone(tmp_path: Path, mode: int) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(mode)
    assert prepare_folder(folder) == f"others may write to it (mode {mode:o})"
    assert _mode(folder) == mode


def test_a_file_where_the_folder_should_be_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.write_text("x")
    assert prepare_folder(folder) == "cannot create the folder (File exists)"
    assert folder.read_text() == "x"
    below = folder / "inner"
    reason = prepare_folder(below)
    assert reason is not None and reason.startswith("cannot create the folder (")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder away")
def test_a_folder_or_file_of_another_user_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    assert prepare_folder(folder) == "it belongs to another user (uid 65534)"
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    path = mine / "cache.sqlite"
    path.touch(mode=0o644)
    os.chown(path, 65534, 65534)
    assert prepare_file(path) == "it belongs to another user (uid 65534)"
    assert _mode(path) == 0o644  # not ours: not touched


def test_a_new_file_is_empty_and_private_with_its_companions(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    assert prepare_file(path) is None
    assert path.stat().st_size == 0 and _mode(path) == 0o600
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").touch()
        Path(f"{path}{suffix}").chmod(0o644)
    assert prepare_file(path) is None
    assert [_mode(Path(f"{path}{s}")) for s in ("", "-wal", "-shm")] == [0o600] * 3


def test_an_existing_file_keeps_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"stored")
    path.chmod(0o400)
    assert prepare_file(path) is None
    assert path.read_bytes() == b"stored" and _mode(path) == 0o400


@pytest.mark.parametrize("mode", [0o620, 0o602])
def test_a_file_others_may_write_is_refused_and_left_alone(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "cache.sqlite"
    path.touch()
    path.chmod(mode)
    assert prepare_file(path) == f"others may write to it (mode {mode:o})"
    assert _mode(path) == mode


def test_a_symbolic_link_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_bytes(b"user data")
    target.chmod(0o644)
    link = tmp_path / "cache.sqlite"
    link.symlink_to(target)
    assert prepare_file(link) == "it is a symbolic link"
    assert target.read_bytes() == b"user data" and _mode(target) == 0o644
    dangling = tmp_path / "dangling.sqlite"
    dangling.symlink_to(tmp_path / "nowhere")
    assert prepare_file(dangling) == "it is a symbolic link"
    assert not (tmp_path / "nowhere").exists()


def test_a_companion_link_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_bytes(b"user data")
    target.chmod(0o644)
    path = tmp_path / "cache.sqlite"
    Path(f"{path}-wal").symlink_to(target)
    assert prepare_file(path) is None
    assert _mode(target) == 0o644


def test_a_folder_in_place_of_the_file_is_left_to_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    path.mkdir()
    assert prepare_file(path) is None  # SQLite then says what it cannot open
    assert path.is_dir()
