"""A cache cannot run code, is closed to other users, and refuses a folder others may write."""

from __future__ import annotations

import os
import pickle
import sqlite3
import stat
from pathlib import Path

import pytest

from tui import cli, index
from tui.app.cached import CacheReader
from tui.config import Config
from tui.core.cache import open_cache
from tui.core.pipeline import Options
from tui.core.service import analyse_path

ARTICLE = (
    "Khánh thành cầu mới qua sông\n\nSáng nay, tỉnh tổ chức lễ khánh thành cây cầu mới bắc qua sông lớn. "
    "Cây cầu dài 1.200 mét, rút ngắn thời gian đi lại giữa hai huyện. Người dân hai bên bờ rất phấn khởi.\n"
)


class Planted:
    """What an attacker plants: unpickling it runs a shell command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (os.system, (f"touch {self.marker}",))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "bai.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_planted_pickle_runs_nothing_and_is_replaced(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "reports-tui"
    assert cli.main(["summarize", str(article)]) == 0
    capsys.readouterr()
    marker = tmp_path / "MARKER"
    payload = pickle.dumps(Planted(marker))
    db = sqlite3.connect(folder / "cache.sqlite")
    with db:
        assert db.execute("UPDATE analyses SET data = ?", (payload,)).rowcount == 1
    db.close()

    reader = CacheReader(Options())
    assert reader.get(str(article)) is None  # a miss, never executed
    reader.close()
    assert cli.main(["summarize", str(article)]) == 0
    assert "Khánh thành cầu mới qua sông" in capsys.readouterr().out
    assert not marker.exists()
    reader = CacheReader(Options())
    recovered = reader.get(str(article))  # summarize stored a good entry over the planted one
    reader.close()
    assert recovered is not None and recovered.document.title == "Khánh thành cầu mới qua sông"
    assert not marker.exists()


def test_cache_folder_and_files_are_private(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "xdg" / "reports-tui"
    cache = open_cache(folder=folder)
    analyse_path(str(article), Options(algorithm="lead"), entities=False, cache=cache)
    assert _mode(folder) == 0o700
    files = [p for p in folder.iterdir()]
    assert {p.name for p in files} >= {"cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm"}
    assert all(_mode(p) == 0o600 for p in files)
    cache.close()


def test_an_older_open_folder_of_ours_is_closed(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "old"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    (folder / "cache.sqlite").touch(mode=0o644)
    (folder / "cache.sqlite").chmod(0o644)
    cache = open_cache(folder=folder)
    cache.close()
    assert _mode(folder) == 0o700 and _mode(folder / "cache.sqlite") == 0o600


@pytest.mark.parametrize("mode", [0o777, 0o770])
def test_folder_others_may_write_is_refused(article: Path, tmp_path: Path, mode: int) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(mode)
    warnings: list[str] = []
    cache = open_cache(warn=warnings.append, folder=folder)
    result = analyse_path(str(article), Options(algorithm="lead"), entities=False, cache=cache)
    assert result.document.title == "Khánh thành cầu mới qua sông"  # works without the cache
    assert len(warnings) == 1 and "others may write" in warnings[0]
    assert list(folder.iterdir()) == [] and _mode(folder) == mode  # nothing created, nothing changed
    cache.close()


def test_file_others_may_write_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir(mode=0o700)
    (folder / "cache.sqlite").touch()
    (folder / "cache.sqlite").chmod(0o666)
    warnings: list[str] = []
    open_cache(warn=warnings.append, folder=folder).close()
    assert "others may write" in warnings[0]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a folder away")
def test_folder_of_another_user_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    warnings: list[str] = []
    cache = open_cache(warn=warnings.append, folder=folder)
    assert cache.count() == 0 and "another user" in warnings[0]
    assert list(folder.iterdir()) == []
    cache.close()


def test_index_reports_write_failures_and_exits_non_zero(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "reports-tui"
    folder.mkdir(parents=True)
    folder.chmod(0o777)  # refused: nothing can be saved
    assert index.run_index([str(article)], Config(algorithm="lead"), jobs=1) == 1
    err = capsys.readouterr().err
    assert "1 analysed" in err and "1 analyses could not be saved" in err
